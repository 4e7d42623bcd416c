using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Coordination;

/// <summary>Rulebook §4–§5: planning meetings and building agendas from applications awaiting review.</summary>
public sealed class MeetingServiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static DateOnly Today => AmsterdamCalendar.Today(TimeProvider.System);

    private async Task<T> WithAsync<T>(Func<MeetingService, Task<T>> act)
    {
        using var scope = app.App.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<MeetingService>());
    }

    private async Task<Guid> PlannedMeetingAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.Meetings.Where(m => m.Status == MeetingStatus.Planned).Select(m => m.Id).FirstAsync();
    }

    /// <summary>A submitted application; with <paramref name="deferred"/> it was on the closed meeting's agenda and deferred there.</summary>
    private async Task<Guid> ApplicationAsync(Guid organisationId, bool deferred = false)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var now = TimeProvider.System.GetUtcNow();
        var application = Application.Create(Guid.NewGuid(), organisationId, 1, now.AddDays(-40), hasOtherOpenApplication: false);
        application.Claim([CriterionCode.Parse("pso-30-plus")]);
        application.Submit(now.AddDays(deferred ? -35 : -2), organisationIsAdmitted: true, hasOtherOpenApplication: false);
        db.Applications.Add(application);
        if (deferred)
        {
            application.PutOnAgenda(now.AddDays(-61));
            application.Defer(now.AddDays(-60));
            var closed = await db.Meetings.FirstAsync(m => m.Status == MeetingStatus.Closed);
            db.AgendaEntries.Add(new AgendaEntry { Id = Guid.NewGuid(), MeetingId = closed.Id, ApplicationId = application.Id, Position = 99, Result = "deferred" });
        }

        await db.SaveChangesAsync();
        return application.Id;
    }

    [Fact]
    public async Task Putting_a_submitted_application_on_the_agenda_moves_it_to_InReview_with_its_entry_and_audit()
    {
        var meetingId = await PlannedMeetingAsync();
        var applicationId = await ApplicationAsync(DemoPersons.SchoonEnSociaalId);

        var result = await WithAsync(s => s.AddToAgendaAsync(TestUsers.Coordinator, meetingId, applicationId));

        Assert.True(result.Succeeded, result.ErrorKey);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(ApplicationStatus.InReview, (await db.Applications.SingleAsync(a => a.Id == applicationId)).Status);
        Assert.True(await db.AgendaEntries.AnyAsync(e => e.MeetingId == meetingId && e.ApplicationId == applicationId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "agenda.add" && a.Details!.Contains(applicationId.ToString())));
        var agenda = await WithAsync(s => s.AgendaAsync(meetingId));
        Assert.DoesNotContain(agenda!.Proposals, p => p.ApplicationId == applicationId);
        Assert.Equal(applicationId, agenda.Agenda[^1].ApplicationId);

        var again = await WithAsync(s => s.AddToAgendaAsync(TestUsers.Coordinator, meetingId, applicationId));
        Assert.Equal("Meetings.Error.NotAwaitingReview", again.ErrorKey);
    }

    [Fact]
    public async Task Deferred_items_are_proposed_before_submitted_ones_and_stay_InReview_on_the_agenda()
    {
        var meetingId = await PlannedMeetingAsync();
        var submitted = await ApplicationAsync(DemoPersons.CateringMetKansenId);
        var deferred = await ApplicationAsync(new Guid("7a1c0000-0000-4000-8000-000000000004"), deferred: true);

        var agenda = await WithAsync(s => s.AgendaAsync(meetingId));

        var order = agenda!.Proposals.Select(p => p.ApplicationId).ToList();
        Assert.True(order.IndexOf(deferred) >= 0 && order.IndexOf(deferred) < order.IndexOf(submitted), string.Join(",", order));
        Assert.True(agenda.Proposals.Single(p => p.ApplicationId == deferred).Deferred);

        var result = await WithAsync(s => s.AddToAgendaAsync(TestUsers.Coordinator, meetingId, deferred));

        Assert.True(result.Succeeded, result.ErrorKey);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(ApplicationStatus.InReview, (await db.Applications.SingleAsync(a => a.Id == deferred)).Status);
    }

    [Fact]
    public async Task An_item_comes_off_the_agenda_before_the_meeting_opens_but_not_after()
    {
        var meetingId = await PlannedMeetingAsync();
        var agenda = await WithAsync(s => s.AgendaAsync(meetingId));
        var first = agenda!.Agenda[0].ApplicationId;

        var removed = await WithAsync(s => s.RemoveFromAgendaAsync(TestUsers.Coordinator, meetingId, first));

        Assert.True(removed.Succeeded, removed.ErrorKey);
        agenda = await WithAsync(s => s.AgendaAsync(meetingId));
        Assert.DoesNotContain(agenda!.Agenda, a => a.ApplicationId == first);

        // docs/decisions/008: it went InReview by being put on this agenda, so it is Submitted again.
        Assert.Contains(agenda.Proposals, p => p.ApplicationId == first && p.Status == ApplicationStatus.Submitted && !p.Deferred);

        var second = agenda.Agenda[0].ApplicationId;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            meeting.Status = MeetingStatus.Open;
            await db.SaveChangesAsync();
        }

        var refused = await WithAsync(s => s.RemoveFromAgendaAsync(TestUsers.Coordinator, meetingId, second));
        Assert.Equal("Meetings.Error.NotPlanned", refused.ErrorKey);
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == meetingId);
            meeting.Status = MeetingStatus.Planned;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_deferred_item_taken_off_the_agenda_stays_InReview_and_is_proposed_first_again()
    {
        var meetingId = await PlannedMeetingAsync();
        var deferred = await ApplicationAsync(new Guid("7a1c0000-0000-4000-8000-000000000004"), deferred: true);
        var added = await WithAsync(s => s.AddToAgendaAsync(TestUsers.Coordinator, meetingId, deferred));
        Assert.True(added.Succeeded, added.ErrorKey);

        var removed = await WithAsync(s => s.RemoveFromAgendaAsync(TestUsers.Coordinator, meetingId, deferred));

        Assert.True(removed.Succeeded, removed.ErrorKey);
        var agenda = await WithAsync(s => s.AgendaAsync(meetingId));
        Assert.DoesNotContain(agenda!.Agenda, a => a.ApplicationId == deferred);
        var proposal = agenda.Proposals.Single(p => p.ApplicationId == deferred);
        Assert.Equal(ApplicationStatus.InReview, proposal.Status);
        Assert.True(proposal.Deferred);
        Assert.Contains(agenda.Proposals.TakeWhile(p => p.Deferred), p => p.ApplicationId == deferred);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "agenda.remove" && e.Details!.Contains(deferred.ToString()) && e.Details.Contains("stays deferred")));
    }

    [Fact]
    public async Task Planning_needs_a_chair_holding_a_seat_that_day_and_a_place_or_link_and_warns_for_a_thin_year()
    {
        var date = new DateOnly(Today.Year + 1, 3, 10);
        var officer = await WithAsync(s => s.PlanAsync(TestUsers.Coordinator, new MeetingPlan(date, "Stadhuis", null, DemoPersons.SroiOfficer)));
        var nowhere = await WithAsync(s => s.PlanAsync(TestUsers.Coordinator, new MeetingPlan(date, " ", null, DemoPersons.Chair)));
        var past = await WithAsync(s => s.PlanAsync(TestUsers.Coordinator, new MeetingPlan(Today.AddDays(-1), "Stadhuis", null, DemoPersons.Chair)));
        var badLink = await WithAsync(s => s.PlanAsync(TestUsers.Coordinator, new MeetingPlan(date, null, "javascript:alert(1)", DemoPersons.Chair)));

        Assert.Equal("Meetings.Error.ChairNotHolder", officer.Result.ErrorKey);
        Assert.Equal("Meetings.Error.PlaceOrLink", nowhere.Result.ErrorKey);
        Assert.Equal("Meetings.Error.DateInPast", past.Result.ErrorKey);
        Assert.Equal("Meetings.Error.LinkInvalid", badLink.Result.ErrorKey);

        var planned = await WithAsync(s => s.PlanAsync(TestUsers.Coordinator, new MeetingPlan(date, null, "https://teams.example/kip", DemoPersons.Chair)));

        Assert.True(planned.Result.Succeeded, planned.Result.ErrorKey);
        var year = (await WithAsync(s => s.YearsAsync())).Single(y => y.Year == date.Year);
        Assert.Single(year.Meetings);
        Assert.Equal(1, year.Warning!.Count);
        Assert.Equal(2, year.Warning.Minimum);
    }

    [Fact]
    public async Task Only_the_coordination_team_plans_or_changes_an_agenda_even_calling_the_service()
    {
        var meetingId = await PlannedMeetingAsync();
        var applicationId = await ApplicationAsync(new Guid("7a1c0000-0000-4000-8000-000000000005"));

        var add = await WithAsync(s => s.AddToAgendaAsync(TestUsers.Chair, meetingId, applicationId));
        var plan = await WithAsync(s => s.PlanAsync(TestUsers.Officer, new MeetingPlan(Today.AddDays(3), "Stadhuis", null, DemoPersons.Chair)));
        var agenda = await WithAsync(s => s.AgendaAsync(meetingId));
        var remove = await WithAsync(s => s.RemoveFromAgendaAsync(TestUsers.Entrepreneur, meetingId, agenda!.Agenda[0].ApplicationId));

        Assert.Equal(ActionResult.NotAllowed, add);
        Assert.Equal(ActionResult.NotAllowed, plan.Result);
        Assert.Equal(ActionResult.NotAllowed, remove);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Equal(ApplicationStatus.Submitted, (await db.Applications.SingleAsync(a => a.Id == applicationId)).Status);
    }
}
