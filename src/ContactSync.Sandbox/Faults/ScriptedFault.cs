namespace ContactSync.Sandbox.Faults;

/// <summary>
/// A one-shot fault for the next <see cref="Count"/> API calls that match: <see cref="Method"/> (any when
/// omitted) and <see cref="Path"/> (a path prefix, any when omitted). Scripted faults win over random ones.
/// </summary>
internal sealed record ScriptedFault(FaultKind Kind, int Count = 1, string? Method = null, string? Path = null);
