using System.Security.Claims;
using KIP.Domain;
using KIP.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Identity;

/// <summary>
/// Roles from KIP's own data, on every request so they follow the data at once: a seat term that holds
/// today makes a person <c>commission</c>, a link to an organisation (or a KvK number vouched for by
/// eHerkenning) makes them its <c>entrepreneur</c>, and roles KIP assigned (<see cref="Person.Roles"/>) count.
/// So a business representative who signs in with eHerkenning can sit on the commission.
/// </summary>
internal sealed class KipClaimsTransformation(IDbContextFactory<KipDbContext> factory, TimeProvider time) : IClaimsTransformation
{
    private const string FromKipData = "kip-data";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var session = principal.Identities.FirstOrDefault(i => i.IsAuthenticated && i.HasClaim(c => c.Type == KipClaims.Scheme));
        if (session is null || principal.Identities.Any(i => i.AuthenticationType == FromKipData))
        {
            return principal;
        }

        var added = new ClaimsIdentity(FromKipData, KipClaims.Name, KipClaims.Role);
        await using var db = await factory.CreateDbContextAsync();
        var person = await FindPersonAsync(db, session);
        var organisations = new HashSet<Guid>();
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (person is not null)
        {
            added.AddClaim(new Claim(KipClaims.PersonId, person.Id.ToString()));
            roles.UnionWith(person.Roles.Where(KipRoles.All.Contains));
            var today = AmsterdamCalendar.Today(time);
            var terms = await db.SeatTerms.Where(t => t.PersonId == person.Id).ToListAsync();
            if (terms.Any(t => t.HoldsOn(today)))
            {
                roles.Add(KipRoles.Commission);
            }

            organisations.UnionWith(await db.OrganisationMembers.Where(m => m.PersonId == person.Id).Select(m => m.OrganisationId).ToListAsync());
        }

        if (session.FindFirst(KipClaims.Kvk)?.Value is { } kvk && KvkNumber.TryParse(kvk, out var number))
        {
            organisations.UnionWith(await db.Organisations.Where(o => o.KvkNumber == number).Select(o => o.Id).ToListAsync());
        }

        if (organisations.Count > 0)
        {
            roles.Add(KipRoles.Entrepreneur);
        }

        foreach (var role in roles.Where(r => !session.HasClaim(KipClaims.Role, r)))
        {
            added.AddClaim(new Claim(KipClaims.Role, role));
        }

        foreach (var organisation in organisations)
        {
            added.AddClaim(new Claim(KipClaims.Organisation, organisation.ToString()));
        }

        var result = principal.Clone();
        result.AddIdentity(added);
        return result;
    }

    /// <summary>
    /// The embedded provider's subject is the person's id; an external authority's subject is linked through
    /// <see cref="Person.Subject"/> as <c>scheme:sub</c>, or else by the e-mail address the authority vouches for.
    /// </summary>
    private static async Task<Person?> FindPersonAsync(KipDbContext db, ClaimsIdentity session)
    {
        var scheme = session.FindFirst(KipClaims.Scheme)!.Value;
        var subject = session.FindFirst(KipClaims.Subject)?.Value ?? string.Empty;
        if (scheme == EmbeddedProvider.SchemeName && Guid.TryParse(subject, out var id))
        {
            return await db.Persons.FirstOrDefaultAsync(p => p.Id == id);
        }

        var linked = $"{scheme}:{subject}";
        var email = session.FindFirst(KipClaims.Email)?.Value;
        return await db.Persons.FirstOrDefaultAsync(p => p.Subject == linked)
            ?? (email is null ? null : await db.Persons.FirstOrDefaultAsync(p => p.Email == email));
    }
}
