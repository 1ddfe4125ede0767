using System.Net;
using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Tests.Nexudus;

public sealed class NexudusClientUpdateTests
{
    private const string Existing = """
        {"Id":5,"CoworkerContractId":77,"FullName":"Ada Old","ContractContactType":1,"Email":"old@example.test",
         "Notes":"from the front desk","AmlCheckStatus":2,"CoworkerContractTariffName":"VO Gold",
         "CustomFields":{"Data":[{"Name":"ref","Value":"x","Type":"string"}]},"SomeFieldNexudusAddsLater":true}
        """;

    private const string Updated5 = """{"Status":200,"Message":"ContractContact was successfully updated.","Value":{"Id":5},"WasSuccessful":true}""";

    [Fact]
    public async Task Overlays_the_fields_the_payload_has_and_puts_back_every_other_field_as_Nexudus_holds_it()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing).Then(HttpStatusCode.OK, Updated5);
        var payload = Payloads.Director() with { FullName = "Ada New", Email = null, Notes = null };

        var result = await nexudus.Client.UpdateContractContactAsync(5, payload, null, ConflictPolicy.SourceWins, CancellationToken.None);

        Assert.Equal((WriteStatus.Succeeded, 5), (result.Status, result.Id));
        Assert.Equal(["FullName", "DateOfBirth"], result.ChangedFields);
        Assert.Equal(["GET /api/billing/contractcontacts/5", "PUT /api/billing/contractcontacts"],
            nexudus.Api.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}"));
        var put = Json.Object(nexudus.Api.Requests[1].Body);
        Assert.Equal(5, (int)put["Id"]!);
        Assert.Equal("Ada New", (string)put["FullName"]!);
        Assert.Equal("1970-05-01T00:00:00", (string)put["DateOfBirth"]!);

        // A field the payload leaves empty is not the source's: what Nexudus holds goes back unchanged.
        Assert.Equal("old@example.test", (string)put["Email"]!);
        Assert.Equal("from the front desk", (string)put["Notes"]!);

        // Everything else survives, including the AML result Nexudus produced and fields we have never heard of.
        Assert.Equal(2, (int)put["AmlCheckStatus"]!);
        Assert.Equal("VO Gold", (string)put["CoworkerContractTariffName"]!);
        Assert.True((bool)put["SomeFieldNexudusAddsLater"]!);
        Assert.Equal("ref", (string)put["CustomFields"]!["Data"]![0]!["Name"]!);
    }

    [Fact]
    public async Task Clears_only_the_fields_the_payload_says_to_clear()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing).Then(HttpStatusCode.OK, Updated5);
        var payload = Payloads.Director() with { Email = null, Notes = null, Clear = ContactFields.Email };

        await nexudus.Client.UpdateContractContactAsync(5, payload, null, ConflictPolicy.SourceWins, CancellationToken.None);

        var put = Json.Object(nexudus.Api.Requests[1].Body);
        Assert.True(put.ContainsKey("Email"));
        Assert.Null(put["Email"]);
        Assert.Equal("from the front desk", (string)put["Notes"]!);
    }

    [Fact]
    public async Task Sets_a_set_if_empty_field_only_where_Nexudus_holds_nothing()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing).Then(HttpStatusCode.OK, Updated5);
        var payload = Payloads.Director() with
        {
            Email = "new@example.test", PhoneNumber = "+44 20 7946 0000", SetIfEmpty = ContactFields.Email | ContactFields.PhoneNumber,
        };

        var result = await nexudus.Client.UpdateContractContactAsync(5, payload, null, ConflictPolicy.SourceWins, CancellationToken.None);

        var put = Json.Object(nexudus.Api.Requests[1].Body);
        Assert.Equal("old@example.test", (string)put["Email"]!);
        Assert.Equal("+44 20 7946 0000", (string)put["PhoneNumber"]!);
        Assert.Equal(["FullName", "DateOfBirth", "PhoneNumber"], result.ChangedFields);
    }

    [Fact]
    public async Task Sends_no_PUT_when_Nexudus_already_holds_every_field_the_source_owns()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing);
        var payload = Payloads.Director() with { FullName = "Ada Old", DateOfBirth = null, Email = null };

        var result = await nexudus.Client.UpdateContractContactAsync(5, payload, null, ConflictPolicy.SourceWins, CancellationToken.None);

        Assert.Equal((WriteStatus.Succeeded, 5), (result.Status, result.Id));
        Assert.Empty(result.ChangedFields);
        Assert.Equal(["GET /api/billing/contractcontacts/5"], nexudus.Api.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}"));
    }

    [Fact]
    public async Task Sees_no_conflict_in_a_field_the_source_does_not_own_when_Nexudus_wins()
    {
        // Staff typed a phone number and a date of birth into a contact whose source supplies neither.
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, """{"Id":5,"CoworkerContractId":77,"FullName":"Ada Old","ContractContactType":1,"PhoneNumber":"020 7946 0001","DateOfBirth":"1970-05-01T00:00:00","Address":"1 Old St","AmlCheckStatus":2}""")
            .Then(HttpStatusCode.OK, Updated5);
        var lastWritten = Payloads.Director() with { FullName = "Ada Old", DateOfBirth = null, Address = "1 Old St" };
        var payload = lastWritten with { Address = "2 New St" };

        var result = await nexudus.Client.UpdateContractContactAsync(5, payload, lastWritten, ConflictPolicy.NexudusWins, CancellationToken.None);

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        Assert.Empty(result.EditedFields);
        var put = Json.Object(nexudus.Api.Requests[1].Body);
        Assert.Equal("2 New St", (string)put["Address"]!);
        Assert.Equal("020 7946 0001", (string)put["PhoneNumber"]!);
        Assert.Equal("1970-05-01T00:00:00", (string)put["DateOfBirth"]!);
    }

    [Fact]
    public async Task Replaces_a_differently_cased_field_instead_of_sending_it_twice()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, """{"id":5,"fullName":"Ada Old","amlCheckStatus":1}""").Then(HttpStatusCode.OK, Updated5);

        await nexudus.Client.UpdateContractContactAsync(5, Payloads.Director(), null, ConflictPolicy.SourceWins, CancellationToken.None);

        var put = Json.Object(nexudus.Api.Requests[1].Body);
        Assert.Equal("Ada Example", (string)put["FullName"]!);
        Assert.False(put.ContainsKey("fullName"));
        Assert.Equal(1, put.Count(p => string.Equals(p.Key, "AmlCheckStatus", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Reports_not_found_when_the_record_is_gone_and_sends_no_PUT()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("Not found") });

        var result = await nexudus.Client.UpdateContractContactAsync(5, Payloads.Director(), null, ConflictPolicy.SourceWins, CancellationToken.None);

        Assert.Equal(WriteStatus.NotFound, result.Status);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Retries_an_update_that_met_a_503_because_a_PUT_is_idempotent()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing).Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, Updated5);

        var result = await nexudus.Client.UpdateContractContactAsync(5, Payloads.Director(), null, ConflictPolicy.SourceWins, CancellationToken.None);

        Assert.Equal((WriteStatus.Succeeded, 5), (result.Status, result.Id));
        Assert.Equal(2, nexudus.Api.Requests.Count(r => r.Method == HttpMethod.Put));
    }

    // What ContactSync last wrote to contact 5: Existing, but for the email someone has changed in Nexudus since.
    private static readonly ContractContactPayload LastWritten = Payloads.Director() with
    {
        FullName = "Ada Old", Email = "ada@example.test", Notes = "from the front desk", DateOfBirth = null,
    };

    [Fact]
    public async Task Keeps_a_contact_edited_in_Nexudus_when_Nexudus_wins_and_names_the_edited_fields()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing);

        var result = await nexudus.Client.UpdateContractContactAsync(5, Payloads.Director(), LastWritten, ConflictPolicy.NexudusWins, CancellationToken.None);

        Assert.Equal(WriteStatus.Conflict, result.Status);
        Assert.Equal(["Email"], result.EditedFields);
        Assert.DoesNotContain("old@example.test", result.Reason, StringComparison.Ordinal);
        Assert.Single(nexudus.Api.Requests);
    }

    [Fact]
    public async Task Writes_over_a_contact_edited_in_Nexudus_when_the_source_wins_and_says_what_was_edited()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, Existing).Then(HttpStatusCode.OK, Updated5);

        var result = await nexudus.Client.UpdateContractContactAsync(5, Payloads.Director(), LastWritten, ConflictPolicy.SourceWins, CancellationToken.None);

        Assert.Equal((WriteStatus.Succeeded, 5), (result.Status, result.Id));
        Assert.Equal(["Email"], result.EditedFields);
        Assert.Equal(2, nexudus.Api.Requests.Count);
    }

    [Fact]
    public async Task Sees_no_edit_where_Nexudus_holds_what_ContactSync_wrote_in_its_own_spelling()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, """{"Id":5,"CoworkerContractId":77,"FullName":" Ada Old ","ContractContactType":1,"Email":"ada@example.test","Notes":"from the front desk","DateOfBirth":null,"PhoneNumber":"","AmlCheckStatus":2}""")
            .Then(HttpStatusCode.OK, Updated5);

        var result = await nexudus.Client.UpdateContractContactAsync(5, Payloads.Director(), LastWritten, ConflictPolicy.NexudusWins, CancellationToken.None);

        Assert.Equal(WriteStatus.Succeeded, result.Status);
        Assert.Empty(result.EditedFields);
    }

    [Fact]
    public async Task Reports_a_delete_Nexudus_answers_200_but_not_done_as_refused()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api.Then(HttpStatusCode.OK, """{"Status":200,"Message":"This contact cannot be removed while its identity checks are in progress.","Value":null,"WasSuccessful":false}""");

        var result = await nexudus.Client.DeleteContractContactAsync(5, CancellationToken.None);

        Assert.Equal(WriteStatus.Rejected, result.Status);
        // Its free-text message is not repeated (it may quote personal data); the reason says what happened.
        Assert.Equal("Nexudus answered 200 but reported it was not done (WasSuccessful: false)", result.Reason);
    }

    [Fact]
    public async Task Deletes_and_treats_a_404_as_not_found()
    {
        await using var nexudus = NexudusHarness.Create();
        nexudus.Api
            .Then(HttpStatusCode.OK, """{"Status":200,"Message":"ContractContact was successfully deleted.","Value":{"Id":5},"WasSuccessful":true}""")
            .Then(HttpStatusCode.NotFound);

        var deleted = await nexudus.Client.DeleteContractContactAsync(5, CancellationToken.None);
        var again = await nexudus.Client.DeleteContractContactAsync(5, CancellationToken.None);

        Assert.Equal(WriteResult.Success(5), deleted);
        Assert.Equal(WriteStatus.NotFound, again.Status);
        Assert.All(nexudus.Api.Requests, r => Assert.Equal("/api/billing/contractcontacts/5", r.Uri.AbsolutePath));
    }
}
