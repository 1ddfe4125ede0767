-- Finding records by part of their key reads the whole ledger without a trigram index (a second or so at a million
-- rows). pg_trgm is a trusted extension, so a database owner may create it; where it cannot be had, the search still
-- works, by a scan, and the worker says nothing worse than this notice.
do $$
begin
    create extension if not exists pg_trgm;
exception when others then
    raise notice 'pg_trgm is not available (%): searching records by part of their key scans the ledger', sqlerrm;
end
$$;

do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        execute 'create index sync_records_key_search_idx on sync_records using gin (source_id gin_trgm_ops)';
    end if;
end
$$;
