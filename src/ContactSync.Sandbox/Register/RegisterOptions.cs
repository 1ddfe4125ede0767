using System.ComponentModel.DataAnnotations;

namespace ContactSync.Sandbox.Register;

/// <summary>The emulated Companies House register: <c>Sandbox:Register</c>.</summary>
internal sealed class RegisterOptions
{
    public const string SectionName = "Sandbox:Register";
    public const string DefaultApiKey = "sandbox-register-key";
    public const string DefaultStreamKey = "sandbox-stream-key";

    /// <summary>The REST key the register accepts (Basic auth, the key as user name, empty password).</summary>
    [Required]
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The streaming key: a different kind of key, refused by the REST API, as the REST key is by the stream.</summary>
    [Required]
    public string StreamKey { get; set; } = DefaultStreamKey;

    [Range(1, 1000)]
    public int DefaultPageSize { get; set; } = 35;

    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Requests per key per window; 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerWindow { get; set; } = 600;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 300;

    /// <summary>How often an idle stream sends a blank keep-alive line.</summary>
    [Range(1, 600)]
    public int KeepAliveSeconds { get; set; } = 5;
}
