using System.Globalization;
using System.Text;
using ContactSync.Core.Runs;

namespace ContactSync.Worker.Cli;

/// <summary>The summary block <c>sync-once</c> prints: counts and ids only, never a contact's data.</summary>
internal static class SyncSummaryWriter
{
    public static async Task WriteAsync(TextWriter output, SyncRunSummary summary, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .AppendLine("ContactSync run summary")
            .AppendLine(Line("Source", summary.Source))
            .AppendLine(Line("Run", summary.RunId.ToString()))
            .AppendLine(Line("Outcome", summary.Outcome.ToString()))
            .AppendLine(Line("Total", summary.Total))
            .AppendLine(Line("Created", summary.Created))
            .AppendLine(Line("Updated", summary.Updated))
            .AppendLine(Line("Adopted", summary.Adopted))
            .AppendLine(Line("Linked", summary.Linked))
            .AppendLine(Line("Removed", summary.Removed))
            .AppendLine(Line("Conflicts", summary.Conflicts))
            .AppendLine(Line("Unchanged", summary.Unchanged))
            .AppendLine(Line("Rejected", summary.Rejected))
            .AppendLine(Line("Failed", summary.Failed))
            .AppendLine(Line("Unverified", summary.Unverified))
            .AppendLine(Line("Duration", summary.Duration.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture)))
            .AppendLine(Line("Error", summary.Error ?? "-"));
        await output.WriteAsync(text, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static string Line(string label, int value) => Line(label, value.ToString(CultureInfo.InvariantCulture));

    // Values line up after the labels; a label as long as the column still has a space after it.
    private static string Line(string label, string value) => $"  {(label + ":").PadRight(10) + " ",-11}{value}";
}
