namespace ContactSync.Core.Sync;

/// <summary>What a look-up for a create in doubt found on its contract.</summary>
internal abstract record ContactLookup
{
    private ContactLookup() { }

    /// <summary>The contact the create made (the newest match made after it was claimed): adopt it.</summary>
    public sealed record Found(int Id, int OtherMatches) : ContactLookup;

    /// <summary>No contact the create could have made, and none like it.</summary>
    public sealed record NotFound : ContactLookup;

    /// <summary>
    /// Only contacts that match but were there before the create: not what it made, yet creating now would duplicate
    /// that person. An operator decides; nothing is adopted or sent.
    /// </summary>
    public sealed record OnlyOlder(IReadOnlyList<int> Ids) : ContactLookup;
}
