using KIP.Domain;
using KIP.Tests.Coordination;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Commission;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Commission;

/// <summary>The commission's work before the session, through its service.</summary>
public sealed class ReviewPreparationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> WithAsync<T>(Func<ReviewPreparationService, Task<T>> act)
    {
        using var scope = app.App.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<ReviewPreparationService>());
    }

    private Task<AwaitingApplication> FietsenmakerijAsync() =>
        WithAsync(async s => (await s.AwaitingAsync(DemoPersons.Chair)).Single(a => a.OrganisationId == DemoPersons.FietsenmakerijId));

    [Fact]
    public async Task The_dashboard_lists_awaiting_applications_with_the_domain_check_of_each_claimed_criterion()
    {
        var awaiting = await WithAsync(s => s.AwaitingAsync(DemoPersons.Chair));

        Assert.Equal(3, awaiting.Count);
        var fietsenmakerij = awaiting.Single(a => a.OrganisationId == DemoPersons.FietsenmakerijId);
        Assert.Equal("De Fietsenmakerij Haarlem", fietsenmakerij.OrganisationName);
        var check = Assert.Single(fietsenmakerij.Checks);
        Assert.Equal(CriterionCode.StartupZzp, check.Code);
        Assert.True(check.Met, check.Reason.ToString());
        Assert.NotNull(fietsenmakerij.MeetingDate);
        Assert.All(awaiting, a => Assert.Single(a.Checks));
    }

    [Fact]
    public async Task A_member_comments_and_declares_a_conflict_once_which_is_stored_for_the_session_as_a_recusal()
    {
        var application = await FietsenmakerijAsync();

        var comment = await WithAsync(s => s.CommentAsync(TestUsers.Chair, application.Id, "  Graag het bewijs van de KvK-inschrijving bekijken.  "));
        var empty = await WithAsync(s => s.CommentAsync(TestUsers.Chair, application.Id, "   "));
        var pieter = TestUsers.With(DemoPersons.BusinessMember, KipRoles.Commission, KipRoles.Entrepreneur);
        var conflict = await WithAsync(s => s.DeclareConflictAsync(pieter, application.Id, "Mijn bedrijf levert aan deze aanvrager."));
        var twice = await WithAsync(s => s.DeclareConflictAsync(pieter, application.Id, "Nogmaals."));

        Assert.True(comment.Succeeded, comment.ErrorKey);
        Assert.Equal("Review.Error.CommentRequired", empty.ErrorKey);
        Assert.True(conflict.Succeeded, conflict.ErrorKey);
        Assert.Equal("Review.Error.ConflictAlreadyDeclared", twice.ErrorKey);
        var detail = await WithAsync(s => s.DetailAsync(application.Id, DemoPersons.BusinessMember));
        Assert.Equal("Graag het bewijs van de KvK-inschrijving bekijken.", Assert.Single(detail!.Comments).Text);
        Assert.True(detail.Summary.MyConflict);
        await using var db = await app.Db.CreateDbContextAsync();
        var stored = await db.ConflictsOfInterest.SingleAsync(c => c.ApplicationId == application.Id);
        Assert.Equal(DemoPersons.BusinessMember, stored.PersonId);
        var planned = await db.AgendaEntries.Where(e => e.ApplicationId == application.Id).Select(e => e.MeetingId).SingleAsync();
        Assert.Equal(planned, stored.MeetingId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "review.conflict-declared" && a.PersonId == DemoPersons.BusinessMember));
    }

    [Fact]
    public async Task An_applicant_asks_and_a_member_answers_once_and_nobody_else_can_ask_or_answer()
    {
        var application = await FietsenmakerijAsync();

        var other = await WithAsync(s => s.AskAsync(TestUsers.With(DemoPersons.OtherEntrepreneur, KipRoles.Entrepreneur), application.Id, "Mag ik meekijken?"));
        var asked = await WithAsync(s => s.AskAsync(TestUsers.Entrepreneur, application.Id, "Wanneer hoor ik iets?"));
        var question = (await WithAsync(s => s.DetailAsync(application.Id, DemoPersons.Chair)))!.Questions.Single();
        var byOfficer = await WithAsync(s => s.AnswerAsync(TestUsers.Officer, question.Id, "Binnenkort."));
        var answered = await WithAsync(s => s.AnswerAsync(TestUsers.Chair, question.Id, "Na de vergadering."));
        var again = await WithAsync(s => s.AnswerAsync(TestUsers.Chair, question.Id, "Toch anders."));

        Assert.Equal(ActionResult.NotAllowed, other);
        Assert.True(asked.Succeeded, asked.ErrorKey);
        Assert.Equal(ActionResult.NotAllowed, byOfficer);
        Assert.True(answered.Succeeded, answered.ErrorKey);
        Assert.Equal("Review.Error.AlreadyAnswered", again.ErrorKey);
        var stored = (await WithAsync(s => s.DetailAsync(application.Id, DemoPersons.Chair)))!.Questions.Single();
        Assert.Equal("Sanne de Vries", stored.FromName);
        Assert.Equal("Na de vergadering.", stored.Answer);
        Assert.Equal("Marieke Jansen", stored.AnsweredByName);
    }

    [Fact]
    public async Task Advice_from_a_member_reaches_the_coordination_team_and_only_members_give_it()
    {
        var byCoordinator = await WithAsync(s => s.AdviseAsync(TestUsers.Coordinator, false, "Onderwerp", "Tekst"));
        var unasked = await WithAsync(s => s.AdviseAsync(TestUsers.Chair, false, "Beoordelingsformulier", "Vraag bij PSO ook de trede."));

        Assert.Equal(ActionResult.NotAllowed, byCoordinator);
        Assert.True(unasked.Succeeded, unasked.ErrorKey);
        var advice = Assert.Single(await WithAsync(s => s.AdviceAsync()));
        Assert.Equal(("Marieke Jansen", false, "Beoordelingsformulier"), (advice.MemberName, advice.Asked, advice.Subject));
    }

    [Fact]
    public async Task Comments_and_conflicts_are_for_commission_members_only()
    {
        var application = await FietsenmakerijAsync();

        var comment = await WithAsync(s => s.CommentAsync(TestUsers.Coordinator, application.Id, "Ik kijk mee."));
        var conflict = await WithAsync(s => s.DeclareConflictAsync(TestUsers.Entrepreneur, application.Id, "Eigen aanvraag."));

        Assert.Equal(ActionResult.NotAllowed, comment);
        Assert.Equal(ActionResult.NotAllowed, conflict);
    }
}
