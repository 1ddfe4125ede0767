namespace ContactSync.Core.Security;

/// <summary>What a login is checked against: a <see cref="PasswordHash"/>, or (local runs only) a password in clear.</summary>
public sealed record StoredSecret(PasswordHash? Hash, string? ClearPassword);
