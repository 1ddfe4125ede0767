-- A run's hold on its source (docs/decisions/0001-idempotency-protocol.md). It replaces the session advisory lock,
-- which lived on an idle connection and vanished with it (idle_session_timeout, a pooler, a restart) while the run
-- went on. The run renews its row while it works; another run may take the row only once it has expired, by the
-- database's clock. Every ingest write and every claim of a record checks, in the same statement, that the row still
-- names the run and has not expired.
create table source_leases (
    source      text primary key,
    run_id      uuid not null,
    acquired_at timestamptz not null,
    renewed_at  timestamptz not null,
    expires_at  timestamptz not null
);

alter table sync_records
    -- Bumped by every change to the row. A claim is a compare-and-set on it: a run sends nothing for a record that
    -- changed after the run read it.
    add column version bigint not null default 0,
    -- The run whose claim the record is in flight under; only that run settles it.
    add column claimed_by uuid,
    -- Until when the call a claim announced may still be under way (by the database's clock, from the claimant's
    -- own timeouts): no other run looks the record up or sends it before then.
    add column in_flight_until timestamptz,
    -- A create was sent and its outcome is unknown: nothing more is sent until it has been looked up.
    add column in_doubt boolean not null default false,
    -- What that create sent (personal data, kept only while it is in doubt): the look-up searches for it, not for
    -- whatever the source says now.
    add column attempted_payload jsonb,
    -- The highest Nexudus Id the ledger held when that create was claimed. Nexudus numbers records in order, so a
    -- contact with an Id at or below it existed before the create and cannot be what it made.
    add column attempt_floor_id int;

-- What the earlier protocol treated as in doubt stays so, except a payload Nexudus itself refused (a 400 proves no
-- contact was made). What such a create sent is best known as the payload the source wanted then.
update sync_records set in_doubt = true, attempted_payload = desired_payload
where nexudus_id is null and (status = 'in_flight' or attempts > 0)
  and not (status = 'rejected' and attempted_hash is not null);

-- One Nexudus contact, one record. Should the earlier protocol have left two records on one contact, the one synced
-- last keeps it; the others are set aside as rejected, with a reason, for an operator: creating them again would put
-- the same person in Nexudus twice.
with ranked as (
    select source, source_id, nexudus_id,
           row_number() over (partition by nexudus_id order by updated_at desc, source, source_id) as position
    from sync_records where nexudus_id is not null
)
update sync_records r
set nexudus_id = null, synced_hash = null, in_doubt = false, status = 'rejected',
    last_error = 'Held Nexudus contact ' || ranked.nexudus_id || ', which another record holds; an operator must decide which record it is.'
from ranked
where ranked.position > 1 and r.source = ranked.source and r.source_id = ranked.source_id;

create unique index sync_records_nexudus_id_key on sync_records (nexudus_id) where nexudus_id is not null;

-- A run that lost its lease ends with its own outcome.
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs add constraint sync_runs_status_check
    check (status in ('running', 'succeeded', 'completed_with_errors', 'skipped', 'aborted', 'budget_exhausted', 'lock_lost'));
