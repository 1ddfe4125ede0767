namespace ContactSync.Core.Nexudus.Model;

/// <summary>A Nexudus plan: only what tells a virtual-office plan apart (SystemTariffType 10 VirtualOffice, 11 Virtual).</summary>
public sealed record Tariff(int Id, bool IsVirtualOffice, int SystemTariffType, bool Archived)
{
    public bool IsForVirtualOffices => IsVirtualOffice || SystemTariffType is 10 or 11;
}
