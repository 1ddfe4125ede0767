namespace ContactSync.Core.Nexudus.Model;

/// <summary>A customer's contract: only what contract resolution reads.</summary>
public sealed record CoworkerContract(int Id, int CoworkerId, int CoworkerCoworkerType, int TariffId, bool Active, bool Cancelled);
