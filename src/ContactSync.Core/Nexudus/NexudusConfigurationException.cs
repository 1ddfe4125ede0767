namespace ContactSync.Core.Nexudus;

/// <summary>
/// Nexudus answered in a way that no retry can change until an operator does: credentials refused, a role missing,
/// an endpoint that does not exist at the configured base URL. A run that meets one stops at once, and the job is not
/// retried. Messages name the setting to check, never a credential or a contact's data.
/// </summary>
public abstract class NexudusConfigurationException : Exception
{
    protected NexudusConfigurationException(string message) : base(message) { }

    protected NexudusConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
