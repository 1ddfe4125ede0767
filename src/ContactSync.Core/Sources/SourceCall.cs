namespace ContactSync.Core.Sources;

/// <summary>
/// What one source's client brings to each request it sends: its own settings and state, for the handlers of its
/// type's named HttpClient.
/// </summary>
/// <remarks>
/// Several sources of one type can be configured, each with its own base URL, key, limits and timeout, and each
/// client a factory makes (one a run) has its own pacing and counts. The handler chain of a named HttpClient is
/// pooled and shared by every client of that name, so it holds nothing of a source's own: the client sets its
/// <see cref="SourceCall"/> on its Refit interface (a <c>[Property(SourceCall.Key)]</c>), Refit puts it on every
/// request's options, and each handler reads it there (<see cref="Of{T}"/>). Retries send the same request again, so
/// every attempt carries it too.
/// </remarks>
internal class SourceCall(TimeSpan attemptTimeout)
{
    public const string Key = "ContactSync.SourceCall";

    private static readonly HttpRequestOptionsKey<SourceCall> OptionsKey = new(Key);

    /// <summary>How long one attempt may take, from the moment it leaves to the last byte of its answer.</summary>
    public TimeSpan AttemptTimeout { get; } = attemptTimeout;

    public static T Of<T>(HttpRequestMessage request)
        where T : SourceCall
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(OptionsKey, out var call) && call is T mine
            ? mine
            : throw new InvalidOperationException($"A request was sent without its source's {typeof(T).Name}: send it through the source's client.");
    }
}
