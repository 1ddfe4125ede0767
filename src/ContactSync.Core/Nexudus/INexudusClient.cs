using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Nexudus;

/// <summary>
/// What the sync needs from Nexudus, with Nexudus's envelopes, paging and error shapes already turned into
/// typed outcomes. Every call goes through the rate limit and the resilience pipeline.
/// Reads throw <see cref="NexudusUnavailableException"/> when they cannot complete; any call throws
/// <see cref="NexudusConfigurationException"/> when no retry can succeed (credentials refused, a role missing, an
/// endpoint that does not exist at the base URL).
/// </summary>
public interface INexudusClient
{
    /// <summary>POST a new ContractContact. Never re-sent after an ambiguous failure: the caller looks it up first.</summary>
    Task<WriteResult> CreateContractContactAsync(ContractContactPayload payload, CancellationToken cancellationToken);

    /// <summary>
    /// GET the record by id, overlay the fields ContactSync owns, PUT the whole object back. With
    /// <paramref name="lastWritten"/> (what ContactSync last wrote to it), mapped fields edited in Nexudus since are
    /// named in the result; <see cref="ConflictPolicy.NexudusWins"/> then writes nothing (<see cref="WriteStatus.Conflict"/>).
    /// </summary>
    Task<WriteResult> UpdateContractContactAsync(
        int id, ContractContactPayload payload, ContractContactPayload? lastWritten, ConflictPolicy conflicts, CancellationToken cancellationToken);

    Task<WriteResult> DeleteContractContactAsync(int id, CancellationToken cancellationToken);

    /// <summary>Whether the contact exists (GET by id): false on a 404. Throws <see cref="NexudusUnavailableException"/> when it cannot tell.</summary>
    Task<bool> ContractContactExistsAsync(int id, CancellationToken cancellationToken);

    /// <summary>Every ContractContact on one contract (all pages).</summary>
    Task<IReadOnlyList<ContractContact>> ListContractContactsAsync(int coworkerContractId, CancellationToken cancellationToken);

    /// <summary>Every ContractContact of the account, in the largest pages Nexudus serves, each once.</summary>
    Task<IReadOnlyList<ContractContact>> ListAllContractContactsAsync(CancellationToken cancellationToken);

    /// <summary>Every plan (all pages).</summary>
    Task<IReadOnlyList<Tariff>> ListTariffsAsync(CancellationToken cancellationToken);

    /// <summary>Every active contract (all pages).</summary>
    Task<IReadOnlyList<CoworkerContract>> ListActiveContractsAsync(CancellationToken cancellationToken);

    /// <summary>Every company customer (CoworkerType 2), with the value of <paramref name="field"/> (all pages).</summary>
    Task<IReadOnlyList<(int CoworkerId, string? FieldValue)>> ListCompanyCoworkersAsync(string field, CancellationToken cancellationToken);

    /// <summary>Every country (all pages).</summary>
    Task<IReadOnlyList<Country>> ListCountriesAsync(CancellationToken cancellationToken);
}
