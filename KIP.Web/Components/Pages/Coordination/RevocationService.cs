using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Coordination;

public sealed record RecognisedOrganisation(Guid Id, string Name, IReadOnlyList<AcceptedCriterion> ValidCriteria, string Kvk = "")
{
    /// <summary>What the organisation is found by: a part of a word of its name (capitals and accents ignored) or of its KvK number.</summary>
    public bool Matches(string? search) => OrganisationMatch.Matches(Name, Kvk, search);
}

/// <summary>
/// §2: the coordination team revokes a whole recognition or one accepted criterion, with a reason,
/// effective today. Recognition is computed from dates, so the organisation leaves /sroi at once.
/// </summary>
public sealed class RevocationService(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time)
{
    public const int ReasonMaxLength = 2000;

    public async Task<IReadOnlyList<RecognisedOrganisation>> RecognisedAsync(CancellationToken cancellationToken = default)
    {
        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().RecognisedOn(today).ToListAsync(cancellationToken);
        return [.. organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new RecognisedOrganisation(o.Id, o.Name, o.ValidCriteriaOn(today), o.KvkNumber.Value))];
    }

    /// <summary>Revokes the whole recognition (<paramref name="criterion"/> null) or one criterion.</summary>
    public async Task<ActionResult> RevokeAsync(ClaimsPrincipal user, Guid organisationId, CriterionCode? criterion, string? reason, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Coordination);
        if (!allowed)
        {
            return ActionResult.NotAllowed;
        }

        if (reason?.Trim().Length > ReasonMaxLength)
        {
            return ActionResult.Refused("Revoke.Error.ReasonTooLong");
        }

        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return ActionResult.Refused("Revoke.Error.OrganisationUnknown");
        }

        var refused = ServiceCall.Run(() =>
        {
            if (criterion is null)
            {
                organisation.RevokeAll(today, reason ?? string.Empty);
            }
            else
            {
                organisation.RevokeCriterion(criterion, today, reason ?? string.Empty);
            }
        });
        if (!refused.Succeeded)
        {
            return refused;
        }

        db.Record(time.GetUtcNow(), actor, criterion is null ? "recognition.revoke-all" : "recognition.revoke-criterion",
            $"organisation:{organisation.Id}", $"{(criterion is null ? "all" : criterion.Value)} from {today:yyyy-MM-dd}: {reason!.Trim()}");
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }
}
