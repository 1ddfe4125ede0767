-- One contact may be held by records of several sources (the register and the CRM bring the same director): still
-- one record per contact within a source, but no longer across sources.
drop index sync_records_nexudus_id_key;
create unique index sync_records_source_nexudus_id_key on sync_records (source, nexudus_id) where nexudus_id is not null;
create index sync_records_nexudus_id_idx on sync_records (nexudus_id) where nexudus_id is not null;
