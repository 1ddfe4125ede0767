namespace ContactSync.Worker.Cli;

/// <param name="HostArgs">What is left for the host's own configuration (<c>--urls</c>, <c>--Key=value</c>).</param>
/// <param name="Error">Why the command line was not understood, for <see cref="Verb.Invalid"/>.</param>
internal sealed record ParsedCommand(Verb Verb, string[] HostArgs, string? Source = null, string? Error = null);
