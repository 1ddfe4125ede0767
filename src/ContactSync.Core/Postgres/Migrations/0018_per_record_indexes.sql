-- Every statement the push and the removal run once per record (claims, settlements, the siblings and other sources on
-- the contract, the owners of a contract's contacts, the other holders of a contact) finds its rows by the primary key,
-- sync_records_placement_idx, sync_records_nexudus_id_idx or sync_records_source_nexudus_id_key: under 1 ms each at a
-- million rows, and none needs another index.
--
-- The run's pending records, page by page (ClaimStore.PendingPageAsync; also IngestStore.CarryOverAsync): the push index left
-- out the records in doubt that the query asks for too, so it could not serve it, and each page walked the ledger in
-- contract order instead. At a million rows with about 500 records to push, the first page took 1.2 s (CarryOverAsync
-- 1.0 s, a sequential scan); with the records in doubt in the index, 3 ms (0.6 ms). The index stays as small: records in
-- doubt are few.
drop index sync_records_push_idx;
create index sync_records_push_idx on sync_records (source, coworker_contract_id, source_id)
    where status in ('pending', 'in_flight', 'failed') or in_doubt;
