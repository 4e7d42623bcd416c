using System.Text.RegularExpressions;
using KIP.Web.Data;
using KIP.Web.Settings;

namespace KIP.Web.Identity;

/// <summary>
/// <c>Kip:Auth</c>: the OpenID Connect authorities KIP signs in with. With no scheme configured, KIP serves
/// its own embedded provider with demo accounts (<see cref="EmbeddedProvider"/>).
/// </summary>
public sealed partial class KipAuthOptions : IKipSettings<KipAuthOptions>
{
    public static string Section => "Kip:Auth";

    /// <summary>By name, e.g. <c>gemeente</c> (Entra ID or Keycloak) and <c>eherkenning</c> (a broker).</summary>
    public Dictionary<string, KipAuthScheme> Schemes { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The embedded demo accounts (passwordless) start only in Development; any other environment (Staging, Test,
    /// Production…) refuses to start with them unless this is true (ASVS V6.3.2).
    /// </summary>
    public bool AllowDemoAccounts { get; init; }

    /// <summary>Each authority needs an https address (or <c>RequireHttpsMetadata=false</c>), a client id, and group mappings onto KIP roles.</summary>
    public static void Check(KipAuthOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, scheme) in settings.Schemes)
        {
            var key = $"{Section}:{nameof(Schemes)}:{name}";
            if (!SchemeName().IsMatch(name))
            {
                errors.Add(key, null, "een naam van letters, cijfers, - en _ (hij staat in de terugkeeradressen /signin-oidc-<naam>).",
                    "a name of letters, digits, - and _ (it is part of the redirect URIs /signin-oidc-<name>).");
            }

            var authority = SettingErrors.HttpAddress(scheme.Authority);
            if (string.IsNullOrWhiteSpace(scheme.Authority))
            {
                errors.Missing($"{key}:{nameof(KipAuthScheme.Authority)}", "het adres van de authority, zoals https://login.microsoftonline.com/<tenant>/v2.0.",
                    "the authority's address, like https://login.microsoftonline.com/<tenant>/v2.0.");
            }
            else if (authority is null || (authority.Scheme != Uri.UriSchemeHttps && scheme.RequireHttpsMetadata))
            {
                errors.Add($"{key}:{nameof(KipAuthScheme.Authority)}", scheme.Authority,
                    "een https-adres zoals https://login.microsoftonline.com/<tenant>/v2.0 (http alleen met RequireHttpsMetadata=false, voor een authority op deze machine).",
                    "an https address like https://login.microsoftonline.com/<tenant>/v2.0 (http only with RequireHttpsMetadata=false, for an authority on this machine).");
            }

            if (string.IsNullOrWhiteSpace(scheme.ClientId))
            {
                errors.Missing($"{key}:{nameof(KipAuthScheme.ClientId)}", "KIP's registratie bij de authority.", "KIP's registration at the authority.");
            }

            foreach (var (claim, value) in new[] { (nameof(KipAuthScheme.RoleClaim), scheme.RoleClaim), (nameof(KipAuthScheme.NameClaim), scheme.NameClaim), (nameof(KipAuthScheme.EmailClaim), scheme.EmailClaim), (nameof(KipAuthScheme.SubjectClaim), scheme.SubjectClaim) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Missing($"{key}:{claim}", "de naam van een claim; laat de instelling weg voor de standaard.", "a claim's name; leave it out for the default.");
                }
            }

            var roles = string.Join(", ", KipRoles.All);
            foreach (var (external, role) in scheme.GroupMapping)
            {
                if (!KipRoles.All.Contains(role, StringComparer.Ordinal))
                {
                    errors.Add($"{key}:{nameof(KipAuthScheme.GroupMapping)}:{external}", role, $"kies een KIP-rol: {roles}.", $"choose a KIP role: {roles}.");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SchemeName();
}

/// <summary>One configured authority: where it is, who KIP is to it, and how its claims map onto KIP's.</summary>
public sealed class KipAuthScheme
{
    /// <summary>Shown on the sign-in choice page, e.g. "Medewerkers gemeente" / "Ondernemers (eHerkenning)".</summary>
    public string? DisplayName { get; init; }

    public string Authority { get; init; } = string.Empty;

    public string ClientId { get; init; } = string.Empty;

    public string? ClientSecret { get; init; }

    /// <summary>Scopes beyond <c>openid</c> and <c>profile</c>.</summary>
    public List<string> Scopes { get; init; } = [];

    /// <summary>The claim carrying roles or groups (<c>roles</c> for Entra ID app roles, <c>groups</c> for Keycloak…).</summary>
    public string RoleClaim { get; init; } = "roles";

    /// <summary>External group or role name → KIP role. A value that is already a KIP role passes as is.</summary>
    public Dictionary<string, string> GroupMapping { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The claim carrying a KvK number (eHerkenning brokers), if any.</summary>
    public string? KvkClaim { get; init; }

    public string NameClaim { get; init; } = "name";

    public string EmailClaim { get; init; } = "email";

    public string SubjectClaim { get; init; } = "sub";

    /// <summary>
    /// Trusted for e-mail: a first sign-in whose token says <c>email_verified=true</c> links this authority's subject to
    /// the KIP person with that address (<see cref="PersonLinks"/>). Off by default: then an unknown subject is a new
    /// person to KIP, whatever e-mail address the token names.
    /// </summary>
    public bool TrustEmail { get; init; }

    /// <summary>Metadata over plain http: only for a provider on this machine (tests, the embedded one).</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}
