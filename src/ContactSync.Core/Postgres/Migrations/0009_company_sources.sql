-- The company a record's contact belongs to, when its source names a company (a register number, a CRM company id)
-- instead of a contract: what a run of some companies only, and a company that could not be read, are scoped by.
alter table sync_records add column company_ref text;
create index sync_records_company_idx on sync_records (source, company_ref) where company_ref is not null;

-- Contract resolution, read from Nexudus at most once a run and kept here: the active virtual-office contracts, and
-- for each company customer whose resolution field holds a reference, its contracts among them (none: a row with a
-- null contract, so that "no active contract" can be told apart from "unknown company").
create table resolution_contracts (
    coworker_contract_id int primary key,
    coworker_id          int not null
);
create table resolution_companies (
    field                text not null,
    company_ref          text not null,
    coworker_id          int not null,
    coworker_contract_id int
);
create index resolution_companies_ref_idx on resolution_companies (field, company_ref);
create table resolution_refreshes (
    field        text primary key,
    refreshed_at timestamptz not null
);

-- The register's rate limit, shared by every replica that uses the same key (a hash, never the key itself): one row
-- per request granted in the window, and the register's last 429 (all hold back until paused_until).
create table register_calls (
    budget_key text not null,
    sent_at    timestamptz not null
);
create index register_calls_idx on register_calls (budget_key, sent_at);
create table register_throttle (
    budget_key   text primary key,
    paused_until timestamptz not null
);

-- Where each change stream was read up to, per source and stream: the listener resumes from here.
create table stream_positions (
    source     text not null,
    stream     text not null,
    timepoint  bigint not null,
    updated_at timestamptz not null,
    primary key (source, stream)
);

-- A company whose contacts could not be read is rejected with its run, by reference.
alter table sync_rejections add column company_ref text;
