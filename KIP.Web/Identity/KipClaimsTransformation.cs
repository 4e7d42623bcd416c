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
    /// <summary>The identity this adds on each request; never stored in the session (<see cref="DatabaseTicketStore"/>).</summary>
    internal const string FromKipData = "kip-data";

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

        await Sroi.SroiPartnerAccess.AddClaimsAsync(db, person, session, roles, added);

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
    /// The embedded provider's subject is the person's id; an external authority's subject only through
    /// <see cref="Person.Subject"/> = <c>scheme:sub</c> (ASVS V6.8.1): never by an e-mail address a token merely
    /// names. A new identity is linked to a person only by an explicit step (<see cref="PersonLinks"/>).
    /// </summary>
    private static Task<Person?> FindPersonAsync(KipDbContext db, ClaimsIdentity session) =>
        PersonLinks.FindAsync(db, session.FindFirst(KipClaims.Scheme)!.Value, session.FindFirst(KipClaims.Subject)?.Value ?? string.Empty);
}
