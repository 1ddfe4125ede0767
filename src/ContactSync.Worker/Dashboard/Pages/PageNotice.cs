using System.Globalization;

namespace ContactSync.Worker.Dashboard.Pages;

/// <summary>
/// What an action that redirected to a page did, said in the product's own words. The query only picks one of these
/// messages and fills it with a configured source's name and a number: anyone can craft the link, so nothing else
/// from it may appear where an operator reads the product speaking.
/// </summary>
internal static class PageNotice
{
    public const string Retried = "retried";
    public const string Run = "run";
    public const string Confirmed = "confirmed";

    private static readonly IReadOnlyList<string> Kinds = [Retried, Run, Confirmed];

    public static string? Read(RequestParameters query)
    {
        var done = query.OneOf("done", Kinds);
        var count = query.Number("count", 0, int.MaxValue);
        // Read even when there is no notice: a page refuses a source it could not have been sent, notice or not.
        _ = query.Source();
        if (done is null || query.RequiredConfiguredSource() is not { } source)
        {
            return null;
        }

        return done switch
        {
            Retried when count is { } requeued =>
                string.Create(CultureInfo.InvariantCulture, $"{requeued} record(s) of {source} set back to pending; a run has been queued."),
            Retried => query.RequiredText("count"),
            Run => $"A run of {source} has been queued; it appears here when it starts.",
            _ => $"Removals of {source} confirmed; a run that removes them has been queued.",
        };
    }
}
