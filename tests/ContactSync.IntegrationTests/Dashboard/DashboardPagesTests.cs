using System.Net;
using ContactSync.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static ContactSync.IntegrationTests.Dashboard.DashboardHtml;

namespace ContactSync.IntegrationTests.Dashboard;

/// <summary>
/// The operator's pages over a run with every kind of trouble (<see cref="DashboardPagesScenario"/>): the records page
/// counts what the ledger holds, a record shows its history, a run what it did, and the actions work, are audited, and
/// need the form's token and the operator's role.
/// </summary>
[Collection(SourcesPostgresCollectionDefinition.Name)]
public sealed class DashboardPagesTests : IClassFixture<DashboardPagesScenario>
{
    private const string Source = DashboardPagesScenario.Source;

    private readonly DashboardPagesScenario _scenario;

    public DashboardPagesTests(DashboardPagesScenario scenario, ITestOutputHelper output)
    {
        _scenario = scenario;
        scenario.Log.CopyTo(output);
    }

    [Fact]
    public void Every_page_the_operator_and_the_viewer_open_answers_200()
        => Assert.All(_scenario.Pages, page => Assert.True(page.Status == HttpStatusCode.OK, $"{page.Path}: {(int)page.Status}"));

    [Fact]
    public void The_run_that_Nexudus_refused_fails_the_changed_rows_and_rejects_the_bad_email_again()
    {
        Assert.Equal("failed", _scenario.Ledger["p-3"]);
        Assert.Equal("rejected", _scenario.Ledger["p-bad"]);
    }

    [Theory]
    [InlineData("synced")]
    [InlineData("failed")]
    [InlineData("rejected")]
    [InlineData("pending")]
    [InlineData("in_flight")]
    public void The_records_page_counts_a_state_as_the_ledger_holds_it(string status)
    {
        var expected = _scenario.Ledger.Count(record => record.Value == status);
        Assert.Contains($"{expected} record(s) match.", _scenario.RecordsPages[status], StringComparison.Ordinal);
    }

