using KIP.Domain;
using static KIP.Tests.Domain.DomainBuilders;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class RecognitionTests
{
    [Fact]
    public void Recognition_lapses_the_day_after_the_last_valid_criterion()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.Pso30Plus, D("2026-01-10"), D("2027-03-31"), Guid.NewGuid());

        Assert.False(organisation.IsRecognisedOn(D("2026-01-09")));
        Assert.True(organisation.IsRecognisedOn(D("2027-03-31")));
        Assert.False(organisation.IsRecognisedOn(D("2027-04-01")));
        Assert.Equal(D("2027-03-31"), organisation.ValidUntilOn(D("2026-06-01")));
    }

    [Fact]
    public void Valid_until_is_the_latest_valid_criterion_and_null_when_one_is_open_ended()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.Pso30Plus, D("2026-01-10"), D("2027-03-31"), null);
        organisation.Accept(CriterionCode.BCorp, D("2026-01-10"), D("2028-01-09"), null);
        Assert.Equal(D("2028-01-09"), organisation.ValidUntilOn(D("2026-06-01")));

        organisation.Accept(CriterionCode.SocialEnterpriseNl, D("2026-05-01"), null, null);

        Assert.Null(organisation.ValidUntilOn(D("2026-06-01")));
        Assert.Equal(D("2028-01-09"), organisation.ValidUntilOn(D("2026-04-30")));
    }

    [Fact]
    public void A_renewal_takes_the_new_valid_until()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        var old = organisation.Accept(CriterionCode.Pso30Plus, D("2025-01-10"), D("2027-01-09"), null);

        organisation.Accept(CriterionCode.Pso30Plus, D("2026-12-01"), D("2028-11-30"), null);

        Assert.Equal(D("2026-12-01"), old.EndedOn);
        Assert.False(old.Revoked);
        Assert.Equal(D("2028-11-30"), organisation.ValidUntilOn(D("2026-12-01")));
        Assert.Equal(D("2027-01-09"), organisation.ValidUntilOn(D("2026-11-30")));
        Assert.Single(organisation.ValidCriteriaOn(D("2026-12-15")));
    }

    [Fact]
    public void Revoking_a_criterion_takes_effect_on_the_revocation_day()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.CodeSocialeOndernemingen, D("2026-01-10"), null, null);
        organisation.Accept(CriterionCode.Pso30Plus, D("2026-01-10"), D("2027-03-31"), null);

        organisation.RevokeCriterion(CriterionCode.CodeSocialeOndernemingen, D("2026-08-01"), "Uitgeschreven uit het register");

        Assert.Equal(2, organisation.ValidCriteriaOn(D("2026-07-31")).Count);
        Assert.Equal(CriterionCode.Pso30Plus, Assert.Single(organisation.ValidCriteriaOn(D("2026-08-01"))).Code);
        Assert.True(organisation.AcceptedCriteria.Single(c => c.Code == CriterionCode.CodeSocialeOndernemingen).Revoked);
    }

    [Fact]
    public void Revoking_the_whole_recognition_takes_effect_on_the_revocation_day()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.NonProfit, D("2026-01-10"), null, null);
        organisation.Accept(CriterionCode.Pso30Plus, D("2026-01-10"), D("2027-03-31"), null);

        organisation.RevokeAll(D("2026-08-01"), "Misbruik van het keurmerk");

        Assert.True(organisation.IsRecognisedOn(D("2026-07-31")));
        Assert.False(organisation.IsRecognisedOn(D("2026-08-01")));
        Assert.All(organisation.AcceptedCriteria, c => Assert.Equal("Misbruik van het keurmerk", c.EndReason));
    }

    [Fact]
    public void A_revocation_needs_a_reason_and_something_to_revoke()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        Assert.Equal("recognition.nothing-to-revoke", Assert.Throws<DomainException>(() => organisation.RevokeAll(D("2026-01-01"), "reden")).Code);
        organisation.Accept(CriterionCode.NonProfit, D("2026-01-10"), null, null);
        Assert.Equal("recognition.reason-required", Assert.Throws<DomainException>(() => organisation.RevokeAll(D("2026-02-01"), " ")).Code);
    }

    [Fact]
    public void A_revoked_organisation_may_be_recognised_again()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.NonProfit, D("2026-01-10"), null, null);
        organisation.RevokeAll(D("2026-03-01"), "reden");

        organisation.Accept(CriterionCode.NonProfit, D("2026-09-01"), null, null);

        Assert.False(organisation.IsRecognisedOn(D("2026-08-31")));
        Assert.True(organisation.IsRecognisedOn(D("2026-09-01")));
    }

    [Fact]
    public void The_badge_is_temporary_when_startup_zzp_is_the_only_valid_criterion()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.StartupZzp, D("2026-01-10"), null, null);
        Assert.True(organisation.Recognition(D("2026-02-01")).IsTemporary);
        Assert.Equal(D("2028-01-09"), organisation.ValidUntilOn(D("2026-02-01")));

        organisation.Accept(CriterionCode.Pso30Plus, D("2026-03-01"), D("2027-02-28"), null);

        Assert.False(organisation.Recognition(D("2026-03-01")).IsTemporary);
        Assert.True(organisation.Recognition(D("2027-03-01")).IsTemporary);
        Assert.False(organisation.Recognition(D("2028-01-10")).IsTemporary);
    }

    [Fact]
    public void The_grace_period_is_used_once_even_after_revocation()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.StartupZzp, D("2026-01-10"), null, null);
        organisation.RevokeCriterion(CriterionCode.StartupZzp, D("2026-02-01"), "reden");

        Assert.Equal(D("2026-01-10"), organisation.GraceStartedOn);
        Assert.Equal("recognition.grace-used", Assert.Throws<DomainException>(() => organisation.Accept(CriterionCode.StartupZzp, D("2026-06-01"), null, null)).Code);
    }

    [Fact]
    public void Startup_zzp_accepted_on_29_February_is_valid_through_27_February()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.StartupZzp, D("2028-02-29"), null, null);

        Assert.True(organisation.IsRecognisedOn(D("2030-02-27")));
        Assert.False(organisation.IsRecognisedOn(D("2030-02-28")));
    }

    [Theory]
    [InlineData("non-profit", "2027-01-01", "recognition.open-ended")]
    [InlineData("pso-30-plus", null, "recognition.valid-until-required")]
    [InlineData("b-corp", null, "recognition.valid-until-required")]
    [InlineData("startup-zzp", "2027-01-01", "recognition.grace-valid-until")]
    [InlineData("pso-30-plus", "2025-12-31", "recognition.valid-until-before-from")]
    public void Accept_refuses_a_valid_until_that_does_not_fit_the_criterion(string code, string? validUntil, string error)
    {
        var organisation = NewOrganisation(Municipality.Haarlem);

        var thrown = Assert.Throws<DomainException>(() =>
            organisation.Accept(CriterionCode.Parse(code), D("2026-01-01"), validUntil is null ? null : D(validUntil), null));

        Assert.Equal(error, thrown.Code);
    }

    [Fact]
    public void Reminders_are_due_90_and_30_days_before_the_valid_until()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.Pso30Plus, D("2026-01-10"), D("2027-03-31"), null);

        Assert.Equal([D("2026-12-31"), D("2027-03-01")], RecognitionPolicy.ReminderDates(organisation.ValidUntilOn(D("2026-06-01"))!.Value));
    }
}
