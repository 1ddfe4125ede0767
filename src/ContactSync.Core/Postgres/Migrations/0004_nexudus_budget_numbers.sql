-- Each budget's calls, and its writes, numbered in the order they were granted (one grant at a time per budget,
-- under its advisory lock, timed by the database's clock, so the numbers follow sent_at). The day's and the hour's
-- limit-th newest call is then found by its number, in one index probe, instead of by counting through up to a
-- day of writes on every grant.
alter table nexudus_budget_calls add column call_no bigint, add column write_no bigint;

update nexudus_budget_calls c
set call_no = n.call_no, write_no = n.write_no
from (
    select ctid,
           row_number() over (partition by budget_key order by sent_at) as call_no,
           case when is_write then row_number() over (partition by budget_key, is_write order by sent_at) end as write_no
    from nexudus_budget_calls
) n
where c.ctid = n.ctid;

alter table nexudus_budget_calls alter column call_no set not null;
alter table nexudus_budget_calls add constraint nexudus_budget_write_no_check check ((write_no is not null) = is_write);
create unique index nexudus_budget_call_no_idx on nexudus_budget_calls (budget_key, call_no);
create unique index nexudus_budget_write_no_idx on nexudus_budget_calls (budget_key, write_no) where is_write;
-- The newest call is now found by its number.
drop index nexudus_budget_calls_idx;
