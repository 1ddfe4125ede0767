using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactSync.Core.DryRun;

namespace ContactSync.Worker.Cli;

/// <summary>
/// What <c>sync-once --dry-run</c> prints: the plan's counts, then its records by source key, with the names of the
/// fields an update changes and the reason a record is rejected. Never a contact's data.
/// </summary>
internal static class SyncPlanWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task WriteAsync(TextWriter output, SyncPlan plan, bool json, CancellationToken cancellationToken)
    {
        var text = json ? JsonSerializer.Serialize(Document(plan), Json) + Environment.NewLine : Text(plan);
        await output.WriteAsync(new StringBuilder(text), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static object Document(SyncPlan plan) => new
    {
        plan.Source,
        Mode = plan.Mode.ToString(),
        DryRun = true,
        Creates = plan.Count(PlannedAction.Create),
        Links = plan.Count(PlannedAction.Link),
        Updates = plan.Count(PlannedAction.Update),
        Removals = plan.Count(PlannedAction.Remove),
        Rejections = plan.Count(PlannedAction.Reject),
        Unchanged = plan.Count(PlannedAction.Unchanged),
        LookUps = plan.Count(PlannedAction.LookUp),
        HeldRemovals = plan.Count(PlannedAction.RemoveHeld),
        Unverified = plan.Count(PlannedAction.Unverified),
        Held = plan.HeldReason,
        plan.Records,
    };

    private static string Text(SyncPlan plan)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"ContactSync dry run of source {plan.Source} (Mode {plan.Mode}): nothing was written")
            .AppendLine(Line("Creates", plan.Count(PlannedAction.Create)))
            .AppendLine(Line("Links", plan.Count(PlannedAction.Link)))
            .AppendLine(Line("Updates", plan.Count(PlannedAction.Update)))
            .AppendLine(Line("Removals", plan.Count(PlannedAction.Remove)))
            .AppendLine(Line("Rejections", plan.Count(PlannedAction.Reject)))
            .AppendLine(Line("Unchanged", plan.Count(PlannedAction.Unchanged)))
            .AppendLine(Line("Look-ups", plan.Count(PlannedAction.LookUp)))
            .AppendLine(Line("Unverified", plan.Count(PlannedAction.Unverified)));
        if (plan.HeldReason is { } held)
        {
            text.AppendLine(Line("Held", plan.Count(PlannedAction.RemoveHeld))).AppendLine(CultureInfo.InvariantCulture, $"  {held}");
        }

        foreach (var group in plan.Records.Where(record => record.Action != PlannedAction.Unchanged).GroupBy(record => record.Action))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{group.Key}:");
            foreach (var record in group)
            {
                var key = record.SourceId ?? string.Create(CultureInfo.InvariantCulture, $"line {record.Line}");
                var details = new[]
                {
                    record.NexudusId is { } id ? string.Create(CultureInfo.InvariantCulture, $"contact {id}") : null,
                    record.Fields is { Count: > 0 } fields ? "fields " + string.Join(", ", fields) : null,
                    record.SetIfEmpty is { Count: > 0 } ifEmpty ? "where empty " + string.Join(", ", ifEmpty) : null,
                    record.LeftAlone is { Count: > 0 } kept ? "left as Nexudus has them " + string.Join(", ", kept) : null,
                    record.Reason,
                }.Where(detail => detail is not null);
                var line = $"  {key}  {string.Join("; ", details)}";
                text.AppendLine(line.TrimEnd());
            }
        }

        return text.ToString();
    }

    private static string Line(string label, int value) => $"  {label + ":",-12}{value.ToString(CultureInfo.InvariantCulture)}";
}
