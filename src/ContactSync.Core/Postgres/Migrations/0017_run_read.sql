-- When a run finished reading its source into the ledger. Until then the records it still has to push are only those
-- read so far, so its progress cannot promise an end: a first load of a million rows is days of API budget, not the
-- minutes its first batch would take.
alter table sync_runs add column read_at timestamptz;
