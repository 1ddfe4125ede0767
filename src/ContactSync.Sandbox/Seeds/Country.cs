namespace ContactSync.Sandbox.Seeds;

internal sealed record Country(int Id, string Name, string TwoDigitsCode, string Culture, string? SystemId = null);
