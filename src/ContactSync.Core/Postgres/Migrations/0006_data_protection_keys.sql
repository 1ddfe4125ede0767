-- The dashboards' data-protection key ring (antiforgery tokens), shared by every replica. It was created by the
-- worker at start outside the numbered migrations; "if not exists" adopts the table where that already happened.
create table if not exists worker_data_protection_keys (
    friendly_name text primary key,
    xml           text not null,
    created_at    timestamptz not null default now()
);
