namespace ContactSync.Sandbox.Api;

/// <summary>The Value of a write response: the Id of the record written.</summary>
internal sealed record EntityId(int Id);
