-- Alerts (docs/alerts-and-metrics.md): each (source, condition) is good or bad, and a change of state is announced once. The
-- state and the announcement change in one statement, so several replicas evaluating at once send it once.

-- Why an aborted run stopped. A run cancelled by a shutdown resumes at the next run and is not a failure to alert on;
-- 'abandoned': its worker stopped without closing it (the next run closed it).
alter table sync_runs add column abort_reason text check (abort_reason in (
    'nexudus_unavailable', 'nexudus_configuration', 'source_configuration', 'source_unavailable', 'cancelled', 'abandoned'));

-- One row per source and condition ('' for the account-wide ones), once first evaluated. first_seen_at starts the
-- clock of a source that has never finished a run.
create table alert_states (
    source        text not null,
    condition     text not null,
    bad           boolean not null,
    first_seen_at timestamptz not null,
    changed_at    timestamptz not null,
    event_id      uuid,
    primary key (source, condition)
);

-- What is to be sent, one row per event and target, until it is delivered or given up on (dead). Payloads carry
-- source names, counts and links: never personal data. last_error says what the receiver answered (a status, or
-- the kind of network failure), never a URL.
create table alert_outbox (
    id              bigint generated always as identity primary key,
    event_id        uuid not null,
    target          text not null check (target in ('webhook', 'slack')),
    payload         text not null,
    created_at      timestamptz not null,
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    last_error      text,
    unique (event_id, target)
);
create index alert_outbox_due_idx on alert_outbox (target, id) where delivered_at is null and dead_at is null;
