using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Mapping;

/// <summary>
/// Which fields of a mapped contact are the source's to write, from what the source supplies and how the source is
/// configured (<see cref="SourceOptions.EmptyValues"/>, <see cref="SourceOptions.Fields"/>). What is not the source's is
/// left out of the payload: it is then never sent, never hashed and never compared, so Nexudus keeps what it holds.
/// </summary>
public sealed class FieldOwnership
{
    public static readonly FieldOwnership Default = new(EmptyValues.Keep, ContactFields.None, ContactFields.None);

    private readonly EmptyValues empty;
    private readonly ContactFields ignored;
    private readonly ContactFields setIfEmpty;

    public FieldOwnership(EmptyValues empty, ContactFields ignored, ContactFields setIfEmpty)
    {
        if (ignored.HasFlag(ContactFields.FullName))
        {
            throw new ArgumentException("A contact's name cannot be ignored: a create needs it.", nameof(ignored));
        }

        this.empty = empty;
        this.ignored = ignored;
        this.setIfEmpty = setIfEmpty & ~ignored;
    }

    /// <summary>A source's settings, checked at start (see the worker's options validation), so a name that is no field is not expected here.</summary>
    public static FieldOwnership From(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var ignored = ContactFields.None;
        var setIfEmpty = ContactFields.None;
        foreach (var (name, policy) in source.Fields)
        {
            if (!ContactFieldNames.TryParse(name, out var field))
            {
                throw new ArgumentException($"Fields:{name} names no ContractContact field.", nameof(source));
            }

            ignored |= policy == FieldPolicy.Ignore ? field : ContactFields.None;
            setIfEmpty |= policy == FieldPolicy.SetIfEmpty ? field : ContactFields.None;
        }

        return new FieldOwnership(source.EmptyValues, ignored, setIfEmpty);
    }

    /// <param name="supplied">The fields the source supplies for this contact (a CSV: the columns its header has).</param>
    public ContractContactPayload Apply(ContractContactPayload payload, ContactFields supplied)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var owned = payload.Without(ignored);
        var clear = empty == EmptyValues.Clear
            ? supplied & ~owned.Valued & ~ignored & ~setIfEmpty & ~ContactFields.FullName
            : ContactFields.None;
        return owned with { Clear = clear, SetIfEmpty = setIfEmpty & owned.Valued };
    }
}
