namespace ContactSync.Sandbox.Auth;

/// <summary>The authenticated caller of an API request, set as a request feature by the bearer check.</summary>
internal sealed record ApiClient(string Username);
