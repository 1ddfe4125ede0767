-- The Nexudus API budget, shared by every replica (docs/decisions/0003-shared-api-budget.md). budget_key is a
-- hash of the API's base URL and login: the login itself is never stored.

-- One row per call granted: writes are kept for a day, other calls for an hour, then pruned by the next grant.
create table nexudus_budget_calls (
    budget_key text not null,
    sent_at    timestamptz not null,
    is_write   boolean not null
);
create index nexudus_budget_calls_idx on nexudus_budget_calls (budget_key, sent_at desc);
create index nexudus_budget_writes_idx on nexudus_budget_calls (budget_key, sent_at desc) where is_write;
create index nexudus_budget_reads_idx on nexudus_budget_calls (budget_key, sent_at) where not is_write;

-- Nexudus's last word on throttling: every replica pauses until paused_until, and runs at 1/2^slow_level of
-- its per-minute rates, recovering one step every two minutes after slowed_at.
create table nexudus_budget_throttle (
    budget_key   text primary key,
    paused_until timestamptz,
    slow_level   int not null default 0,
    slowed_at    timestamptz
);

-- A run that spent the API budget ends cleanly with its own outcome.
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs add constraint sync_runs_status_check
    check (status in ('running', 'succeeded', 'completed_with_errors', 'skipped', 'aborted', 'budget_exhausted'));
