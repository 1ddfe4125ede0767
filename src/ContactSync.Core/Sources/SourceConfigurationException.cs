namespace ContactSync.Core.Sources;

/// <summary>
/// The source refused how it is configured (a key it does not accept): no retry can succeed until an operator acts,
/// so the run stops as misconfigured. The message names the setting, never its value.
/// </summary>
public sealed class SourceConfigurationException(string message) : Exception(message);
