using System.Security.Claims;
using KIP.Domain;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>
/// Who acts for which contract partner (rulebook §7), resolved on every request like an entrepreneur's organisation:
/// a person linked to the partner's KvK number in KIP (<see cref="SroiPartnerLink"/>), or a KvK number the authority
/// vouched for (eHerkenning) that is a partner on a contract. Either makes the person <c>contract-partner</c> with a
/// <see cref="ClaimType"/> claim per KvK number; a contract partner opens only the contracts of those numbers.
/// </summary>
public static class SroiPartnerAccess
{
    /// <summary>A contract partner's KvK number the person acts for (one claim per number).</summary>
    public const string ClaimType = "kip:partner-kvk";

    /// <summary>Adds the partner role and KvK claims for <paramref name="person"/> (and the session's vouched KvK) to <paramref name="roles"/> and <paramref name="added"/>.</summary>
    public static async Task AddClaimsAsync(KipDbContext db, Person? person, ClaimsIdentity session, ISet<string> roles, ClaimsIdentity added)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(added);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        if (person is not null)
        {
            numbers.UnionWith(await db.SroiPartnerLinks.Where(l => l.PersonId == person.Id).Select(l => l.PartnerKvk).ToListAsync());
        }

        if (session.FindFirst(KipClaims.Kvk)?.Value is { } kvk && KvkNumber.TryParse(kvk, out var number)
            && await db.SroiContracts.AnyAsync(c => c.PartnerKvk == number.Value))
        {
            numbers.Add(number.Value);
        }

        if (numbers.Count > 0)
        {
            roles.Add(KipRoles.ContractPartner);
        }

        foreach (var value in numbers.Order(StringComparer.Ordinal))
        {
            added.AddClaim(new Claim(ClaimType, value));
        }
    }

    /// <summary>The partner KvK numbers <paramref name="user"/> acts for (only with the <c>contract-partner</c> role).</summary>
    public static IReadOnlyList<string> PartnerNumbersOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(KipRoles.ContractPartner) ? [.. user.FindAll(ClaimType).Select(c => c.Value).Distinct()] : [];
    }

    public static bool IsOfficer(ClaimsPrincipal user) => user?.IsInRole(KipRoles.SroiOfficer) == true;

    /// <summary>An SROI officer opens every contract; a contract partner only those of its KvK numbers; anyone else none.</summary>
    public static bool MayOpen(ClaimsPrincipal user, SroiContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return IsOfficer(user) || PartnerNumbersOf(user).Contains(contract.PartnerKvk);
    }

    /// <summary>Only the contract partner records purchases and activities on its own contract.</summary>
    public static bool MayRecord(ClaimsPrincipal user, SroiContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return PartnerNumbersOf(user).Contains(contract.PartnerKvk);
    }
}
