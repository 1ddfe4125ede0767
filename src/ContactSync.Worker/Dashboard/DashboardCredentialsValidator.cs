using ContactSync.Core.Configuration;
using ContactSync.Core.Security;
using ContactSync.Worker.Configuration;
using ContactSync.Worker.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace ContactSync.Worker.Dashboard;

internal sealed class DashboardCredentialsValidator : IValidateOptions<DashboardCredentials>
{
    public const int MinimumPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, DashboardCredentials options)
    {
        var problems = new List<string>();
        CheckOperatorLogin(options, problems);
        CheckUsers(options, problems);
        CheckOidc(options.Oidc, problems);
        CheckKeyEncryptionKey(options, problems);

        if (options.FailedLoginsPerMinute is < 1 or > 1000)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.FailedLoginsPerMinute)), "must be between 1 and 1000"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckOperatorLogin(DashboardCredentials options, List<string> problems)
    {
        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasHash = !string.IsNullOrEmpty(options.PasswordHash);
        var hasPassword = !string.IsNullOrEmpty(options.Password);

        if (hasUser && !hasHash && !hasPassword)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.PasswordHash)), "is required when Dashboard:Username is set (make one with: hash-password)"));
        }
        else if (!hasUser && (hasHash || hasPassword))
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Username)),
                $"is required when Dashboard:{(hasHash ? nameof(DashboardCredentials.PasswordHash) : nameof(DashboardCredentials.Password))} is set"));
        }

        if (hasHash && hasPassword)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Password)), "must not be set beside Dashboard:PasswordHash: keep only the hash"));
        }

        if (hasPassword && !Placeholder.IsIn(options.Password) && options.Password!.Length < MinimumPasswordLength)
        {
            problems.Add(ConfigurationKey.Describe(Key(nameof(DashboardCredentials.Password)), $"must be at least {MinimumPasswordLength} characters"));
        }

        CheckHash(options.PasswordHash, Key(nameof(DashboardCredentials.PasswordHash)), problems);
        CheckUserName(options.Username, Key(nameof(DashboardCredentials.Username)), problems);
    }

    private static void CheckUsers(DashboardCredentials options, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.Username))
        {
            seen.Add(options.Username);
        }

        for (var index = 0; index < options.Users.Count; index++)
        {
            var user = options.Users[index];
            var prefix = ConfigurationKey.Join(DashboardCredentials.SectionName, nameof(DashboardCredentials.Users), index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var nameKey = ConfigurationKey.Join(prefix, nameof(DashboardUserEntry.Name));
            var hashKey = ConfigurationKey.Join(prefix, nameof(DashboardUserEntry.PasswordHash));
            if (string.IsNullOrEmpty(user.Name))
            {
                problems.Add(ConfigurationKey.Describe(nameKey, "is required"));
            }
            else if (!seen.Add(user.Name))
            {
                problems.Add(ConfigurationKey.Describe(nameKey, "repeats a user name; names must be unique"));
            }

            if (string.IsNullOrEmpty(user.PasswordHash))
            {
                problems.Add(ConfigurationKey.Describe(hashKey, "is required (make one with: hash-password)"));
            }

            CheckHash(user.PasswordHash, hashKey, problems);
            CheckUserName(user.Name, nameKey, problems);
        }
    }

    private static void CheckOidc(OidcSettings oidc, List<string> problems)
    {
        string OidcKey(string property) => ConfigurationKey.Join(DashboardCredentials.SectionName, nameof(DashboardCredentials.Oidc), property);
        if (string.IsNullOrWhiteSpace(oidc.Authority))
        {
            // A client secret alone is fine: one secret can serve overlays with and without a provider.
            if (!string.IsNullOrEmpty(oidc.ClientId))
            {
                problems.Add(ConfigurationKey.Describe(OidcKey(nameof(OidcSettings.Authority)), "is required when Dashboard:Oidc:ClientId is set"));
            }

            return;
        }

        if (Placeholder.IsIn(oidc.Authority))
        {
            return;
        }

        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && DashboardAuthentication.IsLoopbackUrl(oidc.Authority)))
            || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment) || !string.IsNullOrEmpty(authority.UserInfo))
        {
            problems.Add(ConfigurationKey.Describe(OidcKey(nameof(OidcSettings.Authority)),
                "must be the provider's issuer as an https URL, such as https://login.example.com/realms/contactsync (http only for a loopback host)"));
        }

        if (string.IsNullOrWhiteSpace(oidc.ClientId))
        {
            problems.Add(ConfigurationKey.Describe(OidcKey(nameof(OidcSettings.ClientId)), "is required when Dashboard:Oidc:Authority is set"));
        }

        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            problems.Add(ConfigurationKey.Describe(OidcKey(nameof(OidcSettings.RoleClaim)), "is required: the claim that carries the user's roles"));
        }

        if (oidc.OperatorRoleList.Count == 0)
        {
            problems.Add(ConfigurationKey.Describe(OidcKey(nameof(OidcSettings.OperatorRoles)), "must name at least one role claim value"));
        }

        if (!oidc.CallbackPath.StartsWith("/contactsync/", StringComparison.Ordinal) || oidc.CallbackPath.Length <= "/contactsync/".Length)
        {
            problems.Add(ConfigurationKey.Describe(OidcKey(nameof(OidcSettings.CallbackPath)), "must be a path under /contactsync/ (the ingress routes only /contactsync and /hangfire)"));
        }
    }

    private static void CheckKeyEncryptionKey(DashboardCredentials options, List<string> problems)
    {
        var key = Key(nameof(DashboardCredentials.KeyEncryptionKey));
        if (string.IsNullOrEmpty(options.KeyEncryptionKey))
        {
            if (options.RequiresKeyEncryptionKey)
            {
                problems.Add(ConfigurationKey.Describe(key,
                    "is required with Dashboard:Oidc or a hashed login: base64 of 32 random bytes (openssl rand -base64 32), the same for every replica"));
            }

            return;
        }

        if (!Placeholder.IsIn(options.KeyEncryptionKey) && !SealedXml.TryReadKey(options.KeyEncryptionKey, out _))
        {
            problems.Add(ConfigurationKey.Describe(key, $"must be base64 of exactly {SealedXml.KeyBytes} random bytes (openssl rand -base64 32)"));
        }
    }

    private static void CheckHash(string? hash, string key, List<string> problems)
    {
        if (!string.IsNullOrEmpty(hash) && !Placeholder.IsIn(hash) && !PasswordHash.TryParse(hash, out _, out var problem))
        {
            problems.Add(ConfigurationKey.Describe(key, problem));
        }
    }

    private static void CheckUserName(string? userName, string key, List<string> problems)
    {
        if (!string.IsNullOrEmpty(userName) && userName.Contains(':', StringComparison.Ordinal))
        {
            problems.Add(ConfigurationKey.Describe(key, "must not contain ':' (HTTP Basic separates user and password with it)"));
        }
    }

    private static string Key(string property) => ConfigurationKey.Join(DashboardCredentials.SectionName, property);
}
