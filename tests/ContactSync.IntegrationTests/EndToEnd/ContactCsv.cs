using System.Globalization;
using System.Text;

namespace ContactSync.IntegrationTests.EndToEnd;

/// <summary>
/// A contact source file built row by row, remembering what each row should become: a contact in Nexudus, or a
/// rejection whose reason names the offending column.
/// </summary>
internal sealed class ContactCsv
{
    public const string Header =
        "source_id,coworker_contract_id,contact_type,full_name,email,date_of_birth,address,post_code,city,state,country,phone,notes";

    private readonly List<string> _lines = [Header];

    public List<ExpectedContact> Valid { get; } = [];

    public List<ExpectedRejection> Invalid { get; } = [];

    /// <summary>1-based, counting the header as line 1, as the source reports it.</summary>
    private int NextLineNumber => _lines.Count + 1;

    public ContactCsv Add(
        string sourceId, int contract, ContactKind kind, string fullName, string email = "", string dateOfBirth = "", string country = "",
        Address? address = null)
    {
        Valid.Add(new ExpectedContact(sourceId, contract, (int)kind, fullName, email.Length == 0 ? null : email));
        return AddLine(sourceId, contract.ToString(CultureInfo.InvariantCulture), kind.ToString(), fullName, email, dateOfBirth, country, address);
    }

    /// <summary>A row of separate fields that must be rejected with a reason containing <paramref name="reasonNames"/>.</summary>
    public ContactCsv AddBad(
        string reasonNames, string sourceId, string contract, string type, string fullName, string email = "", string dateOfBirth = "", string country = "",
        Address? address = null)
    {
        Invalid.Add(new ExpectedRejection(NextLineNumber, reasonNames));
        return AddLine(sourceId, contract, type, fullName, email, dateOfBirth, country, address);
    }

    /// <summary>A raw line, written as it is, that must be rejected with a reason containing <paramref name="reasonNames"/>.</summary>
    public ContactCsv AddBadLine(string reasonNames, string line)
    {
        Invalid.Add(new ExpectedRejection(NextLineNumber, reasonNames));
        _lines.Add(line);
        return this;
    }

    public Task WriteAsync(string path) => File.WriteAllTextAsync(path, string.Join('\n', _lines) + "\n", new UTF8Encoding(false));

    private ContactCsv AddLine(
        string sourceId, string contract, string type, string fullName, string email, string dateOfBirth, string country, Address? address = null)
    {
        var a = address ?? new Address();
        _lines.Add(string.Join(',', [
            sourceId, contract, type, Quote(fullName), email, dateOfBirth,
            Quote(a.Street), Quote(a.PostCode), Quote(a.City), Quote(a.State), country, Quote(a.Phone), ""]));
        return this;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

internal enum ContactKind
{
    Director = 1,
    CompanyAlias = 2,
    NominatedRecipient = 3,
}

internal sealed record Address(string Street = "", string PostCode = "", string City = "", string State = "", string Phone = "");

internal sealed record ExpectedContact(string SourceId, int ContractId, int Type, string FullName, string? Email);

/// <param name="LineNumber">Where the bad row sits in the file.</param>
/// <param name="ReasonNames">What the stored reason must contain, e.g. the column's name.</param>
internal sealed record ExpectedRejection(long LineNumber, string ReasonNames);
