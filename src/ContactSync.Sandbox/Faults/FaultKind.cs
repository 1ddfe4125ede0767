namespace ContactSync.Sandbox.Faults;

internal enum FaultKind
{
    /// <summary>No fault: answered as usual. Scripted first, it lets that many matching calls through before the faults queued after it.</summary>
    Pass,

    /// <summary>500 with Nexudus's generic error body; the request is not processed.</summary>
    Error500,

    /// <summary>502, empty body; not processed.</summary>
    Error502,

    /// <summary>503, empty body; not processed.</summary>
    Error503,

    /// <summary>A throttling answer (409 + Retry-After) that the limits did not call for; not processed.</summary>
    Throttle409,

    /// <summary>A throttling answer as live accounts send it (429, the wait only in the body); not processed. Scripted only.</summary>
    Throttle429,

    /// <summary>Waits HangSeconds (or until the client gives up), then 504; not processed.</summary>
    Hang,

    /// <summary>The connection is aborted before the request is processed.</summary>
    Drop,

    /// <summary>The request is processed (a write is stored), then the connection is aborted before any response.</summary>
    CommitThenDrop,

    /// <summary>
    /// The request is processed (a write is stored) and its answer starts at once, but the body trickles out over
    /// SlowBodySeconds: a client that only times the headers waits that long.
    /// </summary>
    SlowBody,

    /// <summary>Not processed; a 200 whose JSON body is HugeBodyMegabytes long, sent without a Content-Length.</summary>
    HugeBody,

    /// <summary>Not processed; 404 "Not found", as a path that does not exist (a wrong base URL or API version) answers.</summary>
    NotFound404,

    /// <summary>Not processed; 403, as for an account that lacks the role the call needs.</summary>
    Forbidden403,

    /// <summary>
    /// A server that ignores paging: the first matching call to a path is answered as usual and remembered, and every
    /// later one to the same path (whatever its query or body asks for) gets that same answer. Scripted only; the
    /// answers are forgotten when the scripted faults are cleared or the Sandbox reset.
    /// </summary>
    RepeatFirstPage,

    /// <summary>
    /// Not processed; 200 with Nexudus's envelope and <c>WasSuccessful:false</c>, as Nexudus refuses a command the call
    /// itself got through with (a contact locked while its identity checks run). Scripted only.
    /// </summary>
    Refused,
}
