using System.Globalization;
using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Web.Data;
using KIP.Web.Live;
using KIP.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Components.Pages.Coordination;

/// <summary>
/// A coordination alert with the names it mentions. <see cref="Arguments"/> is what a notification stores:
/// seat code, person, organisation, date (yyyy-MM-dd); <see cref="CoordinationAlertText"/> turns it into text.
/// </summary>
public sealed record CoordinationAlertView(CoordinationAlert Alert, IReadOnlyList<string> Arguments, string Link)
{
    public string TextKey => CoordinationAlertText.KeyOf(Alert.Kind);
}

/// <summary>The events the coordination team must act on today (rulebook §5–§6); the rules are KIP.Domain's <see cref="CoordinationAlerts"/>.</summary>
public sealed class CoordinationAlertService(IDbContextFactory<KipDbContext> dbFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<CoordinationAlertView>> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var today = AmsterdamCalendar.Today(time);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var terms = await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken);
        var seats = new SeatRegister(terms);
        var businessOrganisations = terms.Where(t => t.OrganisationId is not null).Select(t => t.OrganisationId!.Value).Distinct().ToList();
        var recognised = (await db.Organisations.AsNoTracking().RecognisedOn(today).Where(o => businessOrganisations.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();

        var since = today.AddDays(-RecognitionPolicy.RecusalAlertLookbackDays);
        var entries = await db.Meetings.AsNoTracking().Where(m => m.Date >= since)
            .Join(db.AgendaEntries, m => m.Id, a => a.MeetingId, (m, a) => new { MeetingId = m.Id, m.Date, EntryId = a.Id, a.ApplicationId })
            .ToListAsync(cancellationToken);
        var entryIds = entries.Select(e => e.EntryId).ToList();
        var recusals = await db.Set<RecusalRecord>().AsNoTracking().Where(r => entryIds.Contains(r.AgendaEntryId)).ToListAsync(cancellationToken);
        var items = entries.Select(e => new AgendaItemRecusals(
            e.MeetingId, e.Date, e.EntryId, [.. recusals.Where(r => r.AgendaEntryId == e.EntryId).Select(r => r.PersonId).Distinct()]));

        var alerts = CoordinationAlerts.On(today, seats, recognised.Contains, items);
        if (alerts.Count == 0)
        {
            return [];
        }

        var persons = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var applicationIds = entries.Select(e => e.ApplicationId).ToList();
        var applicants = await db.Applications.AsNoTracking().Where(a => applicationIds.Contains(a.Id))
            .Join(db.Organisations, a => a.OrganisationId, o => o.Id, (a, o) => new { a.Id, o.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => businessOrganisations.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        CoordinationAlertView View(CoordinationAlert alert)
        {
            var term = alert.TermId is { } termId ? terms.FirstOrDefault(t => t.Id == termId) : null;
            var person = alert.Kind == CoordinationAlertKind.SeatEmpty ? null : term is null ? null : persons.GetValueOrDefault(term.PersonId);
            var organisation = alert.Kind switch
            {
                CoordinationAlertKind.AllSeatsRecused => applicants.GetValueOrDefault(entries.First(e => e.EntryId == alert.AgendaItemId).ApplicationId),
                CoordinationAlertKind.BusinessRepresentativeNotRecognised when term?.OrganisationId is { } id => organisations.GetValueOrDefault(id),
                _ => null,
            };
            var link = alert.MeetingId is { } meetingId ? MeetingPage.UrlFor(meetingId) : SeatsPage.Url;
            return new CoordinationAlertView(
                alert,
                [alert.Seat?.Code ?? string.Empty, person ?? string.Empty, organisation ?? string.Empty, alert.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty],
                link);
        }

        return [.. alerts.Select(View)];
    }
}

/// <summary>One text for a coordination alert on the dashboard, in /meldingen and in the e-mail.</summary>
public static class CoordinationAlertText
{
    public const string Prefix = "CoordinationAlert.";

    public static string KeyOf(CoordinationAlertKind kind) => Prefix + kind;

    public static bool IsAlert(string textKey) => textKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>{0} seat, {1} person, {2} organisation, {3} date — each as a reader reads it.</summary>
    public static string Format(IStringLocalizer localizer, string textKey, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(arguments);
        string At(int i) => i < arguments.Count ? arguments[i] : string.Empty;
        var seat = At(0).Length > 0 ? localizer[$"Seat.{At(0)}"].Value : string.Empty;
        var date = DateOnly.TryParseExact(At(3), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? DutchDates.Format(d) : string.Empty;
        return localizer[textKey, seat, At(1), At(2), date].Value;
    }
}
