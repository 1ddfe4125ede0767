using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactSync.Core.Nexudus.Model;
using ContactSync.Core.Paging;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Refit;

namespace ContactSync.Core.Nexudus.Http;

/// <summary>
/// <see cref="INexudusClient"/> over the Refit API: pages lists, turns Nexudus's statuses and envelopes into
/// <see cref="WriteResult"/>s, and decides what a failed write proves (see <see cref="WriteStatus"/>).
/// </summary>
internal sealed class NexudusClient(INexudusApi api, ILogger<NexudusClient> logger) : INexudusClient
{
    private const string ContactsPath = "/api/billing/contractcontacts";
    private const string CountriesPath = "/api/sys/countries";
    private const string TariffsPath = "/api/billing/tariffs";
    private const string ContractsPath = "/api/billing/coworkercontracts";
    private const string CoworkersPath = "/api/spaces/coworkers";
    /// <summary>The largest page Nexudus documents for lists; a server that serves less is paged on by <c>TotalPages</c>.</summary>
    internal const int ContactPageSize = 1000;
    private const int CountryPageSize = 500;

    // The ceiling on a list's pages while Nexudus has not said how many there are (see PageProgress).
    private const int MaxPages = 1000;

    public Task<WriteResult> CreateContractContactAsync(ContractContactPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return WriteAsync($"POST {ContactsPath}", knownId: null, ct => api.CreateContractContactAsync(payload, ct), cancellationToken);
    }

    public async Task<WriteResult> UpdateContractContactAsync(
        int id, ContractContactPayload payload, ContractContactPayload? lastWritten, ConflictPolicy conflicts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var read = $"GET {ContactsPath}/{id}";
        var (response, failure) = await CallAsync(ct => api.GetContractContactAsync(id, ct), cancellationToken);
        if (failure is not null)
        {
            // Only a read failed: nothing was written.
            return Report(read, new WriteResult(WriteStatus.NotApplied, id, $"{read} {CallFailure.From(failure, cancellationToken).Reason}"));
        }

        JsonObject body;
        IReadOnlyList<string> edited;
        IReadOnlyList<string> changed;
        using (response)
        {
            var status = StatusOf(response!);
            if (status == HttpStatusCode.NotFound)
            {
                return Report(read, new WriteResult(WriteStatus.NotFound, id, $"{read} found no such record"));
            }

            ThrowIfAuthenticationFailed(status, read);
            if (!response!.IsSuccessStatusCode || response.Content is null)
            {
                return Report(read, new WriteResult(WriteStatus.NotApplied, id, $"{read} answered {Code(status)}"));
            }

            edited = lastWritten is null ? [] : ContractContactOverlay.EditedSince(response.Content, lastWritten);
            if (edited.Count > 0 && conflicts == ConflictPolicy.NexudusWins)
            {
                return new WriteResult(WriteStatus.Conflict, id, $"Edited in Nexudus since ContactSync last wrote it ({string.Join(", ", edited)}); Nexudus's values are kept") { EditedFields = edited };
            }

            (body, changed) = ContractContactOverlay.Apply(response.Content, id, payload);
        }

        if (changed.Count == 0)
        {
            // Nexudus already holds every field the source owns: a PUT would spend a write to change nothing.
            return WriteResult.Success(id) with { EditedFields = edited };
        }

        var written = await WriteAsync($"PUT {ContactsPath}", id, ct => api.UpdateContractContactAsync(body, ct), cancellationToken);
        return written with { EditedFields = edited, ChangedFields = changed };
    }

    public async Task<bool> ContractContactExistsAsync(int id, CancellationToken cancellationToken)
    {
        var operation = $"GET {ContactsPath}/{id}";
        var (response, failure) = await CallAsync(ct => api.GetContractContactAsync(id, ct), cancellationToken);
        if (failure is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var classified = CallFailure.From(failure, cancellationToken);
            throw new NexudusUnavailableException($"{operation} {classified.Reason}", classified.Exception);
        }

        using (response)
        {
            var status = StatusOf(response!);
            ThrowIfAuthenticationFailed(status, operation);
            return status == HttpStatusCode.NotFound ? false
                : response!.IsSuccessStatusCode ? true
                : throw new NexudusUnavailableException($"{operation} failed with status {Code(status)}");
        }
    }

    public Task<WriteResult> DeleteContractContactAsync(int id, CancellationToken cancellationToken)
        => WriteAsync($"DELETE {ContactsPath}/{id}", id, ct => api.DeleteContractContactAsync(id, ct), cancellationToken);

    public Task<IReadOnlyList<ContractContact>> ListContractContactsAsync(int coworkerContractId, CancellationToken cancellationToken)
        => ListContactsAsync(coworkerContractId, cancellationToken);

    public Task<IReadOnlyList<ContractContact>> ListAllContractContactsAsync(CancellationToken cancellationToken)
        => ListContactsAsync(null, cancellationToken);

