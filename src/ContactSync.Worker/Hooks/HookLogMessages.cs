namespace ContactSync.Worker.Hooks;

/// <summary>The source webhooks' log messages, event ids 5200–5299: sources by name, applicants by Sumsub's id, never an event's content.</summary>
internal static partial class HookLogMessages
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "A webhook for source {Source} was refused: {Reason}")]
    public static partial void Refused(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "A review event for source {Source} (applicant {ApplicantId}) was accepted as job {JobId}")]
    public static partial void Accepted(ILogger logger, string source, string applicantId, string jobId);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "A review event for source {Source} was handled already (a resend); ignored")]
    public static partial void Replayed(ILogger logger, string source);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "A review event for source {Source} (applicant {ApplicantId}) concerns no company it reads; nothing queued")]
    public static partial void Unknown(ILogger logger, string source, string applicantId);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "A review event for source {Source}: a run of {Companies} compan(y/ies) queued as job {JobId}")]
    public static partial void RunQueued(ILogger logger, string source, int companies, string jobId);
}
