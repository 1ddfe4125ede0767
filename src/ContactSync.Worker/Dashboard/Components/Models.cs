using ContactSync.Core.DryRun;
using ContactSync.Core.Nexudus.Budget;
using ContactSync.Core.Runs;
using ContactSync.Core.Views;

namespace ContactSync.Worker.Dashboard.Components;

public sealed record RunsModel(
    ResultPage<RunItem> Page,
    string? Source,
    string? Outcome,
    string? From,
    string? To,
    IReadOnlyList<string> Sources,
    IReadOnlyList<DailyOutcome> Daily,
    DateOnly Today,
    NexudusBudgetStanding Budget);

public sealed record RunModel(RunDetail Detail, RunProgress? Progress, IReadOnlyList<RecordItem> Unkeyed, bool LatestHeld);

public sealed record RecordsModel(
    ResultPage<RecordItem> Page,
    string? Source,
    string? Status,
    string? Search,
    Guid? Run,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<(string Source, string Status), long> Attention);

public sealed record RecordModel(RecordDetail Detail, IReadOnlyList<RecordEvent> Events);

public sealed record AuditModel(ResultPage<AuditEntry> Page);

public sealed record PlanModel(DryRunPlan Plan);