    // Ordered by Id, so a contact typed in while the pages are read lands on the last page instead of shifting the others
    // (which would show one contact twice and hide another); any repeat is dropped all the same.
    private async Task<IReadOnlyList<ContractContact>> ListContactsAsync(int? coworkerContractId, CancellationToken cancellationToken)
    {
        var contacts = await ListAllAsync(
            $"GET {ContactsPath}",
            (page, ct) => api.ListContractContactsAsync(page, ContactPageSize, coworkerContractId, "Id", ct),
            contact => Key(contact.Id),
            cancellationToken);
        var seen = new HashSet<int>();
        return [.. contacts.Where(contact => seen.Add(contact.Id))];
    }

    public Task<IReadOnlyList<Tariff>> ListTariffsAsync(CancellationToken cancellationToken)
        => ListAllAsync($"GET {TariffsPath}", (page, ct) => api.ListTariffsAsync(page, CountryPageSize, ct), tariff => Key(tariff.Id), cancellationToken);

    public async Task<IReadOnlyList<CoworkerContract>> ListActiveContractsAsync(CancellationToken cancellationToken)
    {
        var contracts = await ListAllAsync(
            $"GET {ContractsPath}", (page, ct) => api.ListCoworkerContractsAsync(page, ContactPageSize, true, "Id", ct), contract => Key(contract.Id), cancellationToken);
        var seen = new HashSet<int>();

        // The filter is Nexudus's; the check is ours too, in case a tenant ignores it.
        return [.. contracts.Where(contract => contract.Active && !contract.Cancelled && seen.Add(contract.Id))];
    }

