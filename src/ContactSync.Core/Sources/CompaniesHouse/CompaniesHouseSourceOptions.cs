using System.ComponentModel.DataAnnotations;

namespace ContactSync.Core.Sources.CompaniesHouse;

/// <summary>The settings of a <c>Type=CompaniesHouse</c> source, in its own section <c>ContactSync:Sources:N</c>.</summary>
public sealed class CompaniesHouseSourceOptions
{
    public const string DefaultBaseUrl = "https://api.company-information.service.gov.uk";
    public const string DefaultStreamUrl = "https://stream.companieshouse.gov.uk";

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>A REST API key (a secret).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Corporate directors (a company as director) are key contacts too, unless this is false.</summary>
    public bool IncludeCorporateDirectors { get; set; } = true;

    /// <summary>Officers asked for per page; the register serves 35 by default and about 100 at most.</summary>
    [Range(1, 100)]
    public int ItemsPerPage { get; set; } = 100;

    /// <summary>The key's limit, shared by every replica: 600 requests per 5 minutes unless Companies House raised it.</summary>
    [Range(1, 100_000)]
    public int RequestsPerWindow { get; set; } = 600;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Streaming API's base; its changes queue runs of the companies affected (off without <see cref="StreamKey"/>).</summary>
    public string StreamUrl { get; set; } = DefaultStreamUrl;

    /// <summary>A streaming key (a different kind of key from <see cref="ApiKey"/>; a secret). Unset: no stream, the schedule alone.</summary>
    public string? StreamKey { get; set; }

    /// <summary>
    /// The longest stream line (one event) read, in bytes: a longer one is a dropped stream, reconnected from the last
    /// timepoint. Real events are a few kilobytes; without a limit one endless line would be held whole in memory.
    /// </summary>
    [Range(4 * 1024, 64 * 1024 * 1024)]
    public int StreamMaxLineBytes { get; set; } = 1024 * 1024;
}
