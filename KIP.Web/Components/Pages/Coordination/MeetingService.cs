using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Commission;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Coordination;

public sealed record MeetingSummary(Guid Id, DateOnly Date, string? Place, string? OnlineLink, string ChairName, Guid ChairPersonId, MeetingStatus Status, int AgendaCount);

public sealed record MeetingYear(int Year, IReadOnlyList<MeetingSummary> Meetings, MeetingWarning? Warning);

public sealed record AgendaApplication(Guid ApplicationId, string OrganisationName, IReadOnlyList<CriterionCode> Claimed, ApplicationStatus Status, bool Deferred, DateOnly? SubmittedOn);

public sealed record MeetingAgenda(MeetingSummary Meeting, IReadOnlyList<AgendaApplication> Agenda, IReadOnlyList<AgendaApplication> Proposals);

public sealed record ChairCandidate(Guid PersonId, string Name, Seat Seat);

/// <summary>What the coordination team fills in to plan a meeting.</summary>
public sealed record MeetingPlan(DateOnly Date, string? Place, string? OnlineLink, Guid? ChairPersonId);

/// <summary>
/// Meetings of the commission and their agendas (rulebook §4–§5). An application goes on an agenda from
/// Submitted (the domain moves it to InReview) or as a deferred item still InReview; deferred items come first.
/// </summary>
public sealed class MeetingService(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time)
{
    public const int PlaceMaxLength = 200;
    public const int LinkMaxLength = 500;

    public async Task<IReadOnlyList<MeetingYear>> YearsAsync(CancellationToken cancellationToken = default)
    {
        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meetings = await SummariesAsync(db, db.Meetings, cancellationToken);
        var warnings = MeetingRule.WarningsOn(today, meetings.Select(m => m.Date));
        var years = meetings.Select(m => m.Date.Year).Concat(warnings.Select(w => w.Year)).Append(today.Year).Distinct().OrderByDescending(y => y);
        return [.. years.Select(year => new MeetingYear(
            year,
            [.. meetings.Where(m => m.Date.Year == year).OrderBy(m => m.Date)],
            warnings.FirstOrDefault(w => w.Year == year)))];
    }

    /// <summary>§5 for the chair's dashboard: the current and next year's warnings, when this person chairs a meeting this year or next.</summary>
    public async Task<IReadOnlyList<MeetingWarning>> WarningsForChairAsync(Guid? personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.WarningsForChairAsync(personId, AmsterdamCalendar.Today(time), cancellationToken);
    }