    public async Task<IReadOnlyList<(int CoworkerId, string? FieldValue)>> ListCompanyCoworkersAsync(string field, CancellationToken cancellationToken)
    {
        var coworkers = await ListAllAsync(
            $"GET {CoworkersPath}", (page, ct) => api.ListCoworkersAsync(page, ContactPageSize, 2, "Id", ct), coworker => coworker["Id"]?.ToJsonString() ?? "", cancellationToken);
        var seen = new HashSet<int>();
        var companies = new List<(int, string?)>(coworkers.Count);
        foreach (var coworker in coworkers)
        {
            if (coworker["Id"] is JsonValue id && id.TryGetValue<int>(out var coworkerId) && seen.Add(coworkerId)
                && coworker["CoworkerType"] is JsonValue type && type.TryGetValue<int>(out var kind) && kind == 2)
            {
                // Matched without regard to case: a tenant's serialiser may spell the field differently from the docs.
                var node = coworker.FirstOrDefault(pair => string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
                companies.Add((coworkerId, node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
                    : node is JsonValue number && number.GetValueKind() == JsonValueKind.Number ? number.ToJsonString() : null));
            }
        }

        return companies;
    }

    public Task<IReadOnlyList<Country>> ListCountriesAsync(CancellationToken cancellationToken)
        => ListAllAsync($"GET {CountriesPath}", (page, ct) => api.ListCountriesAsync(page, CountryPageSize, ct), country => Key(country.Id), cancellationToken);

    private async Task<WriteResult> WriteAsync(
        string operation,
        int? knownId,
        Func<CancellationToken, Task<IApiResponse<NexudusActionResult>>> call,
        CancellationToken cancellationToken)
    {
        var (response, failure) = await CallAsync(call, cancellationToken);
        if (failure is not null)
        {
            var classified = CallFailure.From(failure, cancellationToken);
            if (classified.Exception is BrokenCircuitException)
            {
                // Every remaining record would fail the same way: stop the run instead of spending its attempts.
                throw new NexudusUnavailableException($"Nexudus is unavailable: {operation} refused, circuit open after repeated failures.", classified.Exception);
            }

            var status = classified.CertainlyNotSent ? WriteStatus.NotApplied : WriteStatus.Ambiguous;
            return Report(operation, new WriteResult(status, knownId, $"{operation} {classified.Reason}"));
        }

        using (response)
        {
            return Report(operation, FromResponse(operation, response!, knownId));
        }
    }

    private static WriteResult FromResponse(string operation, IApiResponse<NexudusActionResult> response, int? knownId)
    {
        var status = StatusOf(response);
        ThrowIfAuthenticationFailed(status, operation);

        if (response.IsSuccessStatusCode)
        {
            return response.Content switch
            {
                { WasSuccessful: false } rejected => new WriteResult(WriteStatus.Rejected, knownId, RejectionReason.From(rejected, status)),
                { Value.Id: > 0 and var id } => WriteResult.Success(id),
                // An update or delete names its record already; an empty 2xx confirms it.
                _ when knownId is { } known && response.Error is null => WriteResult.Success(known),
                // The record may well exist now, but without its Id the caller must look it up.
                _ => new WriteResult(WriteStatus.Ambiguous, knownId, $"{operation} answered {Code(status)} without a readable result"),
            };
        }

        if (status == HttpStatusCode.NotFound)
        {
            // A create is POSTed to the collection: a 404 there means the endpoint itself is missing, and every other
            // create would meet it too (each charged to the daily budget).
            return knownId is null
                ? throw new NexudusEndpointNotFoundException(operation)
                : new WriteResult(WriteStatus.NotFound, knownId, $"{operation} found no such record");
        }

        if (HttpFailures.IsThrottled(status))
        {
            return new WriteResult(WriteStatus.NotApplied, knownId, $"{operation} was throttled ({Code(status)}) on every attempt");
        }

        if (HttpFailures.IsServerFailure(status))
        {
            return new WriteResult(WriteStatus.Ambiguous, knownId, $"{operation} answered {Code(status)}; it may have been applied");
        }

        return new WriteResult(WriteStatus.Rejected, knownId, RejectionReason.From(ReadEnvelope((response.Error as ApiException)?.Content), status));
    }

    private async Task<IReadOnlyList<T>> ListAllAsync<T>(
        string operation,
        Func<int, CancellationToken, Task<IApiResponse<NexudusPage<T>>>> fetchPage,
        Func<T, string> idOf,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        // A tenant that ignores the paging parameters without saying which page it served (no CurrentPage) answers page
        // 1 again and again: its records, already read, are what stops the read.
        var progress = new PageProgress("Nexudus", operation, MaxPages);
        for (var page = 1; ; page++)
        {
            var (response, failure) = await CallAsync(ct => fetchPage(page, ct), cancellationToken);
            if (failure is not null)
            {
                var classified = CallFailure.From(failure, cancellationToken);

                // A read given up by its caller is just cancelled: nothing about Nexudus was learnt.
                cancellationToken.ThrowIfCancellationRequested();
                throw new NexudusUnavailableException($"{operation} {classified.Reason}", classified.Exception);
            }

            using (response)
            {
                var status = StatusOf(response!);
                ThrowIfAuthenticationFailed(status, operation);
                if (status == HttpStatusCode.NotFound)
                {
                    throw new NexudusEndpointNotFoundException(operation);
                }

                if (!response!.IsSuccessStatusCode)
                {
                    throw new NexudusUnavailableException($"{operation} failed with status {Code(status)}");
                }

                var body = response.Content
                    ?? throw new NexudusUnavailableException($"{operation} answered {Code(status)} without a readable page");

                // A server that ignores the paging parameters answers page 1 to every request, with HasNextPage set for
                // ever: reading on would collect the same records again and again.
                if (body.CurrentPage > 0 && body.CurrentPage != page)
                {
                    throw new NexudusUnavailableException(
                        $"{operation} answered page {body.CurrentPage.ToString(CultureInfo.InvariantCulture)} to a request for page {page.ToString(CultureInfo.InvariantCulture)}: the paging parameters were not honoured");
                }

                var records = body.Records ?? [];
                all.AddRange(records);
                if (!body.HasNextPage || records.Count == 0 || (body.TotalPages > 0 && page >= body.TotalPages))
                {
                    return all;
                }

                if (body.TotalPages > 0)
                {
                    progress.ExpectPages(body.TotalPages);
                }

                try
                {
                    progress.ReadOn(body.CurrentPage > 0 ? body.CurrentPage.ToString(CultureInfo.InvariantCulture) : null, records.Select(idOf));
                }
                catch (PagingStalledException stalled)
                {
                    // Nexudus failing is what every caller of a list already stops on (the run ends unavailable).
                    throw new NexudusUnavailableException(stalled.Message, stalled);
                }
            }
        }
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs a Refit call, returning either its response or the exception that ended it.</summary>
    private static async Task<(TResponse? Response, Exception? Failure)> CallAsync<TResponse>(
        Func<CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : class, IApiResponse
    {
        try
        {
            var response = await call(cancellationToken);
            if (response.Error is ApiRequestException requestError)
            {
                response.Dispose();
                return (null, requestError);
            }

            return (response, null);
        }
        catch (Exception e) when (CallFailure.IsCallException(e))
        {
            return (null, e);
        }
    }

    private static void ThrowIfAuthenticationFailed(HttpStatusCode status, string operation)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            throw new NexudusAuthenticationException(
                $"Nexudus answered 401 to {operation} even with a newly issued token: check the account's roles (Nexudus:Username)");
        }

        if (status == HttpStatusCode.Forbidden)
        {
            throw new NexudusAuthenticationException(
                $"Nexudus answered 403 to {operation}: the account (Nexudus:Username) lacks a role this call needs");
        }
    }

    private static NexudusActionResult? ReadEnvelope(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<NexudusActionResult>(content, NexudusJson.Options);
        }
        catch (JsonException)
        {
            // A plain-text error body ("Not found", an HTML page): the status alone has to do.
            return null;
        }
    }

    private WriteResult Report(string operation, WriteResult result)
    {
        if (result.Status != WriteStatus.Succeeded)
        {
            NexudusLogMessages.WriteNotConfirmed(logger, operation, result.Status, result.Reason ?? "");
        }

        return result;
    }

    // Only responses that were received reach here, so the status is always there.
    private static HttpStatusCode StatusOf(IApiResponse response) => response.StatusCode ?? default;

    private static string Code(HttpStatusCode status) => ((int)status).ToString(CultureInfo.InvariantCulture);
}