    [Fact]
    public void The_records_page_finds_the_line_without_a_key_and_says_which_column_it_lacks()
    {
        Assert.Contains("1 record(s) match.", _scenario.RecordsPages["unkeyed"], StringComparison.Ordinal);
        Assert.Contains("source_id", _scenario.RecordsPages["unkeyed"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_records_page_unfiltered_counts_every_record_of_the_ledger()
        => Assert.Contains($"{_scenario.Ledger.Count} record(s) match.", Text(_scenario.AllRecordsPage), StringComparison.Ordinal);

    [Fact]
    public void The_records_page_lists_no_names_and_no_emails()
    {
        Assert.DoesNotContain("Quill", _scenario.AllRecordsPage, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", _scenario.AllRecordsPage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_records_page_shows_its_failed_update_when_it_first_failed_and_a_retry_button()
    {
        var text = Text(_scenario.FailedRecordPage);
        Assert.Matches(@"update\s+failed", text);
        Assert.Contains("First failed", text, StringComparison.Ordinal);
        Assert.Contains("Retry this record", _scenario.FailedRecordPage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_records_page_shows_markup_in_the_payload_escaped()
    {
        Assert.Contains("&lt;b&gt;Ada&lt;/b&gt; Quill", _scenario.SyncedRecordPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Ada</b>", _scenario.SyncedRecordPage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_synced_records_page_shows_its_create_and_each_field_with_whose_it_is()
    {
        var text = Text(_scenario.SyncedRecordPage);
        Assert.Matches(@"create\s+synced", text);
        // The payload as fields: the file's columns are the source's, the rest stay as Nexudus has them.
        Assert.Matches(@"Email\s+ada\.quill@example\.com\s+ada\.quill@example\.com\s+the source's", text);
        Assert.Matches(@"PhoneNumber\s+left as Nexudus has it", text);
    }

    [Fact]
    public void A_failed_runs_page_shows_its_outcome_and_the_Nexudus_calls_it_spent()
    {
        Assert.Contains("Outcome " + _scenario.FailedRunOutcome.Replace('_', ' '), _scenario.FailedRunPage, StringComparison.Ordinal);
        Assert.Matches(@"Nexudus calls \d+ \(\d+ writes, \d+ reads\)", _scenario.FailedRunPage);
    }

    [Fact]
    public void A_failed_runs_page_counts_the_records_it_failed_as_the_ledger_does()
    {
        var failed = _scenario.Ledger.Count(record => record.Value == "failed");
        Assert.Matches($@"Records it touched, by how they ended Ended Records .*failed\s+{failed}\b", _scenario.FailedRunPage);
    }

    [Fact]
    public void A_runs_page_says_when_a_run_was_started_from_the_command_line()
        => Assert.Contains("none (started from the command line)", _scenario.FailedRunPage, StringComparison.Ordinal);

    [Fact]
    public void The_runs_page_draws_its_charts_as_svg_under_a_strict_policy_and_without_script()
    {
        Assert.Contains("<svg", _scenario.RunsPage, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", Assert.Single(_scenario.RunsPagePolicies), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", _scenario.RunsPage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_runs_page_counts_a_sources_runs_and_those_that_were_not_clean()
        => Assert.Contains($"{Source}: 2 runs, 2 not clean", Text(_scenario.RunsPage), StringComparison.Ordinal);

    [Fact]
    public void An_action_posted_without_the_forms_token_is_a_400()
        => Assert.Equal(HttpStatusCode.BadRequest, _scenario.UntokenedRetryStatus);

    [Fact]
    public void A_retry_with_the_forms_token_sends_the_operator_back_to_the_record_saying_how_many_were_retried()
    {
        Assert.Equal(HttpStatusCode.Redirect, _scenario.RetryStatus);
        Assert.Contains($"/contactsync/records/{Source}/p-3?done=retried&count=1", _scenario.RetryLocation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_a_retry_queues_links_to_its_Hangfire_job_and_the_job_back_to_the_run()
    {
        Assert.False(string.IsNullOrEmpty(_scenario.RetryJob), "the run's page links to its Hangfire job");
        Assert.Contains($"/contactsync/runs/{_scenario.RetryRun}", _scenario.RetryJobPage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retried_records_history_shows_the_retry()
        => Assert.Matches(@"retry\s+pending", _scenario.RetriedRecordPage);

    [Fact]
    public void A_dry_run_from_the_dashboard_shows_its_plan_once_the_retry_has_synced_everything()
    {
        Assert.Equal(HttpStatusCode.Redirect, _scenario.DryRunStatus);
        Assert.Matches(@"Create\s+0\b", _scenario.DryRunPlan);
        Assert.Matches(@"Unchanged\s+4\b", _scenario.DryRunPlan);
        Assert.Matches(@"Reject\s+2\b", _scenario.DryRunPlan); // p-bad, and the line with no key
    }

    [Fact]
    public void A_dry_run_from_the_dashboard_writes_nothing_to_Nexudus()
        => Assert.Equal(0, _scenario.DryRunWrites);

    [Fact]
    public void The_audit_log_lists_each_action_with_its_operator_and_what_it_did()
    {
        Assert.Matches($@"operator\s+dry run\s+{Source}", _scenario.AuditPage);
        Assert.Matches($@"operator\s+retry\s+{Source}\s+p-3\s+1 record\(s\) set back to pending", _scenario.AuditPage);
        Assert.Contains("2 action(s)", _scenario.AuditPage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workers_log_names_no_one()
        => Assert.DoesNotContain("Quill", _scenario.WorkerLog, StringComparison.Ordinal);

    [Fact]
    public void A_viewer_reads_a_record_but_sees_no_payload_and_no_action()
    {
        Assert.Contains("viewer · viewer", Text(_scenario.ViewerRecordPage), StringComparison.Ordinal);
        Assert.DoesNotContain("Quill", _scenario.ViewerRecordPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" action=\"/contactsync/actions/", _scenario.ViewerRecordPage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_is_offered_no_run_on_the_runs_page()
        => Assert.DoesNotContain("Run file now", _scenario.ViewerRunsPage, StringComparison.Ordinal);

    [Fact]
    public void An_action_a_viewer_posts_anyway_is_forbidden_and_not_audited()
    {
        Assert.Equal(HttpStatusCode.Forbidden, _scenario.ViewerRetryStatus);
        Assert.Contains("2 action(s)", _scenario.ViewerAuditPage, StringComparison.Ordinal);
    }
}
