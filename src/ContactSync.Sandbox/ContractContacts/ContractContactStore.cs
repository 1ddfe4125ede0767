using ContactSync.Sandbox.Admin;
using ContactSync.Sandbox.Api;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>
/// The ContractContacts, in memory behind one lock. Ids come from a counter that starts at 70001 and is
/// never rewound, not even by a reset, so an Id a client remembers from before a reset can only ever
/// mean "gone" (404) and never silently point at a different record.
/// </summary>
internal sealed class ContractContactStore(TimeProvider time) : ISandboxState
{
    public const int FirstId = 70_001;

    private readonly Lock gate = new();
    private readonly Dictionary<int, StoredContractContact> records = [];
    private int nextId = FirstId;

    /// <summary>A rule checked against the other stored records inside the write lock; null means pass.</summary>
    public delegate ValidationError? Precondition(ContractContactFields fields, IEnumerable<StoredContractContact> others);

    public StoreWrite Create(ContractContactFields fields, string user, Precondition precondition)
    {
        lock (gate)
        {
            if (precondition(fields, records.Values) is { } rejection)
            {
                return StoreWrite.Rejected(rejection);
            }

            var now = time.GetUtcNow();
            var record = new StoredContractContact(nextId++, Guid.NewGuid(), fields, now, now, user);
            records[record.Id] = record;
            return StoreWrite.Written(record);
        }
    }

    public StoreWrite Replace(int id, ContractContactFields fields, string user, Precondition precondition)
    {
        lock (gate)
        {
            if (!records.TryGetValue(id, out var existing))
            {
                return StoreWrite.Missing;
            }

            if (precondition(fields, records.Values.Where(record => record.Id != id)) is { } rejection)
            {
                return StoreWrite.Rejected(rejection);
            }

            var updated = existing with { Fields = fields, UpdatedOn = time.GetUtcNow(), UpdatedBy = user };
            records[id] = updated;
            return StoreWrite.Written(updated);
        }
    }

    public bool Delete(int id)
    {
        lock (gate)
        {
            return records.Remove(id);
        }
    }

    public StoredContractContact? Find(int id)
    {
        lock (gate)
        {
            return records.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<StoredContractContact> All()
    {
        lock (gate)
        {
            return [.. records.Values.OrderBy(record => record.Id)];
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            records.Clear();
        }
    }
}