    public async Task<IReadOnlyList<ChairCandidate>> ChairCandidatesAsync(DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var register = new SeatRegister(await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken));
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. register.HoldersOn(date).Select(t => new ChairCandidate(t.PersonId, names.GetValueOrDefault(t.PersonId) ?? string.Empty, t.Seat))];
    }

    /// <summary>Plans a meeting: today or later, a place or an online link, chaired by a seat holder on that date.</summary>
    public async Task<(Guid? Id, ActionResult Result)> PlanAsync(ClaimsPrincipal user, MeetingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Coordination);
        if (!allowed)
        {
            return (null, ActionResult.NotAllowed);
        }

        var place = string.IsNullOrWhiteSpace(plan.Place) ? null : plan.Place.Trim();
        var link = string.IsNullOrWhiteSpace(plan.OnlineLink) ? null : plan.OnlineLink.Trim();
        var error = plan.Date < AmsterdamCalendar.Today(time) ? "Meetings.Error.DateInPast"
            : place is null && link is null ? "Meetings.Error.PlaceOrLink"
            : place?.Length > PlaceMaxLength ? "Meetings.Error.PlaceTooLong"
            : link is not null && (link.Length > LinkMaxLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) ? "Meetings.Error.LinkInvalid"
            : plan.ChairPersonId is null ? "Meetings.Error.ChairRequired"
            : null;
        if (error is not null)
        {
            return (null, ActionResult.Refused(error));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var register = new SeatRegister(await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken));
        if (!register.HoldersOn(plan.Date).Any(t => t.PersonId == plan.ChairPersonId))
        {
            return (null, ActionResult.Refused("Meetings.Error.ChairNotHolder"));
        }

        var meeting = new Meeting { Id = Guid.NewGuid(), Date = plan.Date, Place = place, OnlineLink = link, ChairPersonId = plan.ChairPersonId!.Value, Status = MeetingStatus.Planned };
        db.Meetings.Add(meeting);
        db.Record(time.GetUtcNow(), actor, "meeting.plan", $"meeting:{meeting.Id}", $"{meeting.Date:yyyy-MM-dd}, chair {meeting.ChairPersonId}, {place ?? link}");
        await db.SaveChangesAsync(cancellationToken);
        return (meeting.Id, ActionResult.Done);
    }

    public async Task<MeetingAgenda?> AgendaAsync(Guid meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meeting = (await SummariesAsync(db, db.Meetings.Where(m => m.Id == meetingId), cancellationToken)).SingleOrDefault();
        if (meeting is null)
        {
            return null;
        }

        var entries = await db.AgendaEntries.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Position).Select(a => a.ApplicationId).ToListAsync(cancellationToken);
        var onAgenda = await db.Applications.AsNoTracking().Where(a => entries.Contains(a.Id)).ToListAsync(cancellationToken);
        var proposals = await ProposalsAsync(db, cancellationToken);
        var names = await OrganisationNamesAsync(db, onAgenda.Concat(proposals).Select(a => a.OrganisationId), cancellationToken);
        return new MeetingAgenda(
            meeting,
            [.. entries.Select(id => onAgenda.Single(a => a.Id == id)).Select(a => Row(a, names))],
            [.. proposals.Select(a => Row(a, names))]);
    }

    /// <summary>§4: puts an application on a planned meeting's agenda; Submitted → InReview in the same transaction.</summary>
    public Task<ActionResult> AddToAgendaAsync(ClaimsPrincipal user, Guid meetingId, Guid applicationId, CancellationToken cancellationToken = default) =>
        ChangePlannedAgendaAsync(user, meetingId, async (db, meeting, actor) =>
        {
            var application = (await ProposalsAsync(db, cancellationToken, tracked: true)).SingleOrDefault(a => a.Id == applicationId);
            if (application is null)
            {
                return ActionResult.Refused("Meetings.Error.NotAwaitingReview");
            }

            if (application.Status == ApplicationStatus.Submitted)
            {
                application.PutOnAgenda(time.GetUtcNow());
            }

            db.AgendaEntries.Add(new AgendaEntry
            {
                Id = Guid.NewGuid(),
                MeetingId = meeting.Id,
                ApplicationId = application.Id,
                Position = meeting.Agenda.Select(a => a.Position).DefaultIfEmpty().Max() + 1,
            });
            db.Record(time.GetUtcNow(), actor, "agenda.add", $"meeting:{meeting.Id}", $"application {application.Id}");
            return ActionResult.Done;
        }, cancellationToken);

    /// <summary>
    /// Takes an application off the agenda before the meeting opens (docs/decisions/008): one that went InReview by
    /// being put on this agenda returns to Submitted; a deferred one stays InReview and is proposed first again.
    /// </summary>
    public Task<ActionResult> RemoveFromAgendaAsync(ClaimsPrincipal user, Guid meetingId, Guid applicationId, CancellationToken cancellationToken = default) =>
        ChangePlannedAgendaAsync(user, meetingId, async (db, meeting, actor) =>
        {
            var entry = meeting.Agenda.SingleOrDefault(a => a.ApplicationId == applicationId);
            if (entry is null)
            {
                return ActionResult.Refused("Meetings.Error.NotOnAgenda");
            }

            var application = await db.Applications.SingleAsync(a => a.Id == applicationId, cancellationToken);
            var back = application.TakeOffAgenda(time.GetUtcNow());
            db.AgendaEntries.Remove(entry);
            var position = 0;
            foreach (var rest in meeting.Agenda.Where(a => a != entry).OrderBy(a => a.Position))
            {
                rest.Position = ++position;
            }

            db.Record(time.GetUtcNow(), actor, "agenda.remove", $"meeting:{meeting.Id}", $"application {applicationId}{(back ? ", back to Submitted" : ", stays deferred")}");
            return ActionResult.Done;
        }, cancellationToken);

    /// <summary>
    /// One change of a planned meeting's agenda by the coordination team: the policy re-checked, the meeting loaded
    /// with its agenda, the change applied and saved in one SaveChanges; a refusal of KIP.Domain saves nothing.
    /// </summary>
    private async Task<ActionResult> ChangePlannedAgendaAsync(
        ClaimsPrincipal user, Guid meetingId, Func<KipDbContext, Meeting, Guid?, Task<ActionResult>> change, CancellationToken cancellationToken)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Coordination);
        if (!allowed)
        {
            return ActionResult.NotAllowed;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.Include(m => m.Agenda).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null || meeting.Status != MeetingStatus.Planned)
        {
            return ActionResult.Refused("Meetings.Error.NotPlanned");
        }

        ActionResult result;
        try
        {
            result = await change(db, meeting, actor);
        }
        catch (DomainException exception)
        {
            return ActionResult.From(exception);
        }

        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// §4: applications awaiting review — deferred ones (InReview, on no planned or open agenda) first,
    /// then Submitted ones, each in order of submission.
    /// </summary>
    private static async Task<List<Application>> ProposalsAsync(KipDbContext db, CancellationToken cancellationToken, bool tracked = false)
    {
        var ahead = db.AgendaEntries.Where(e => db.Meetings.Any(m => m.Id == e.MeetingId && (m.Status == MeetingStatus.Planned || m.Status == MeetingStatus.Open))).Select(e => e.ApplicationId);
        var query = db.Applications.Where(a => a.Status == ApplicationStatus.Submitted || (a.Status == ApplicationStatus.InReview && !ahead.Contains(a.Id)));
        var applications = await (tracked ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        return [.. applications.OrderBy(a => a.Status == ApplicationStatus.InReview ? 0 : 1).ThenBy(a => a.FirstSubmittedOn)];
    }

    private static AgendaApplication Row(Application a, Dictionary<Guid, string> names) =>
        new(a.Id, names.GetValueOrDefault(a.OrganisationId) ?? string.Empty, a.ClaimedCriteria, a.Status, a.Status == ApplicationStatus.InReview, a.FirstSubmittedOn);

    private static Task<Dictionary<Guid, string>> OrganisationNamesAsync(KipDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return db.Organisations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    private static async Task<List<MeetingSummary>> SummariesAsync(KipDbContext db, IQueryable<Meeting> meetings, CancellationToken cancellationToken)
    {
        var rows = await meetings.AsNoTracking()
            .Select(m => new { m.Id, m.Date, m.Place, m.OnlineLink, m.ChairPersonId, m.Status, Count = m.Agenda.Count })
            .ToListAsync(cancellationToken);
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. rows.Select(m => new MeetingSummary(m.Id, m.Date, m.Place, m.OnlineLink, names.GetValueOrDefault(m.ChairPersonId) ?? string.Empty, m.ChairPersonId, m.Status, m.Count))];
    }
}
