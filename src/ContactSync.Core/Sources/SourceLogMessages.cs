using Microsoft.Extensions.Logging;

namespace ContactSync.Core.Sources;

/// <summary>
/// The sources' log messages, event ids 6000–6099: what a read of a source, and of the contracts its records resolve
/// to, came to. Counts and timings only: never a record's content.
/// </summary>
internal static partial class SourceLogMessages
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Source {Source} read {Contacts} contacts from HubSpot ({Kind} read) in {Requests} requests, {Searches} of them searches; {Throttled} answered 429")]
    public static partial void HubSpotRead(ILogger logger, string source, string kind, int contacts, int requests, int searches, int throttled);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Source {Source} read {Companies} companies from Companies House in {Requests} requests; {Waits} waited {WaitedSeconds} s for the register's rate limit")]
    public static partial void CompaniesHouseRead(ILogger logger, string source, int companies, int requests, long waits, long waitedSeconds);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information,
        Message = "Contract resolution read from Nexudus: {Contracts} active virtual-office contracts, {Companies} companies by reference, in {ElapsedMs} ms")]
    public static partial void ContractsResolved(ILogger logger, int contracts, int companies, long elapsedMs);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information,
        Message = "Source {Source} read {Companies} companies from Sumsub in {Requests} requests: {Verified} verified key contacts, {NotVerified} not verified yet; {Waits} waited {WaitedSeconds} s for the app token's rate limit")]
    public static partial void SumsubRead(ILogger logger, string source, int companies, int verified, int notVerified, int requests, long waits, long waitedSeconds);
}
