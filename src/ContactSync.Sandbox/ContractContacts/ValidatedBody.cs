using ContactSync.Sandbox.Api;

namespace ContactSync.Sandbox.ContractContacts;

/// <summary>A write body after validation: the fields (and Id, for a PUT) when valid, else the errors.</summary>
internal sealed record ValidatedBody(int? Id, ContractContactFields? Fields, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Fields is not null;
}
