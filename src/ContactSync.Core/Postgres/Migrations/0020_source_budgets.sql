-- The register's shared rate limit becomes every source API's (SourceBudget): the register's and Sumsub's requests are
-- counted in the same tables, each under its own budget key (a hash of the API, its base URL and the credential).
alter table register_calls rename to source_budget_calls;
alter index register_calls_idx rename to source_budget_calls_idx;
alter table register_throttle rename to source_budget_throttle;
