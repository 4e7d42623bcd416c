namespace KIP.Web.Identity;

/// <summary>
/// <c>Kip:Auth</c>: the OpenID Connect authorities KIP signs in with. With no scheme configured, KIP serves
/// its own embedded provider with demo accounts (<see cref="EmbeddedProvider"/>).
/// </summary>
public sealed class KipAuthOptions
{
    public const string Section = "Kip:Auth";

    /// <summary>By name, e.g. <c>gemeente</c> (Entra ID or Keycloak) and <c>eherkenning</c> (a broker).</summary>
    public Dictionary<string, KipAuthScheme> Schemes { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The embedded demo accounts (passwordless) start only in Development; any other environment (Staging, Test,
    /// Production…) refuses to start with them unless this is true (ASVS V6.3.2).
    /// </summary>
    public bool AllowDemoAccounts { get; init; }
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
