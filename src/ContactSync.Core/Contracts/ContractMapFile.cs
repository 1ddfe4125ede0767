using System.Globalization;
using ContactSync.Core.Companies;
using ContactSync.Core.Contacts;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Contracts;

/// <summary>
/// A source's explicit contract map (<c>ContactSync:Sources:N:ContractMapPath</c>): a CSV file with the columns
/// <c>company_ref,coworker_contract_id</c>, which overrides the coworker field. A map that cannot be read stops the
/// run (a missing or malformed one as misconfigured): guessing a contract for a company is never an option.
/// </summary>
internal static class ContractMapFile
{
    private const long MaxBytes = 16 * 1024 * 1024;

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var described = $"contract map '{path}'";
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new SourceConfigurationException($"{described} does not exist");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceUnavailableException($"{described} could not be opened", e);
        }

        if (file.Length > MaxBytes)
        {
            throw new SourceConfigurationException($"{described} is larger than {MaxBytes / 1024 / 1024} MiB");
        }

        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceUnavailableException($"{described} could not be read", e);
        }

        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var (refColumn, contractColumn) = (-1, -1);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',').Select(field => field.Trim().Trim('"').Trim()).ToArray();
            if (refColumn < 0)
            {
                refColumn = Array.FindIndex(fields, field => field.Equals(SourceColumns.CompanyRef, StringComparison.OrdinalIgnoreCase));
                contractColumn = Array.FindIndex(fields, field => field.Equals(SourceColumns.CoworkerContractId, StringComparison.OrdinalIgnoreCase));
                if (refColumn < 0 || contractColumn < 0)
                {
                    throw new SourceConfigurationException($"{described} needs a header row with the columns {SourceColumns.CompanyRef} and {SourceColumns.CoworkerContractId}");
                }

                continue;
            }

            var lineNumber = (n + 1).ToString(CultureInfo.InvariantCulture);
            if (fields.Length <= Math.Max(refColumn, contractColumn))
            {
                throw new SourceConfigurationException($"{described} line {lineNumber} has too few fields");
            }

            var company = CompanyRef.Normalise(fields[refColumn]);
            if (company.Length == 0 || !int.TryParse(fields[contractColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var contract) || contract <= 0)
            {
                throw new SourceConfigurationException($"{described} line {lineNumber} needs a company reference and a positive contract Id");
            }

            var contracts = map.TryGetValue(company, out var known) ? known : map[company] = [];
            if (!contracts.Contains(contract))
            {
                contracts.Add(contract);
            }
        }

        return map.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<int>)entry.Value, StringComparer.Ordinal);
    }
}
