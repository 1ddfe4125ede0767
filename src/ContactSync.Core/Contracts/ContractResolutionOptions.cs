using System.ComponentModel.DataAnnotations;
using ContactSync.Core.Sources;
using Microsoft.Extensions.Configuration;

namespace ContactSync.Core.Contracts;

/// <summary>
/// <c>ContactSync:ContractResolution</c>: how a company reference from a source finds its contract in Nexudus. The
/// company customer (CoworkerType 2) whose <see cref="CoworkerField"/> holds the reference, and its active contract on
/// a virtual-office plan. Off while the field is unset (a source's contract map still works).
/// </summary>
public sealed class ContractResolutionOptions
{
    public const string SectionName = "ContactSync:ContractResolution";

    /// <summary><c>TaxIDNumber</c>, <c>ReferenceNumber</c> or <c>Custom1</c>…<c>Custom30</c>.</summary>
    [RegularExpression("^(TaxIDNumber|ReferenceNumber|Custom([1-9]|[12][0-9]|30))$",
        ErrorMessage = "must be TaxIDNumber, ReferenceNumber or Custom1 to Custom30")]
    public string? CoworkerField { get; set; }

    /// <summary>How long what was read of Nexudus is used before a run reads it again (never more than once a run).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A source whose contacts name companies needs a way to resolve them: the coworker field, or a map file.</summary>
    public static IEnumerable<(string Key, string Problem)> ResolvesCompanies(IConfiguration configuration, IConfigurationSection section, string why)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{ContractResolutionOptions.SectionName}:{nameof(ContractResolutionOptions.CoworkerField)}"])
            && string.IsNullOrWhiteSpace(section[nameof(SourceOptions.ContractMapPath)]))
        {
            yield return (nameof(SourceOptions.ContractMapPath), $"or ContactSync:ContractResolution:CoworkerField is required for {why}");
        }
    }
}
