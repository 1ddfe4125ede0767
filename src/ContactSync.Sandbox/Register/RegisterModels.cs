namespace ContactSync.Sandbox.Register;

internal sealed record RegisterAddress(
    string? Premises, string? AddressLine1, string? AddressLine2, string? Locality, string? Region, string? PostalCode, string? Country);

internal sealed record RegisterOfficer(
    string AppointmentId,
    string OfficerId,
    string Name,
    string Role,
    string? AppointedOn,
    string? ResignedOn,
    (int Month, int Year)? DateOfBirth,
    RegisterAddress Address,
    bool Corporate,
    bool OmitSelfLink);

internal sealed record RegisterPreviousName(string Name, string EffectiveFrom, string CeasedOn);

/// <summary>One company as the register holds it; changed only through <see cref="RegisterStore"/>.</summary>
internal sealed class RegisterCompany(string number, string name)
{
    public string Number { get; } = number;
    public string Name { get; set; } = name;
    public string Status { get; set; } = "active";
    public List<RegisterOfficer> Officers { get; } = [];
    public List<RegisterPreviousName> PreviousNames { get; } = [];
}

/// <summary>One event on a stream: what changed, and when in the stream's order.</summary>
internal sealed record RegisterEvent(long Timepoint, string ResourceKind, string ResourceUri, string ResourceId, string Type, object Data, DateTimeOffset PublishedAt);
