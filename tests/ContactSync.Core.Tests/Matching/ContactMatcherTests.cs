using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Push;

namespace ContactSync.Core.Tests.Matching;

public sealed class ContactMatcherTests
{
    [Theory]
    [InlineData("John Smith", "john smith")]
    [InlineData("John Smith", "  JOHN \t SMITH ")]
    [InlineData("John Smith", "SMITH, John")]
    [InlineData("John Smith", "Smith,John")]
    [InlineData("Mary-Jane O'Brien", "mary jane obrien")]
    [InlineData("Mary-Jane O'Brien", "O\u2019BRIEN, Mary Jane")]
    [InlineData("Zo\u00EB Andr\u00E9", "zoe andre")]
    [InlineData("Zo\u00EB Andr\u00E9", "ZOE\u0308 ANDRE\u0301")]
    [InlineData("J\u00FCrgen Gro\u00DF", "Jurgen Gross")]
    [InlineData("S\u00F8ren \u00C6rboe", "Soren Aerboe")]
    [InlineData("\u0141ukasz Wi\u015Bniewski", "Lukasz Wisniewski")]
    [InlineData("Dr. Ada Fenwick", "Ada Fenwick")]
    [InlineData("Mr John Smith", "SMITH, John")]
    [InlineData("J.R.R. Tolkien", "J R R Tolkien")]
    [InlineData("Acme Widgets Limited", "ACME WIDGETS LTD.")]
    [InlineData("Smith & Jones Ltd", "Smith and Jones Limited")]
    public void Calls_spellings_of_one_name_the_same(string one, string other)
    {
        Assert.True(ContactMatcher.SameName(one, other), $"{one} / {other}");
        Assert.True(ContactMatcher.SameName(other, one), $"{other} / {one}");
    }

    [Theory]
    [InlineData("John Smith", "Jon Smith")]
    [InlineData("John Smith", "John Smith Junior")]
    [InlineData("John Smith", "John")]
    [InlineData("Ada Fenwick", "Adam Fenwick")]
    [InlineData("Acme Widgets Ltd", "Acme Gadgets Ltd")]
    [InlineData("Mr", "Dr")]
    [InlineData("---", "...")]
    public void Tells_different_names_apart(string one, string other)
        => Assert.False(ContactMatcher.SameName(one, other), $"{one} / {other}");

    [Fact]
    public void A_title_alone_is_still_a_name()
        => Assert.True(ContactMatcher.SameName("Sir", "SIR"));

    [Fact]
    public void Matches_on_contract_type_and_name_when_nothing_conflicts()
    {
        Assert.True(ContactMatcher.IsSame(Contact(), Payload()));
        Assert.False(ContactMatcher.IsSame(Contact() with { CoworkerContractId = 1002 }, Payload()));
        Assert.False(ContactMatcher.IsSame(Contact() with { ContractContactType = ContractContactType.NominatedRecipient }, Payload()));
        Assert.False(ContactMatcher.IsSame(Contact() with { FullName = null }, Payload()));
    }

    [Fact]
    public void An_email_or_a_date_of_birth_conflicts_only_when_both_sides_carry_one()
    {
        // Typed in without an email: nothing says it is someone else.
        Assert.True(ContactMatcher.IsSame(Contact(), Payload() with { Email = "ada@example.com" }));
        Assert.True(ContactMatcher.IsSame(Contact() with { Email = " ADA@example.com" }, Payload() with { Email = "ada@example.com" }));
        Assert.False(ContactMatcher.IsSame(Contact() with { Email = "reception@example.com" }, Payload() with { Email = "ada@example.com" }));

        Assert.True(ContactMatcher.IsSame(Contact() with { DateOfBirth = "1979-04-12T00:00:00Z" }, Payload() with { DateOfBirth = "1979-04-12T00:00:00" }));
        Assert.True(ContactMatcher.IsSame(Contact() with { DateOfBirth = "1979-04-12T00:00:00" }, Payload()));
        Assert.False(ContactMatcher.IsSame(Contact() with { DateOfBirth = "1979-04-13T00:00:00" }, Payload() with { DateOfBirth = "1979-04-12T00:00:00" }));
    }

    [Fact]
    public void Compares_two_source_rows_by_the_same_rules()
    {
        Assert.True(ContactMatcher.IsSame(Payload() with { FullName = "FENWICK, Ada" }, Payload()));
        Assert.False(ContactMatcher.IsSame(Payload() with { Email = "a@example.com" }, Payload() with { Email = "b@example.com" }));
    }

    [Fact]
    public void Gives_one_key_to_every_word_order()
    {
        Assert.Equal(ContactMatcher.NameKey("SMITH, John"), ContactMatcher.NameKey("john smith"));
        Assert.Equal("", ContactMatcher.NameKey(" - "));
    }

    private static ContractContact Contact() => new()
    {
        Id = 70_001, CoworkerContractId = 1001, FullName = "ada  FENWICK", ContractContactType = ContractContactType.Director,
    };

    private static ContractContactPayload Payload() => new()
    {
        CoworkerContractId = 1001, FullName = "Ada Fenwick", ContractContactType = ContractContactType.Director,
    };
}
