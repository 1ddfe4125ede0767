-- A record's placement looks at the other records on its contract and type (its own source's, and other sources'):
-- without an index that read the whole ledger, about 1.6 s a record at a million rows.
create index sync_records_placement_idx on sync_records (coworker_contract_id, contact_type);

-- The records list by state across every source (no skip scan before PostgreSQL 18 to use the (source, status) index).
create index sync_records_state_idx on sync_records (status, source, source_id);
