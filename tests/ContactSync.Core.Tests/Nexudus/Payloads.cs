using ContactSync.Core.Contacts;
using ContactSync.Core.Nexudus.Model;

namespace ContactSync.Core.Tests.Nexudus;

internal static class Payloads
{
    public static ContractContactPayload Director(int coworkerContractId = 77) => new()
    {
        CoworkerContractId = coworkerContractId,
        FullName = "Ada Example",
        ContractContactType = ContractContactType.Director,
        DateOfBirth = "1970-05-01T00:00:00",
    };
}
