using ContactSync.Core.Contacts;
using ContactSync.Core.Ledger;
using ContactSync.Core.Mapping;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Sources;

namespace ContactSync.Core.Tests.Mapping;

public sealed class FieldOwnershipTests
{
    private static readonly ContractContactPayload Mapped = new()
    {
        CoworkerContractId = 7,
        FullName = "Ada Example",
        ContractContactType = ContractContactType.Director,
        Address = "1 High St",
        PhoneNumber = "020 7946 0000",
    };

    private static FieldOwnership Ownership(EmptyValues empty = EmptyValues.Keep, params (string Name, FieldPolicy Policy)[] fields)
        => FieldOwnership.From(new SourceOptions { EmptyValues = empty, Fields = fields.ToDictionary(f => f.Name, f => f.Policy, StringComparer.OrdinalIgnoreCase) });

    [Fact]
    public void By_default_owns_what_has_a_value_and_stores_the_payload_as_it_always_was()
    {
        var owned = Ownership().Apply(Mapped, ContactFields.All);

        Assert.Equal(Mapped, owned);
        Assert.Equal(
            """{"CoworkerContractId":7,"FullName":"Ada Example","ContractContactType":1,"AmlCheckStatus":0,"Address":"1 High St","PhoneNumber":"020 7946 0000"}""",
            PayloadJson.Serialize(owned));
    }

    [Fact]
    public void Clears_the_supplied_fields_a_row_leaves_empty_and_nothing_the_source_does_not_supply()
    {
        var supplied = ContactFields.FullName | ContactFields.Address | ContactFields.PhoneNumber | ContactFields.Email;

        var owned = Ownership(EmptyValues.Clear).Apply(Mapped, supplied);

        Assert.Equal(ContactFields.Email, owned.Clear);
        Assert.Equal(ContactFields.FullName | ContactFields.Address | ContactFields.PhoneNumber | ContactFields.Email, owned.Owned);
    }

    [Fact]
    public void Leaves_an_ignored_field_out_of_the_payload_and_its_hash()
    {
        var owned = Ownership(EmptyValues.Clear, ("phone", FieldPolicy.Ignore)).Apply(Mapped, ContactFields.All);

        Assert.Null(owned.PhoneNumber);
        Assert.False(owned.Clear.HasFlag(ContactFields.PhoneNumber));
        Assert.DoesNotContain("PhoneNumber", PayloadJson.Serialize(owned), StringComparison.Ordinal);
    }

    [Fact]
    public void Marks_a_set_if_empty_field_that_has_a_value_and_never_clears_one()
    {
        var owned = Ownership(EmptyValues.Clear, ("PhoneNumber", FieldPolicy.SetIfEmpty), ("Email", FieldPolicy.SetIfEmpty)).Apply(Mapped, ContactFields.All);

        Assert.Equal(ContactFields.PhoneNumber, owned.SetIfEmpty);
        Assert.False(owned.Clear.HasFlag(ContactFields.Email));
        Assert.False(owned.Owned.HasFlag(ContactFields.PhoneNumber));
    }

    [Fact]
    public void Round_trips_what_an_update_may_do_through_the_stored_form_and_hashes_it()
    {
        var owned = Ownership(EmptyValues.Clear, ("phone", FieldPolicy.SetIfEmpty)).Apply(Mapped, ContactFields.All);

        var json = PayloadJson.Serialize(owned);
        var back = PayloadJson.Deserialize(json);

        Assert.Equal(owned, back);
        Assert.NotEqual(PayloadJson.Hash(PayloadJson.Serialize(Mapped)), PayloadJson.Hash(json));
    }

    [Fact]
    public void Refuses_to_ignore_the_name_a_create_needs()
    {
        Assert.Throws<ArgumentException>(() => Ownership(EmptyValues.Keep, ("FullName", FieldPolicy.Ignore)));
    }
}
