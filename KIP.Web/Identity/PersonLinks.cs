using System.Security.Claims;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Identity;

/// <summary>
/// Which KIP person an authority's identity is (ASVS V6.8.1, V10.5.2): one identity per authority, matched by
/// <c>scheme:subject</c> only. A subject KIP does not know gets no person, so none of a person's roles, seat or
/// organisations. It is linked to an existing person only by an explicit step: an authority marked
/// <see cref="KipAuthScheme.TrustEmail"/> that says <c>email_verified=true</c> for exactly one person's address.
/// </summary>
public static class PersonLinks
{
    public static string LinkedSubject(string scheme, string subject) => $"{scheme}:{subject}";

    public static async Task<Person?> FindAsync(KipDbContext db, string scheme, string subject)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (scheme == EmbeddedProvider.SchemeName)
        {
            return Guid.TryParse(subject, out var id) ? await db.Persons.FirstOrDefaultAsync(p => p.Id == id) : null;
        }

        var linked = LinkedSubject(scheme, subject);
        return await db.Persons.FirstOrDefaultAsync(p => p.Subject == linked);
    }

    /// <summary>
    /// At sign-in through <paramref name="scheme"/>: when its subject is not linked yet, the authority is trusted for
    /// e-mail and vouches that the address is verified, the one person with that address and no identity yet is linked
    /// (<see cref="Person.Subject"/>), so later sign-ins match by subject. Returns whether a link was made.
    /// </summary>
    public static async Task<bool> LinkByVerifiedEmailAsync(
        IServiceProvider services, string scheme, KipAuthScheme options, ClaimsPrincipal external, string subject)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(external);
        if (scheme == EmbeddedProvider.SchemeName || !options.TrustEmail || !EmailVerified(external)
            || external.FindFirst(options.EmailClaim)?.Value is not { Length: > 0 } email)
        {
            return false;
        }

        var factory = services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var linked = LinkedSubject(scheme, subject);
        if (await db.Persons.AnyAsync(p => p.Subject == linked))
        {
            return false;
        }

        var address = email.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(); addresses are compared without case
        var persons = await db.Persons.Where(p => p.Email.ToLower() == address).Take(2).ToListAsync();
#pragma warning restore CA1304, CA1311, CA1862
        if (persons is not [{ Subject: null } person])
        {
            return false; // nobody, more than one, or already linked to another identity: no link
        }

        person.Subject = linked;
        db.Record(services.GetRequiredService<TimeProvider>().GetUtcNow(), person.Id, "identity.link", linked, $"verified e-mail via {scheme}");
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>OIDC Core's <c>email_verified</c>: a JSON boolean, read as the string "true".</summary>
    public static bool EmailVerified(ClaimsPrincipal external) =>
        string.Equals(external?.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
}
