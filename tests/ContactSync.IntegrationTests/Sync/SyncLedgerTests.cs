using ContactSync.Core;
using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Push;
using ContactSync.Core.Runs;
using ContactSync.IntegrationTests.Infrastructure;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ContactSync.IntegrationTests.Sync;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class SyncLedgerTests(PostgresServer postgres)
{
    [Fact]
    public async Task Puts_every_row_in_exactly_one_state()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync(
            "a1,1001,Director,Ada Fenwick,ada@example.com,1979-04-12,GB",
            "a2,1001,CompanyAlias,Acme Widgets,,,",
            "a3,1002,NominatedRecipient,Carla Mendes,,,",
            "bad-type,1002,Chairman,Oscar Reyes,,,",
            "bad-country,1003,Director,Quentin Moreau,,,ZZ",
            ",1003,Director,No Id,,,",
            "a1,1003,Director,Same Id Again,,,");

        var summary = await harness.RunAsync();

        Assert.Equal(RunOutcome.CompletedWithErrors, summary.Outcome);
        Assert.Equal((3, 4, 0, 7), (summary.Created, summary.Rejected, summary.Failed, summary.Total));
        Assert.Equal(3, await harness.ScalarAsync<long>("select count(*) from sync_records where status = 'synced' and nexudus_id is not null"));
        Assert.Equal(2, await harness.ScalarAsync<long>("select count(*) from sync_records where status = 'rejected'"));
        Assert.Equal(
            "source_id: repeats the source_id of line 2",
            await harness.ScalarAsync<string>("select reason from sync_rejections where source_id = 'a1'"));
        Assert.Equal(
            "country: unknown country code",
            await harness.ScalarAsync<string>("select last_error from sync_records where source_id = 'bad-country'"));
    }

    [Fact]
    public async Task Sends_nothing_when_nothing_changed()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,", "a2,1002,Director,Bo Lind,,,");
        await harness.RunAsync();
        harness.Client.ClearReceivedCalls();

        var second = await harness.RunAsync();

        Assert.Equal((RunOutcome.Succeeded, 2, 0), (second.Outcome, second.Unchanged, second.Created));
        Assert.Empty(harness.Client.ReceivedCalls());
    }

    [Fact]
    public async Task Adopts_an_in_flight_record_whose_contact_already_exists()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        // A worker marked the record in flight, the POST landed, and the worker died before recording the answer.
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(new WriteResult(WriteStatus.Ambiguous, Reason: "lost"));
        // Not there when the run matched before creating; there once the create's answer was lost.
        harness.Client.ListContractContactsAsync(1001, Arg.Any<CancellationToken>()).Returns(
            [],
            [new ContractContact { Id = 90_001, CoworkerContractId = 1001, FullName = "ADA  fenwick", ContractContactType = ContractContactType.Director }]);

        var summary = await harness.RunAsync();

        Assert.Equal((1, 0, 0, 0), (summary.Adopted, summary.Linked, summary.Created, summary.Failed));
        Assert.Equal("found", await harness.ScalarAsync<string>("select origin from sync_records where source_id = 'a1'"));
        Assert.Equal(90_001, await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'a1'"));
        await harness.Client.ReceivedWithAnyArgs(1).CreateContractContactAsync(default!, default);
    }

    [Fact]
    public async Task Looks_up_a_record_found_in_flight_before_creating_it()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,", "a2,1001,Director,Bo Lind,,,");
        await harness.RunAsync();
        // Left in flight by a worker that died an hour ago: whatever it sent has landed or never will.
        await harness.ExecuteAsync(
            "update sync_records set status = 'in_flight', nexudus_id = null, attempts = 1, synced_hash = null, in_doubt = true, " +
            "attempted_payload = desired_payload, attempt_floor_id = 0, in_flight_since = now() - interval '1 hour', in_flight_until = now() - interval '1 hour'");
        harness.Client.ListContractContactsAsync(1001, Arg.Any<CancellationToken>()).Returns(
            [new ContractContact { Id = 80_001, CoworkerContractId = 1001, FullName = "Ada Fenwick", ContractContactType = ContractContactType.Director }]);
        harness.Client.ClearReceivedCalls();

        var summary = await harness.RunAsync();

        // a1 exists in Nexudus and is adopted; a2 never landed and is created; the contract is read once.
        Assert.Equal((1, 1), (summary.Adopted, summary.Created));
        await harness.Client.Received(1).ListContractContactsAsync(1001, Arg.Any<CancellationToken>());
        await harness.Client.Received(1).CreateContractContactAsync(Arg.Is<ContractContactPayload>(p => p.FullName == "Bo Lind"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Leaves_a_record_another_run_may_still_be_sending_until_that_create_has_surely_ended()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        await harness.RunAsync();
        // Marked in flight a moment ago by a run that lost its lock when PostgreSQL restarted, and is still retrying
        // its create: a look-up now could miss the contact that create is about to make.
        await harness.ExecuteAsync(
            "update sync_records set status = 'in_flight', nexudus_id = null, attempts = 1, synced_hash = null, in_doubt = true, " +
            "attempted_payload = desired_payload, attempt_floor_id = 0, in_flight_since = now(), in_flight_until = now() + interval '1 hour'");
        harness.Client.ClearReceivedCalls();

        var early = await harness.RunAsync();

        Assert.Equal((0, 0, 1), (early.Adopted, early.Created, early.Failed));
        Assert.Empty(harness.Client.ReceivedCalls());
        Assert.Equal("in_flight", await harness.ScalarAsync<string>("select status from sync_records where source_id = 'a1'"));

        // Once the client's total timeout (and a margin) has passed, that create is over: look, then create if needed.
        await harness.ExecuteAsync("update sync_records set in_flight_until = now() - interval '1 second'");

        var later = await harness.RunAsync();

        Assert.Equal((0, 1, 0), (later.Adopted, later.Created, later.Failed));
        await harness.Client.Received(1).ListContractContactsAsync(1001, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Does_not_adopt_a_contact_another_record_owns_and_sends_nothing_for_a_second_row_of_the_same_person()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        await harness.RunAsync();
        var owned = await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'a1'");
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,", "a1-copy,1001,Director,Ada Fenwick,,,");
        await harness.ExecuteAsync("insert into sync_records (source, source_id, status, attempts, in_doubt, created_at, updated_at) values ('test', 'a1-copy', 'in_flight', 1, true, now(), now())");
        harness.Client.ListContractContactsAsync(1001, Arg.Any<CancellationToken>()).Returns(
            [new ContractContact { Id = owned, CoworkerContractId = 1001, FullName = "Ada Fenwick", ContractContactType = ContractContactType.Director }]);
        harness.Client.ClearReceivedCalls();

        var summary = await harness.RunAsync();

        Assert.Equal((0, 0, 0, 1), (summary.Adopted, summary.Linked, summary.Created, summary.Rejected));
        Assert.StartsWith(
            "same person as source_id a1:",
            await harness.ScalarAsync<string>("select last_error from sync_records where source_id = 'a1-copy' and status = 'rejected'"),
            StringComparison.Ordinal);
        await harness.Client.DidNotReceiveWithAnyArgs().CreateContractContactAsync(default!, default);
    }

    [Fact]
    public async Task Links_a_record_to_the_one_contact_already_on_its_contract_and_writes_nothing()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,ada@example.com,1979-04-12,", "a2,1001,Director,Bo Lind,bo@example.com,,");
        harness.Client.ListContractContactsAsync(1001, Arg.Any<CancellationToken>()).Returns(
        [
            // Typed in by reception, surname first and without an email: the same person.
            new ContractContact { Id = 500, CoworkerContractId = 1001, FullName = "FENWICK, Ada", ContractContactType = ContractContactType.Director, DateOfBirth = "1979-04-12T00:00:00" },
            // Same name, another email: somebody else.
            new ContractContact { Id = 501, CoworkerContractId = 1001, FullName = "Bo Lind", ContractContactType = ContractContactType.Director, Email = "other@example.com" },
        ]);
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(WriteResult.Success(70_010));

        var summary = await harness.RunAsync();

        Assert.Equal((1, 1, 0), (summary.Linked, summary.Created, summary.Rejected));
        Assert.Equal((500, "found"), (await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'a1'"),
            await harness.ScalarAsync<string>("select origin from sync_records where source_id = 'a1'")));
        Assert.Equal("created", await harness.ScalarAsync<string>("select origin from sync_records where source_id = 'a2'"));
        await harness.Client.Received(1).CreateContractContactAsync(Arg.Is<ContractContactPayload>(p => p.FullName == "Bo Lind"), Arg.Any<CancellationToken>());
        await harness.Client.DidNotReceiveWithAnyArgs().UpdateContractContactAsync(default, default!, default, default, default);
        await harness.Client.Received(1).ListContractContactsAsync(1001, Arg.Any<CancellationToken>());

        // Linked records are synced: the next run sends and reads nothing.
        harness.Client.ClearReceivedCalls();
        var second = await harness.RunAsync();
        Assert.Equal(2, second.Unchanged);
        Assert.Empty(harness.Client.ReceivedCalls());
    }

    [Fact]
    public async Task Rejects_a_record_Nexudus_has_several_candidates_for_naming_them()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        harness.Client.ListContractContactsAsync(1001, Arg.Any<CancellationToken>()).Returns(
        [
            new ContractContact { Id = 601, CoworkerContractId = 1001, FullName = "Ada Fenwick", ContractContactType = ContractContactType.Director },
            new ContractContact { Id = 600, CoworkerContractId = 1001, FullName = "ADA FENWICK", ContractContactType = ContractContactType.Director },
        ]);

        var summary = await harness.RunAsync();

        Assert.Equal((0, 0, 1), (summary.Linked, summary.Created, summary.Rejected));
        Assert.StartsWith(
            "ambiguous: Nexudus has 2 candidates (Ids 600, 601)",
            await harness.ScalarAsync<string>("select last_error from sync_records where status = 'rejected'"),
            StringComparison.Ordinal);
        await harness.Client.DidNotReceiveWithAnyArgs().CreateContractContactAsync(default!, default);
    }

    [Fact]
    public async Task A_record_whose_key_changed_takes_over_its_contact_and_updates_it()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("old-key,1001,Director,Ada Fenwick,,,");
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(WriteResult.Success(70_020));
        await harness.RunAsync();
        harness.Client.UpdateContractContactAsync(default, default!, default, default, default).ReturnsForAnyArgs(WriteResult.Success(70_020));
        harness.Client.ClearReceivedCalls();

        // The source's export now keys her differently, and has her email.
        await harness.WriteCsvAsync("new-key,1001,Director,FENWICK  Ada,ada@example.com,,");
        var summary = await harness.RunAsync();

        Assert.Equal((1, 0), (summary.Linked, summary.Created));
        Assert.Equal(70_020, await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'new-key'"));
        Assert.Equal("superseded", await harness.ScalarAsync<string>("select status from sync_records where source_id = 'old-key'"));
        await harness.Client.Received(1).UpdateContractContactAsync(70_020, Arg.Is<ContractContactPayload>(p => p.Email == "ada@example.com"), Arg.Any<ContractContactPayload?>(), Arg.Any<ConflictPolicy>(), Arg.Any<CancellationToken>());
        await harness.Client.DidNotReceiveWithAnyArgs().CreateContractContactAsync(default!, default);
        await harness.Client.DidNotReceiveWithAnyArgs().ListContractContactsAsync(default, default);
    }

    [Fact]
    public async Task Updates_a_synced_record_whose_data_changed()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        await harness.RunAsync();
        var id = await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'a1'");
        harness.Client.UpdateContractContactAsync(default, default!, default, default, default).ReturnsForAnyArgs(WriteResult.Success(id));
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,ada@example.com,,");

        var summary = await harness.RunAsync();

        Assert.Equal((1, 0), (summary.Updated, summary.Created));
        await harness.Client.Received(1).UpdateContractContactAsync(id, Arg.Is<ContractContactPayload>(p => p.Email == "ada@example.com"), Arg.Any<ContractContactPayload?>(), Arg.Any<ConflictPolicy>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Does_not_resend_a_payload_Nexudus_rejected_until_it_changes()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,9999,Director,Ada Fenwick,,,");
        harness.Client.CreateContractContactAsync(default!, default)
            .ReturnsForAnyArgs(new WriteResult(WriteStatus.Rejected, Reason: "CoworkerContractId: not found"));
        var first = await harness.RunAsync();
        harness.Client.ClearReceivedCalls();

        var second = await harness.RunAsync();

        Assert.Equal((1, 1), (first.Rejected, second.Rejected));
        Assert.Empty(harness.Client.ReceivedCalls());
        Assert.Equal("CoworkerContractId: not found", await harness.ScalarAsync<string>("select last_error from sync_records"));
    }

    [Fact]
    public async Task Retries_a_create_Nexudus_certainly_did_not_process_next_run_without_looking_it_up()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        harness.Client.CreateContractContactAsync(default!, default)
            .ReturnsForAnyArgs(new WriteResult(WriteStatus.NotApplied, Reason: "Nexudus throttled every retry"));
        var first = await harness.RunAsync();
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(WriteResult.Success(70_001));

        var second = await harness.RunAsync();

        Assert.Equal((1, 0), (first.Failed, first.Created));
        Assert.Equal((0, 1), (second.Failed, second.Created));
        // Not in doubt, so never looked up after its create: each run read the contract once, to match before creating.
        await harness.Client.Received(2).ListContractContactsAsync(1001, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Leaves_a_create_whose_answer_was_lost_in_doubt_until_it_can_no_longer_land_then_looks_before_creating()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(new WriteResult(WriteStatus.Ambiguous, Reason: "timed out"));

        // Not on the contract at once: the create may still be under way, so nothing is sent again yet.
        var first = await harness.RunAsync();
        var early = await harness.RunAsync();

        Assert.Equal((0, 1), (first.Adopted, first.Failed));
        Assert.Equal(0, early.Created);
        await harness.Client.ReceivedWithAnyArgs(1).CreateContractContactAsync(default!, default);
        Assert.True(await harness.ScalarAsync<bool>("select in_doubt from sync_records"));

        await harness.ExecuteAsync("update sync_records set in_flight_until = now() - interval '1 second'");
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(WriteResult.Success(70_002));
        harness.Client.ClearReceivedCalls();

        var later = await harness.RunAsync();

        Assert.Equal((0, 1, 0), (later.Adopted, later.Created, later.Failed));
        await harness.Client.Received(1).ListContractContactsAsync(1001, Arg.Any<CancellationToken>());
        Assert.False(await harness.ScalarAsync<bool>("select in_doubt from sync_records"));
    }

    [Fact]
    public async Task Stops_early_and_says_so_when_Nexudus_is_unavailable()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,", "a2,1002,Director,Bo Lind,,,");
        harness.Client.CreateContractContactAsync(default!, default)
            .ThrowsAsyncForAnyArgs(new NexudusUnavailableException("Nexudus is unavailable (circuit open)."));

        var summary = await harness.RunAsync();

        Assert.Equal(RunOutcome.Aborted, summary.Outcome);
        Assert.Equal("Nexudus is unavailable (circuit open).", summary.Error);
        Assert.Equal(2, summary.Failed + summary.Created);
        Assert.Equal("aborted", await harness.ScalarAsync<string>("select status from sync_runs"));
    }

    [Fact]
    public async Task Skips_a_run_while_another_run_holds_the_sources_lease_and_takes_it_over_once_it_expires()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        await harness.ExecuteAsync(
            "insert into source_leases values ('test', gen_random_uuid(), now(), now(), now() + interval '1 minute')");

        var skipped = await harness.RunAsync();

        Assert.Equal(RunOutcome.Skipped, skipped.Outcome);
        await harness.Client.DidNotReceiveWithAnyArgs().CreateContractContactAsync(default!, default);
        // Written once, already finished: never seen running by the holder, which would close it as abandoned.
        Assert.Equal("skipped", await harness.ScalarAsync<string>("select status from sync_runs where finished_at is not null"));

        // The holder stopped renewing it (its worker died): once expired, the next run takes the source.
        await harness.ExecuteAsync("update source_leases set expires_at = now() - interval '1 second'");
        var next = await harness.RunAsync();

        Assert.Equal((RunOutcome.Succeeded, 1), (next.Outcome, next.Created));
        Assert.Equal(0L, await harness.ScalarAsync<long>("select count(*) from source_leases"));
    }

    [Fact]
    public async Task Does_not_take_a_record_back_as_synced_when_a_write_whose_answer_was_lost_may_have_changed_the_contact()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        await harness.RunAsync();
        var id = await harness.ScalarAsync<int>("select nexudus_id from sync_records");

        // The source changes, and the PUT carrying the change ends in doubt: it may well have been applied.
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,ada@example.com,,");
        harness.Client.UpdateContractContactAsync(default, default!, default, default, default).ReturnsForAnyArgs(new WriteResult(WriteStatus.Ambiguous, id, "timed out"));
        await harness.RunAsync();

        // The source goes back to what was last confirmed: Nexudus may hold the other version, so it is sent again.
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        harness.Client.UpdateContractContactAsync(default, default!, default, default, default).ReturnsForAnyArgs(WriteResult.Success(id));
        harness.Client.ClearReceivedCalls();
        var reverted = await harness.RunAsync();

        Assert.Equal((1, 0), (reverted.Updated, reverted.Unchanged));
        await harness.Client.Received(1).UpdateContractContactAsync(id, Arg.Is<ContractContactPayload>(p => p.Email == null), Arg.Any<ContractContactPayload?>(), Arg.Any<ConflictPolicy>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Never_calls_a_record_synced_to_a_deleted_contact_whose_replacement_was_not_sent()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        await harness.RunAsync();

        // The contact was deleted in Nexudus; the run that finds out cannot send its replacement.
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,ada@example.com,,");
        harness.Client.UpdateContractContactAsync(default, default!, default, default, default).ReturnsForAnyArgs(new WriteResult(WriteStatus.NotFound, Reason: "gone"));
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(new WriteResult(WriteStatus.NotApplied, Reason: "throttled"));
        await harness.RunAsync();

        // Back to the payload once synced: it still has to be created again.
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(WriteResult.Success(71_000));
        var next = await harness.RunAsync();

        Assert.Equal((1, 0), (next.Created, next.Unchanged));
        Assert.Equal(71_000, await harness.ScalarAsync<int>("select nexudus_id from sync_records"));
    }

    [Fact]
    public async Task Records_the_Id_of_a_create_that_succeeded_even_when_the_run_is_cancelled_right_after_it()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,");
        using var shutdown = new CancellationTokenSource();
        harness.Client.CreateContractContactAsync(default!, default).ReturnsForAnyArgs(_ =>
        {
            // SIGTERM arrives while the answer is on its way back.
            shutdown.Cancel();
            return WriteResult.Success(72_000);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.RunAsync(shutdown.Token));

        Assert.Equal(72_000, await harness.ScalarAsync<int>("select nexudus_id from sync_records where status = 'synced'"));
    }

    [Fact]
    public async Task Does_not_adopt_a_contact_a_record_on_another_contract_holds()
    {
        await using var harness = await LedgerHarness.CreateAsync(postgres);
        await harness.WriteCsvAsync("a1,1001,Director,Ada Fenwick,,,", "b1,1002,Director,Bo Lind,,,");
        await harness.RunAsync();
        var held = await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'a1'");
        await harness.ExecuteAsync(
            "update sync_records set nexudus_id = null, in_doubt = true, attempted_payload = desired_payload, attempt_floor_id = 0, " +
            "status = 'failed', in_flight_until = now() - interval '1 second' where source_id = 'b1'");
        // Contract 1002 lists a contact that looks like b1 but is a1's (moved there in Nexudus).
        harness.Client.ListContractContactsAsync(1002, Arg.Any<CancellationToken>()).Returns(
            [new ContractContact { Id = held, CoworkerContractId = 1002, FullName = "Bo Lind", ContractContactType = ContractContactType.Director }]);

        var summary = await harness.RunAsync();

        Assert.Equal((0, 1), (summary.Adopted, summary.Created));
        Assert.NotEqual(held, await harness.ScalarAsync<int>("select nexudus_id from sync_records where source_id = 'b1'"));
    }
}
