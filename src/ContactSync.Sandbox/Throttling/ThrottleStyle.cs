namespace ContactSync.Sandbox.Throttling;

/// <summary>How a throttled call is answered.</summary>
internal enum ThrottleStyle
{
    /// <summary>As documented: 409 Conflict, an empty body and <c>Retry-After</c> in seconds.</summary>
    Conflict409,

    /// <summary>As live accounts have been seen to answer: 429 with no <c>Retry-After</c>, the wait only in the body ("Wait N seconds").</summary>
    TooMany429Body,
}
