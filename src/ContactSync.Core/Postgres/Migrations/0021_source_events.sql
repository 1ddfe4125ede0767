-- Events a source announced by webhook (Sumsub's), handled once each: a replay with the same id (Sumsub resends an
-- event it thinks was not received) is accepted and ignored. Rows older than 30 days are pruned as events arrive.
create table source_events (
    source      text not null,
    event_id    text not null,
    received_at timestamptz not null default now(),
    primary key (source, event_id)
);
create index source_events_received_idx on source_events (received_at);
