-- One word for a run's ownership of its source: the lease. A run that lost it ended 'lock_lost'; it ends 'lease_lost'
-- now, as the command line, the pages, the API and the alerts say it. 'dry_run' was allowed and never written (a dry run
-- is a dry_run_plans row, not a run).
alter table sync_runs drop constraint sync_runs_status_check;
update sync_runs set status = 'lease_lost' where status = 'lock_lost';
alter table sync_runs add constraint sync_runs_status_check
    check (status in ('running', 'succeeded', 'completed_with_errors', 'skipped', 'aborted', 'budget_exhausted', 'lease_lost', 'held'));
