namespace ContactSync.Sandbox.Identity;

/// <summary>One of the provider's built-in accounts; <see cref="Roles"/> are its <c>role</c> claim values.</summary>
internal sealed record SandboxAccount(string Username, string Password, string DisplayName, IReadOnlyList<string> Roles);
