-- A record its source holds but has not verified (a KYC review not approved yet): nothing is sent for it, and a
-- contact already written for it stays. Neither a rejection nor a failure: runs count it on its own.
alter table sync_records drop constraint sync_records_status_check;
alter table sync_records add constraint sync_records_status_check
    check (status in ('pending', 'in_flight', 'synced', 'rejected', 'failed', 'superseded', 'conflict', 'removed', 'gone', 'unverified'));
alter table sync_runs add column unverified int not null default 0;
-- Whether the source last said it has not verified the record: what a record with no desired payload waits as once
-- a claim on it ends (a removal not sent, a doubt settled), so it is not taken for a rejection.
alter table sync_records add column unverified boolean not null default false;
