namespace ContactSync.Core.Nexudus;

/// <summary>
/// Nexudus refused the credentials or the account lacks a role (401 after a refresh, or 403). Retrying cannot help;
/// an operator has to act. The message names the problem, never the credentials.
/// </summary>
public sealed class NexudusAuthenticationException : NexudusConfigurationException
{
    public NexudusAuthenticationException(string message) : base(message) { }

    public NexudusAuthenticationException(string message, Exception innerException) : base(message, innerException) { }
}
