-- What happened to each record, for the operator's record page: every attempt that ended (when, what it tried, how it
-- ended and why), every change of state the source or an operator caused. Written by a trigger, so no path that
-- settles a record can forget it. Keys, states and reasons only: the payload stays in sync_records.
alter table sync_records add column claim_kind text check (claim_kind in ('resolve', 'create', 'update'));

create table record_events (
    id         bigint generated always as identity primary key,
    source     text not null,
    source_id  text not null,
    at         timestamptz not null,
    run_id     uuid,
    operation  text not null,
    outcome    text not null,
    reason     text,
    nexudus_id int
);
create index record_events_record_idx on record_events (source, source_id, id desc);
create index record_events_at_idx on record_events (at);
create index record_events_run_idx on record_events (run_id, source_id);

create function record_events_write() returns trigger language plpgsql as $$
declare
    operation text;
begin
    if tg_op = 'INSERT' then
        operation := 'read';
    elsif old.status = 'in_flight' and new.status <> 'in_flight' then
        -- A claim ended: the attempt's kind is the one its claim wrote (a removal is an update's claim).
        operation := case when new.status = 'removed' then 'delete' else coalesce(old.claim_kind, 'update') end;
    elsif new.status = 'in_flight' then
        return null; -- a claim starting is an attempt under way, recorded when it ends
    elsif new.desired_hash is distinct from old.desired_hash then
        operation := 'source changed';
    elsif new.status = 'pending' and old.status in ('failed', 'rejected') and new.attempts = 0 then
        operation := 'retry';
    elsif new.last_run_id is distinct from old.last_run_id then
        operation := 'read'; -- a run read the record again, and its state changed with it
    elsif new.status in ('gone', 'conflict') or new.nexudus_id is distinct from old.nexudus_id then
        operation := 'nexudus check';
    else
        operation := 'ledger';
    end if;

    insert into record_events (source, source_id, at, run_id, operation, outcome, reason, nexudus_id)
    values (new.source, new.source_id, new.updated_at, coalesce(old.claimed_by, new.claimed_by, new.last_run_id),
            operation, new.status, new.last_error, new.nexudus_id);
    return null;
end $$;

create trigger record_events_insert after insert on sync_records
    for each row execute function record_events_write();
create trigger record_events_update after update on sync_records
    for each row
    when (old.status is distinct from new.status
          or old.last_error is distinct from new.last_error
          or old.desired_hash is distinct from new.desired_hash
          or old.nexudus_id is distinct from new.nexudus_id
          or (old.status = 'in_flight' and old.claimed_by is distinct from new.claimed_by))
    execute function record_events_write();

-- Who did what from the dashboard, and when: retries, runs started, dry runs, confirmed removals.
create table audit_log (
    id       bigint generated always as identity primary key,
    at       timestamptz not null,
    actor    text not null,
    action   text not null,
    source   text,
    subject  text,
    detail   text,
    client   text
);
create index audit_log_at_idx on audit_log (at desc, id desc);

-- A run started by Hangfire knows its job, so each links to the other; and what it spent of the API budget.
alter table sync_runs add column job_id text,
    add column nexudus_reads int not null default 0,
    add column nexudus_writes int not null default 0,
    add column budget_waited_ms bigint not null default 0;
create index sync_runs_job_idx on sync_runs (job_id) where job_id is not null;

-- A dry run's plan, kept so the dashboard can show it (counts and keys, no personal data).
create table dry_run_plans (
    id          uuid primary key,
    source      text not null,
    requested_by text not null,
    requested_at timestamptz not null,
    finished_at timestamptz,
    plan        jsonb,
    error       text
);
