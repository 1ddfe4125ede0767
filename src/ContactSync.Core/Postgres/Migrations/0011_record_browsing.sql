-- The operator's records list filters by source and state and pages by key; runs by source and time.
create index sync_records_status_idx on sync_records (source, status, source_id);
create index sync_records_run_idx on sync_records (last_run_id, source, source_id);
create index sync_runs_started_idx on sync_runs (started_at desc, id desc);
