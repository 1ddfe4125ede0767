-- One row per run of a source, with its counts. Counts are written when the run ends.
create table sync_runs (
    id          uuid primary key,
    source      text not null,
    trigger     text not null,
    status      text not null check (status in ('running', 'succeeded', 'completed_with_errors', 'skipped', 'aborted')),
    started_at  timestamptz not null,
    finished_at timestamptz,
    total       int not null default 0,
    created     int not null default 0,
    updated     int not null default 0,
    adopted     int not null default 0,
    unchanged   int not null default 0,
    rejected    int not null default 0,
    failed      int not null default 0,
    error       text
);
create index sync_runs_source_started_idx on sync_runs (source, started_at desc);

-- One row per (source, source_id): what the source wants (desired_*), what Nexudus was last sent
-- successfully (synced_hash, nexudus_id) and where the record stands. desired_payload holds personal data:
-- it lives here and nowhere else (not in logs, not in Hangfire).
create table sync_records (
    source               text not null,
    source_id            text not null,
    line_number          bigint,
    coworker_contract_id int,
    contact_type         smallint,
    desired_payload      jsonb,
    desired_hash         text,
    synced_hash          text,
    -- The hash of the payload most recently sent; a Nexudus rejection of it is not retried until it changes.
    attempted_hash       text,
    nexudus_id           int,
    status               text not null check (status in ('pending', 'in_flight', 'synced', 'rejected', 'failed')),
    attempts             int not null default 0,
    last_error           text,
    last_run_id          uuid,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    primary key (source, source_id)
);
create index sync_records_push_idx on sync_records (source, coworker_contract_id, source_id)
    where status in ('pending', 'in_flight', 'failed');
create index sync_records_contract_idx on sync_records (coworker_contract_id) where nexudus_id is not null;
create index sync_records_attention_idx on sync_records (source, updated_at desc) where status in ('rejected', 'failed');

-- Rows that cannot be keyed: a line the source could not read, or a source_id seen twice in one run.
create table sync_rejections (
    run_id      uuid not null references sync_runs (id) on delete cascade,
    line_number bigint not null,
    source_id   text,
    reason      text not null,
    primary key (run_id, line_number)
);

-- Nexudus's countries, cached so a run that needs no other call makes none.
create table nexudus_countries (
    two_digits_code text primary key,
    id              int not null,
    name            text not null,
    fetched_at      timestamptz not null
);
