-- Whether ContactSync made a record's contact ('created') or found it on the contract, put there by somebody else
-- ('found': linked by matching, or adopted after a lost answer). ContactSync only ever changes or removes contacts its
-- ledger holds, and removes only those it created unless told otherwise. Before this release every contact was one
-- ContactSync created (an adoption found the create's own contact).
alter table sync_records add column origin text check (origin in ('created', 'found'));
update sync_records set origin = 'created' where nexudus_id is not null;

-- A record gone from the source whose contact another record (the same person under a new key) took over.
alter table sync_records drop constraint sync_records_status_check;
alter table sync_records add constraint sync_records_status_check
    check (status in ('pending', 'in_flight', 'synced', 'rejected', 'failed', 'superseded'));

-- Records linked to a contact already on their contract, by run.
alter table sync_runs add column linked int not null default 0;
