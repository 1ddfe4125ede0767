-- What ContactSync last wrote to a record's contact (personal data, like desired_payload): an update compares the
-- contact's mapped fields with it to notice an edit made in Nexudus since. Null for a contact it found and has not
-- written yet.
alter table sync_records add column synced_payload jsonb;
-- A contact synced before this release holds what its record last wanted: that is what ContactSync last wrote.
update sync_records set synced_payload = desired_payload
where nexudus_id is not null and status = 'synced' and synced_hash = desired_hash and origin = 'created';
-- The last conflict an update met: the fields edited in Nexudus (names only) and what was done about it.
alter table sync_records add column last_conflict text;

-- 'conflict': edited in Nexudus and kept so (Conflicts=NexudusWins), for an operator. 'removed': gone from the source
-- and deleted from Nexudus (Mirror). 'gone': its contact was deleted in Nexudus by somebody else, noticed by a drift
-- check, and not created again (CreateOnly).
alter table sync_records drop constraint sync_records_status_check;
alter table sync_records add constraint sync_records_status_check
    check (status in ('pending', 'in_flight', 'synced', 'rejected', 'failed', 'superseded', 'conflict', 'removed', 'gone'));

alter table sync_runs add column removed int not null default 0;
alter table sync_runs add column conflicts int not null default 0;
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs add constraint sync_runs_status_check
    check (status in ('running', 'succeeded', 'completed_with_errors', 'skipped', 'aborted', 'budget_exhausted', 'lock_lost', 'held', 'dry_run'));

-- When each source last read Nexudus whole to notice drift.
create table source_reconciliations (
    source      text primary key,
    checked_at  timestamptz not null
);
