-- When a record was last marked in flight, by the database's clock (one clock for every replica). Until the create
-- it announced can no longer be under way, no other run touches the record: a run whose source lock died with its
-- session (PostgreSQL restarted under it) may still be sending that create. Null for rows marked before this column.
alter table sync_records add column in_flight_since timestamptz;
