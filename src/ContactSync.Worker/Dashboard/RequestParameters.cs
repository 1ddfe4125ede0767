using System.Globalization;
using ContactSync.Core.Runs;
using ContactSync.Core.Security;
using ContactSync.Core.Views;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ContactSync.Worker.Dashboard;

/// <summary>
/// The one place a dashboard request's parameters (query, form, path) become typed values. Anything else reaching a
/// handler is a 400 that names the parameter and never repeats its value: a NUL in text is an exception inside Npgsql
/// (a 500 and a stack trace), a control character is a forged line in a log, and an echoed value is text the product
/// did not write. The first refusal wins; a handler reads every parameter, then asks <see cref="Refusal"/>. A source
/// filter is any name (the ledger answers for it); a source acted on or named in a notice must be configured.
/// </summary>
internal sealed class RequestParameters
{
    // Sources, keys and search terms are short; a longer value is a mistake or an attack, not a filter.
    public const int MaxTextLength = 512;

    private readonly Func<string, StringValues> _values;
    private readonly IReadOnlyList<string> _sources;
    private string? _refused;

    private RequestParameters(Func<string, StringValues> values, IReadOnlyList<string> sources)
    {
        _values = values;
        _sources = sources;
    }

    /// <summary>Set once a parameter is refused: a 400 problem naming it.</summary>
    public IResult? Refusal => _refused is null ? null : Results.Problem(_refused, statusCode: StatusCodes.Status400BadRequest, title: "Bad request parameter");

    public static RequestParameters FromQuery(HttpContext context) => new(name => context.Request.Query[name], SourceNames(context));

    public static RequestParameters FromForm(HttpContext context, IFormCollection form) => new(name => form[name], SourceNames(context));

    public static RequestParameters FromRoute(HttpContext context)
        => new(name => context.GetRouteValue(name) as string ?? StringValues.Empty, SourceNames(context));

    /// <summary>Free text, trimmed; null when absent or blank.</summary>
    public string? Text(string name) => Read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A record's key exactly as sent (a source may key a record with spaces at its ends); null when absent or empty.</summary>
    public string? Key(string name) => Read(name) is { Length: > 0 } value ? value : null;

    public string? RequiredKey(string name) => Key(name) ?? (_refused is null ? Refuse(name, "is required") : null);

    public string? RequiredText(string name) => Text(name) ?? Refuse(name, "is required");

    /// <summary>
    /// A source to filter by, as the ledger names it: a source since removed from the configuration still has records
    /// and runs that pages link to, and a name the ledger never held simply matches nothing.
    /// </summary>
    public string? Source(string name = "source") => Text(name);

    /// <summary>A source to act on or to name in a notice: only a configured one.</summary>
    public string? RequiredConfiguredSource(string name = "source")
        => Text(name) is not { } given ? (_refused is null ? Refuse(name, "is required") : null)
            : _sources.Contains(given, StringComparer.Ordinal) ? given
            : Refuse(name, "is not a configured source");

    public string? OneOf(string name, IReadOnlyList<string> allowed)
        => Text(name) is not { } given ? null
            : allowed.Contains(given, StringComparer.Ordinal) ? given
            : Refuse(name, $"must be one of {string.Join(", ", allowed)}");

    public Guid? Id(string name)
        => Text(name) is not { } given ? null
            : Guid.TryParse(given, CultureInfo.InvariantCulture, out var id) ? id
            : RefuseValue<Guid>(name, "must be an id (a GUID)");

    public Guid? RequiredId(string name) => Id(name) ?? (_refused is null ? RefuseValue<Guid>(name, "is required") : null);

    public DateOnly? Day(string name)
        => Text(name) is not { } given ? null
            : DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
            : RefuseValue<DateOnly>(name, "must be a day: yyyy-MM-dd");

    public DateTimeOffset? Instant(string name)
        => Text(name) is not { } given ? null
            : DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant
            : RefuseValue<DateTimeOffset>(name, "must be a date and time (ISO 8601)");

    public long? Number(string name, long minimum, long maximum)
        => Text(name) is not { } given ? null
            : long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum ? number
            : RefuseValue<long>(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {minimum} to {maximum}"));

    /// <summary>A records page's cursor, decoded here so that one holding nulls or control characters never reaches a query.</summary>
    public string? RecordCursor(string name)
        => Text(name) is not { } given ? null
            : Core.Views.RecordCursor.TryRead(given, out _) ? given
            : Refuse(name, "is not a cursor from this API");

    public string? RunCursor(string name)
        => Text(name) is not { } given ? null
            : Core.Views.RunCursor.TryRead(given, out _) ? given
            : Refuse(name, "is not a cursor from this API");

    private string? Read(string name)
    {
        var values = _values(name);
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            return Refuse(name, "is given more than once");
        }

        var value = values[0] ?? "";
        return value.Length > MaxTextLength ? Refuse(name, string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxTextLength} characters"))
            : UnsafeText.Contains(value) ? Refuse(name, "holds a control or invisible character")
            : value;
    }

    private string? Refuse(string name, string reason)
    {
        _refused ??= $"{name} {reason}";
        return null;
    }

    private T? RefuseValue<T>(string name, string reason)
        where T : struct
    {
        Refuse(name, reason);
        return null;
    }

    private static IReadOnlyList<string> SourceNames(HttpContext context)
        => context.RequestServices.GetRequiredService<IOptionsMonitor<ContactSyncOptions>>().CurrentValue.Sources.Select(source => source.Name).ToList();
}
