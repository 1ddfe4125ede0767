namespace ContactSync.Core.Push;

/// <summary>What a contract's contacts say about one record (<see cref="ContractDirectory"/>).</summary>
internal abstract record ContactLookup
{
    private ContactLookup() { }

    /// <summary>The contact a create in doubt made (the newest match made after it was claimed): adopt it.</summary>
    public sealed record Made(int Id, int OtherMatches) : ContactLookup;

    /// <summary>Exactly one contact, already there and held by no record, is this person: link the record to it.</summary>
    public sealed record Existing(int Id) : ContactLookup;

    /// <summary>Several contacts, held by no record, are this person: an operator must say which, nothing is sent.</summary>
    public sealed record Ambiguous(IReadOnlyList<int> Ids) : ContactLookup;

    /// <summary>No contact is this person: create it.</summary>
    public sealed record NotFound : ContactLookup;
}
