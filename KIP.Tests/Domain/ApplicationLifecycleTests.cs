using KIP.Domain;
using KIP.Domain.Applications;

namespace KIP.Tests.Domain;

public class ApplicationLifecycleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 23, 30, 0, TimeSpan.Zero);

    private static Application Draft(params CriterionCode[] claims)
    {
        var application = Application.Create(Guid.NewGuid(), Guid.NewGuid(), 3, At, hasOtherOpenApplication: false);
        application.Claim(claims.Length == 0 ? [CriterionCode.Pso30Plus, CriterionCode.StartupZzp] : claims);
        return application;
    }

    private static Application InReview()
    {
        var application = Draft();
        application.Submit(At, organisationIsAdmitted: true, hasOtherOpenApplication: false);
        application.PutOnAgenda(At);
        return application;
    }

    [Fact]
    public void Submitting_records_the_Amsterdam_date_of_first_submission()
    {
        var application = Draft();

        application.Submit(At, organisationIsAdmitted: true, hasOtherOpenApplication: false);

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(new DateOnly(2026, 11, 27), application.FirstSubmittedOn);
        Assert.Equal(3, application.FormVersion);
    }

    [Fact]
    public void V2_3_1_Only_an_admitted_organisation_can_submit() =>
        Assert.Equal("application.not-admitted", Assert.Throws<DomainException>(() => Draft().Submit(At, false, false)).Code);

    [Fact]
    public void An_organisation_has_at_most_one_open_application()
    {
        Assert.Equal("application.one-open", Assert.Throws<DomainException>(() => Draft().Submit(At, true, true)).Code);
        Assert.Equal("application.one-open", Assert.Throws<DomainException>(() => Application.Create(Guid.NewGuid(), Guid.NewGuid(), 1, At, true)).Code);
    }

    [Fact]
    public void More_information_then_resubmit_returns_to_submitted_keeping_the_first_submission_date()
    {
        var application = InReview();

        application.RequestMoreInformation("Stuur het PSO-certificaat mee.", At.AddDays(10));
        Assert.Equal(ApplicationStatus.MoreInformationRequested, application.Status);
        application.Resubmit(At.AddDays(40));

        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(new DateOnly(2026, 11, 27), application.FirstSubmittedOn);
        Assert.True(application.IsOpen);
    }

    [Fact]
    public void Recognise_accepts_only_claimed_criteria()
    {
        Assert.Equal("application.criterion-not-claimed", Assert.Throws<DomainException>(() => InReview().Recognise([CriterionCode.BCorp], DecisionMotivation.Of("Goed"), At)).Code);
        Assert.Equal("application.no-criteria-accepted", Assert.Throws<DomainException>(() => InReview().Recognise([], DecisionMotivation.Of("Goed"), At)).Code);

        var application = InReview();
        application.Recognise([CriterionCode.Pso30Plus], DecisionMotivation.Of("Certificaat geldig."), At);

        Assert.Equal(ApplicationStatus.Recognised, application.Status);
        Assert.Equal([CriterionCode.Pso30Plus], application.AcceptedCriteria);
        Assert.False(application.IsOpen);
    }

    [Fact]
    public void A_rejection_keeps_its_motivation()
    {
        var application = InReview();
        application.Reject(DecisionMotivation.Of("  Geen criterium aangetoond. "), At);
        Assert.Equal(ApplicationStatus.Rejected, application.Status);
        Assert.Equal("Geen criterium aangetoond.", application.Motivation);
    }

    [Fact]
    public void A_deferred_application_stays_in_review()
    {
        var application = InReview();

        application.Defer(At);

        Assert.Equal(ApplicationStatus.InReview, application.Status);
        Assert.Equal(Application.DeferredNote, application.Timeline[^1].Note);
    }

    [Fact]
    public void V2_3_1_Only_an_application_in_review_can_be_decided()
    {
        var submitted = Draft();
        submitted.Submit(At, true, false);

        Assert.Equal("application.not-in-review", Assert.Throws<DomainException>(() => submitted.Recognise([CriterionCode.Pso30Plus], DecisionMotivation.Of("m"), At)).Code);
        Assert.Equal("application.not-in-review", Assert.Throws<DomainException>(() => Draft().Reject(DecisionMotivation.Of("m"), At)).Code);
        Assert.Equal("application.not-submitted", Assert.Throws<DomainException>(() => Draft().PutOnAgenda(At)).Code);
        Assert.Equal("application.no-information-requested", Assert.Throws<DomainException>(() => submitted.Resubmit(At)).Code);
    }

    [Fact]
    public void V2_3_1_Withdrawing_is_possible_only_before_a_decision()
    {
        var draft = Draft();
        draft.Withdraw(At);
        Assert.Equal(ApplicationStatus.Withdrawn, draft.Status);

        var decided = InReview();
        decided.Reject(DecisionMotivation.Of("m"), At);
        Assert.Equal("application.not-open", Assert.Throws<DomainException>(() => decided.Withdraw(At)).Code);
        Assert.Equal("application.not-open", Assert.Throws<DomainException>(() => draft.Withdraw(At)).Code);
    }

    [Fact]
    public void A_submission_claims_at_least_one_criterion()
    {
        var application = Application.Create(Guid.NewGuid(), Guid.NewGuid(), 1, At, false);

        Assert.Equal("application.no-criteria-claimed", Assert.Throws<DomainException>(() => application.Submit(At, true, false)).Code);
    }

    [Fact]
    public void The_timeline_records_every_step()
    {
        var application = InReview();

        Assert.Equal(
            [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InReview],
            application.Timeline.Select(e => e.Status));
    }
}
