using System.Security.Claims;
using KIP.Web.Data;

namespace KIP.Web.Identity;

/// <summary>
/// Turns what an authority says into KIP's own claims: its subject, name, e-mail and KvK claims by the
/// configured names, and its groups mapped onto KIP roles. Groups without a mapping are dropped.
/// </summary>
public static class KipClaimsMapping
{
    public const string AuthenticationType = "kip";

    public static ClaimsIdentity Map(string scheme, KipAuthScheme options, ClaimsPrincipal external)
    {
        var identity = new ClaimsIdentity(AuthenticationType, KipClaims.Name, KipClaims.Role);
        var subject = external.FindFirst(options.SubjectClaim)?.Value
            ?? throw new InvalidOperationException($"De aanmelding via '{scheme}' leverde geen '{options.SubjectClaim}'-claim.");
        identity.AddClaim(new Claim(KipClaims.Subject, subject));
        identity.AddClaim(new Claim(KipClaims.Scheme, scheme));
        Copy(external, options.NameClaim, identity, KipClaims.Name);
        Copy(external, options.EmailClaim, identity, KipClaims.Email);
        if (options.KvkClaim is { Length: > 0 } kvkClaim)
        {
            Copy(external, kvkClaim, identity, KipClaims.Kvk);
        }

        // The embedded provider's roles are KIP's own data (Person.Roles): they are resolved on every request and never
        // frozen into the session. An external authority's roles are its claims, kept for the session's lifetime.
        if (scheme != EmbeddedProvider.SchemeName)
        {
            foreach (var role in MapRoles(options, external.FindAll(options.RoleClaim).Select(c => c.Value)))
            {
                identity.AddClaim(new Claim(KipClaims.Role, role));
            }
        }

        return identity;
    }

    public static IEnumerable<string> MapRoles(KipAuthScheme options, IEnumerable<string> external) =>
        external
            .Select(value => options.GroupMapping.TryGetValue(value, out var mapped) ? mapped : value)
            .Where(role => KipRoles.All.Contains(role))
            .Distinct(StringComparer.Ordinal);

    private static void Copy(ClaimsPrincipal from, string type, ClaimsIdentity to, string kipType)
    {
        if (from.FindFirst(type)?.Value is { Length: > 0 } value)
        {
            to.AddClaim(new Claim(kipType, value));
        }
    }
}
