using KIP.Domain;
using KIP.Domain.Eligibility;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class EligibilityCheckTests
{
    private static readonly DateOnly CheckDate = D("2026-11-26");

    private static readonly string Mission50 = new('m', 50);

    private static CriterionOutcome Outcome(EligibilityFacts facts, CriterionCode code, string? checkDate = null) =>
        EligibilityCheck.Evaluate(facts, checkDate is null ? CheckDate : D(checkDate)).Criteria.Single(c => c.Code == code);

    [Fact]
    public void Nothing_stated_lists_all_six_criteria_in_order_none_met()
    {
        var result = EligibilityCheck.Evaluate(new EligibilityFacts(), CheckDate);

        Assert.Equal(CriterionCode.All, result.Criteria.Select(c => c.Code));
        Assert.False(result.Eligible);
        Assert.Null(result.ValidUntil);
        Assert.All(result.Criteria, c => Assert.Null(c.ValidUntil));
        Assert.Equal(CheckDate, result.CheckDate);
    }

    [Fact]
    public void Code_registration_is_met_open_ended()
    {
        var outcome = Outcome(new EligibilityFacts { CodeSocialeOndernemingenRegisteredOn = D("2020-01-01") }, CriterionCode.CodeSocialeOndernemingen);

        Assert.True(outcome.Met);
        Assert.Null(outcome.ValidUntil);
        Assert.Equal(OutcomeReason.RegisteredInCode, outcome.Reason);
    }

    [Theory]
    [InlineData(true, true, OutcomeReason.SenlMember)]
    [InlineData(false, false, OutcomeReason.NotSenlMember)]
    [InlineData(null, false, OutcomeReason.NotSenlMember)]
    public void Social_Enterprise_NL_membership_is_met_open_ended(bool? member, bool met, OutcomeReason reason)
    {
        var outcome = Outcome(new EligibilityFacts { SocialEnterpriseNlMember = member }, CriterionCode.SocialEnterpriseNl);

        Assert.Equal((met, reason), (outcome.Met, outcome.Reason));
        Assert.Null(outcome.ValidUntil);
    }

    [Theory]
    [InlineData("2026-11-26", true, OutcomeReason.PsoValidUntil)]
    [InlineData("2026-11-25", false, OutcomeReason.PsoExpired)]
    public void PSO_is_met_through_its_valid_until_date(string validUntil, bool met, OutcomeReason reason)
    {
        var outcome = Outcome(new EligibilityFacts { Pso30PlusValidUntil = D(validUntil) }, CriterionCode.Pso30Plus);

        Assert.Equal((met, reason, D(validUntil)), (outcome.Met, outcome.Reason, outcome.ReasonDate));
        Assert.Equal(met ? D(validUntil) : null, outcome.ValidUntil);
    }

    [Fact]
    public void PSO_without_a_date_is_missing() =>
        Assert.Equal(OutcomeReason.PsoMissing, Outcome(new EligibilityFacts(), CriterionCode.Pso30Plus).Reason);

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    [InlineData(true)]
    public void A_stichting_is_non_profit_whatever_NonProfit_says(bool? nonProfit)
    {
        var outcome = Outcome(new EligibilityFacts { LegalForm = LegalForm.Stichting, NonProfit = nonProfit }, CriterionCode.NonProfit);

        Assert.True(outcome.Met);
        Assert.Equal(OutcomeReason.StichtingIsNonProfit, outcome.Reason);
    }

    [Theory]
    [InlineData(true, true, OutcomeReason.NonProfitStated)]
    [InlineData(false, false, OutcomeReason.NotNonProfit)]
    [InlineData(null, false, OutcomeReason.NotNonProfit)]
    public void A_non_stichting_is_non_profit_only_when_stated(bool? nonProfit, bool met, OutcomeReason reason)
    {
        var outcome = Outcome(new EligibilityFacts { LegalForm = LegalForm.Vereniging, NonProfit = nonProfit }, CriterionCode.NonProfit);

        Assert.Equal((met, reason), (outcome.Met, outcome.Reason));
    }

    [Theory]
    [InlineData("2023-11-27", true)]
    [InlineData("2023-11-26", false)]
    public void BCorp_with_only_a_certification_date_holds_through_the_day_before_the_third_anniversary(string certifiedOn, bool met)
    {
        var outcome = Outcome(new EligibilityFacts { BCorpCertifiedOn = D(certifiedOn) }, CriterionCode.BCorp);

        Assert.Equal(met, outcome.Met);
        Assert.Equal(met ? OutcomeReason.BCorpValidUntil : OutcomeReason.BCorpExpired, outcome.Reason);
        Assert.Equal(D(certifiedOn).AddYears(3).AddDays(-1), outcome.ReasonDate);
    }

    [Fact]
    public void BCorp_certified_on_29_February_holds_through_27_February_three_years_later()
    {
        var facts = new EligibilityFacts { BCorpCertifiedOn = D("2024-02-29") };

        Assert.Equal(D("2027-02-27"), Outcome(facts, CriterionCode.BCorp, "2027-02-27").ValidUntil);
        Assert.False(Outcome(facts, CriterionCode.BCorp, "2027-02-28").Met);
    }

    [Theory]
    [InlineData("2026-11-26", true)]
    [InlineData("2026-11-25", false)]
    public void BCorp_valid_until_date_wins_over_the_default(string validUntil, bool met)
    {
        var facts = new EligibilityFacts { BCorpCertifiedOn = D("2025-06-01"), BCorpValidUntil = D(validUntil) };

        var outcome = Outcome(facts, CriterionCode.BCorp);

        Assert.Equal(met, outcome.Met);
        Assert.Equal(met ? D(validUntil) : null, outcome.ValidUntil);
    }

    [Fact]
    public void BCorp_with_only_a_valid_until_date_is_met_through_it() =>
        Assert.True(Outcome(new EligibilityFacts { BCorpValidUntil = CheckDate }, CriterionCode.BCorp).Met);

    [Fact]
    public void Whole_valid_until_is_the_latest_met_criterion()
    {
        var result = EligibilityCheck.Evaluate(
            new EligibilityFacts { Pso30PlusValidUntil = D("2027-03-31"), BCorpValidUntil = D("2027-06-30") },
            CheckDate);

        Assert.True(result.Eligible);
        Assert.Equal(D("2027-06-30"), result.ValidUntil);
    }

    [Fact]
    public void Whole_valid_until_is_null_when_an_open_ended_criterion_is_met()
    {
        var result = EligibilityCheck.Evaluate(
            new EligibilityFacts { Pso30PlusValidUntil = D("2027-03-31"), SocialEnterpriseNlMember = true },
            CheckDate);

        Assert.True(result.Eligible);
        Assert.Null(result.ValidUntil);
    }

    [Fact]
    public void The_product_example_a_ZZPer_with_an_expired_PSO_is_eligible_until_two_years_later()
    {
        var facts = new EligibilityFacts
        {
            LegalForm = LegalForm.Eenmanszaak,
            FoundedOn = D("2019-06-01"),
            Employees = 0,
            SocialMission = Mission50,
            SocialEnterpriseNlMember = false,
            Pso30PlusValidUntil = D("2026-03-31"),
            NonProfit = false,
        };

        var result = EligibilityCheck.Evaluate(facts, CheckDate);

        Assert.True(result.Eligible);
        Assert.Equal(D("2028-11-25"), result.ValidUntil);
        Assert.Equal(OutcomeReason.ZzpQualifies, result.Criteria[5].Reason);
        Assert.Equal(OutcomeReason.PsoExpired, result.Criteria[2].Reason);
    }
}

public sealed class EligibilityTemporaryBadgeTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static EligibilityFacts Zzp => new()
    {
        LegalForm = LegalForm.Eenmanszaak,
        Employees = 0,
        SocialMission = "Werkzoekenden in Haarlem helpen met sollicitatietrainingen en begeleiding.",
    };

    [Fact]
    public void A_badge_resting_only_on_startup_zzp_would_be_temporary()
    {
        Assert.True(EligibilityCheck.Evaluate(Zzp, Today).IsTemporary);
    }

    [Fact]
    public void Another_criterion_beside_startup_zzp_makes_it_a_full_badge()
    {
        Assert.False(EligibilityCheck.Evaluate(Zzp with { SocialEnterpriseNlMember = true }, Today).IsTemporary);
    }

    [Fact]
    public void Nothing_met_is_no_badge_at_all()
    {
        Assert.False(EligibilityCheck.Evaluate(new EligibilityFacts(), Today).IsTemporary);
    }
}
