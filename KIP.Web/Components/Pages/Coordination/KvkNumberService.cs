using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Coordination;

/// <summary>An organisation as the coordination team finds it to record a new KvK number, with its earlier numbers.</summary>
public sealed record KvkOrganisation(Guid Id, string Name, string Kvk, IReadOnlyList<KvkNumberChange> History)
{
    /// <summary>Found by a part of a word of its name (capitals and accents ignored) or of its KvK number.</summary>
    public bool Matches(string? search) => OrganisationMatch.Matches(Name, Kvk, search);
}

/// <summary>
/// Rulebook §3: a KvK number changes with the legal form; the coordination team records the new one and the
/// organisation keeps its history (its recognition and a startup/ZZP grace period that was used). One organisation per
/// KvK number (§1): a number in use by another organisation is refused, also when two requests store it at once.
/// </summary>
public sealed class KvkNumberService(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time)
{
    /// <summary>The field of the new number, for its message.</summary>
    public const string Field = "kvk";

    public const string TakenKey = "KvkChange.Error.Taken";

    /// <summary>Every organisation in KIP, whatever its admission, by name.</summary>
    public async Task<IReadOnlyList<KvkOrganisation>> OrganisationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().ToListAsync(cancellationToken);
        return [.. organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture)
            .Select(o => new KvkOrganisation(o.Id, o.Name, o.KvkNumber.Value, [.. o.KvkNumberHistory.OrderByDescending(c => c.ChangedOn)]))];
    }

    /// <summary>Whether <paramref name="typed"/> may become the organisation's number, without storing it (asked before the confirmation).</summary>
    public Task<ActionResult> CheckAsync(ClaimsPrincipal user, Guid organisationId, string? typed, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, organisationId, typed, store: false, cancellationToken);

    /// <summary>Records the new number from today on, audited; the message beside the field says what is wrong.</summary>
    public Task<ActionResult> ChangeAsync(ClaimsPrincipal user, Guid organisationId, string? typed, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, organisationId, typed, store: true, cancellationToken);

    private async Task<ActionResult> ChangeAsync(ClaimsPrincipal user, Guid organisationId, string? typed, bool store, CancellationToken cancellationToken)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Coordination);
        if (!allowed)
        {
            return ActionResult.NotAllowed;
        }

        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Beside("KvkChange.Error.Required");
        }

        if (!KvkNumber.TryParse(text, out var number))
        {
            return Beside("DomainError.kvk.invalid");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return ActionResult.Refused("KvkChange.Error.OrganisationUnknown");
        }

        var previous = organisation.KvkNumber;
        var today = AmsterdamCalendar.Today(time);
        var changed = ServiceCall.Run(() => organisation.ChangeKvkNumber(number, today));
        if (!changed.Succeeded)
        {
            return Beside(changed.ErrorKey!);
        }

        if (await db.Organisations.AnyAsync(o => o.KvkNumber == number && o.Id != organisationId, cancellationToken))
        {
            return Beside(TakenKey);
        }

        if (!store)
        {
            return ActionResult.Done;
        }

        db.Record(time.GetUtcNow(), actor, "organisation.kvk-changed", $"organisation:{organisation.Id}", $"{previous.Value} -> {number.Value} from {today:yyyy-MM-dd}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Recorded for another organisation a moment ago: the unique index on the KvK number holds.
            return Beside(TakenKey);
        }

        return ActionResult.Done;
    }

    private static ActionResult Beside(string key) =>
        ActionResult.Invalid(new Dictionary<string, string>(StringComparer.Ordinal) { [Field] = key });
}
