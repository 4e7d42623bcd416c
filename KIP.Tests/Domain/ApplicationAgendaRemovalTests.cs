using KIP.Domain;
using KIP.Domain.Applications;

namespace KIP.Tests.Domain;

/// <summary>Rulebook §4 and docs/decisions/008: taking an application off a meeting's agenda.</summary>
public class ApplicationAgendaRemovalTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static Application OnAgenda()
    {
        var application = Application.Create(Guid.NewGuid(), Guid.NewGuid(), 1, At, hasOtherOpenApplication: false);
        application.Claim([CriterionCode.NonProfit]);
        application.Submit(At.AddHours(1), organisationIsAdmitted: true, hasOtherOpenApplication: false);
        application.PutOnAgenda(At.AddHours(2));
        return application;
    }

    [Fact]
    public void An_application_put_on_the_agenda_returns_to_Submitted_when_taken_off()
    {
        var application = OnAgenda();
        Assert.False(application.IsDeferred);

        Assert.True(application.TakeOffAgenda(At.AddHours(3)));

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(new ApplicationEvent(ApplicationStatus.Submitted, At.AddHours(3), Application.OffAgendaNote), application.Timeline[^1]);
        Assert.Equal(AmsterdamCalendar.DateOf(At.AddHours(1)), application.FirstSubmittedOn);

        // It can go on a later agenda as any submitted application.
        application.PutOnAgenda(At.AddHours(4));
        Assert.Equal(ApplicationStatus.InReview, application.Status);
    }

    [Fact]
    public void A_deferred_application_stays_InReview_when_taken_off_a_later_agenda()
    {
        var application = OnAgenda();
        application.Defer(At.AddHours(3));
        Assert.True(application.IsDeferred);
        var steps = application.Timeline.Count;

        Assert.False(application.TakeOffAgenda(At.AddDays(30)));

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.True(application.IsDeferred);
        Assert.Equal(steps, application.Timeline.Count);
    }

    [Fact]
    public void Only_an_application_in_review_can_be_taken_off_an_agenda()
    {
        var application = OnAgenda();
        application.Reject(DecisionMotivation.Of("Geen sociale missie."), At.AddHours(3));

        Assert.Equal("application.not-in-review", Assert.Throws<DomainException>(() => application.TakeOffAgenda(At.AddHours(4))).Code);
        Assert.Equal(ApplicationStatus.Rejected, application.Status);
    }
}
