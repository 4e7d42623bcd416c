using KIP.Domain;
using KIP.Domain.Eligibility;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class StartupZzpEligibilityTests
{
    private static readonly DateOnly CheckDate = D("2026-11-26");

    private static readonly string Mission50 = new('m', 50);

    private static CriterionOutcome StartupZzp(EligibilityFacts facts, DateOnly? checkDate = null) =>
        EligibilityCheck.Evaluate(facts, checkDate ?? CheckDate).Criteria.Single(c => c.Code == CriterionCode.StartupZzp);

    private static EligibilityFacts Startup(string? mission) =>
        new() { FoundedOn = D("2026-01-01"), SocialMission = mission };

    [Fact]
    public void A_startup_with_a_mission_is_met_until_the_day_before_the_second_anniversary_of_the_check_date()
    {
        var outcome = StartupZzp(Startup(Mission50));

        Assert.True(outcome.Met);
        Assert.Equal(OutcomeReason.StartupQualifies, outcome.Reason);
        Assert.Equal(D("2028-11-25"), outcome.ValidUntil);
    }

    [Fact]
    public void A_check_on_29_February_runs_until_27_February_two_years_later() =>
        Assert.Equal(D("2026-02-27"), StartupZzp(Startup(Mission50) with { FoundedOn = D("2024-01-01") }, D("2024-02-29")).ValidUntil);

    [Theory]
    [InlineData("2024-11-27", true)]
    [InlineData("2024-11-26", false)]
    public void A_startup_is_one_whose_second_anniversary_is_after_the_check_date(string foundedOn, bool met)
    {
        var outcome = StartupZzp(new EligibilityFacts { FoundedOn = D(foundedOn), SocialMission = Mission50 });

        Assert.Equal(met ? OutcomeReason.StartupQualifies : OutcomeReason.NotStartupOrZzp, outcome.Reason);
    }

    [Theory]
    [InlineData("2026-02-28", false)]
    [InlineData("2026-02-27", true)]
    public void A_startup_founded_on_29_February_has_its_second_anniversary_on_28_February(string checkDate, bool met)
    {
        var facts = new EligibilityFacts { FoundedOn = D("2024-02-29"), SocialMission = Mission50 };

        Assert.Equal(met, StartupZzp(facts, D(checkDate)).Met);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    public void The_mission_needs_50_characters(int length, bool met) =>
        Assert.Equal(met, StartupZzp(Startup(new string('a', length))).Met);

    [Fact]
    public void Surrounding_spaces_do_not_count_toward_the_mission()
    {
        var outcome = StartupZzp(Startup("   " + new string('a', 49) + "    "));

        Assert.False(outcome.Met);
        Assert.Equal(OutcomeReason.MissionTooShort, outcome.Reason);
    }

    [Theory]
    [InlineData("e\u0301", 49, false)]
    [InlineData("e\u0301", 50, true)]
    [InlineData("\U0001F331", 49, false)]
    [InlineData("\U0001F331", 50, true)]
    [InlineData("\U0001F469\u200D\U0001F33E", 50, true)]
    public void Characters_are_counted_as_a_person_counts_letters(string letter, int count, bool met)
    {
        var mission = string.Concat(Enumerable.Repeat(letter, count));
        Assert.True(mission.Length > count);

        Assert.Equal(met, StartupZzp(Startup(mission)).Met);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void No_mission_is_not_met(string? mission) =>
        Assert.Equal(OutcomeReason.MissionMissing, StartupZzp(Startup(mission)).Reason);

    [Theory]
    [InlineData("eenmanszaak", 0, true)]
    [InlineData("eenmanszaak", null, false)]
    [InlineData("eenmanszaak", 1, false)]
    [InlineData("bv", 0, false)]
    [InlineData(null, 0, false)]
    public void A_ZZPer_is_an_eenmanszaak_with_zero_employees_both_stated(string? legalForm, int? employees, bool met)
    {
        var facts = new EligibilityFacts
        {
            LegalForm = legalForm is null ? null : LegalForm.Parse(legalForm),
            Employees = employees,
            FoundedOn = D("2010-01-01"),
            SocialMission = Mission50,
        };

        var outcome = StartupZzp(facts);

        Assert.Equal(met, outcome.Met);
        Assert.Equal(met ? OutcomeReason.ZzpQualifies : OutcomeReason.NotStartupOrZzp, outcome.Reason);
    }

    [Theory]
    [InlineData("2024-11-27", true)]
    [InlineData("2024-11-26", false)]
    public void An_earlier_grace_period_counts_only_while_it_runs(string graceStart, bool met)
    {
        var facts = Startup(Mission50) with { GraceStartedOn = D(graceStart) };
        var end = D(graceStart).AddYears(2).AddDays(-1);

        var outcome = StartupZzp(facts);

        Assert.Equal(met, outcome.Met);
        Assert.Equal(met ? OutcomeReason.GraceRunning : OutcomeReason.GraceEnded, outcome.Reason);
        Assert.Equal(end, outcome.ReasonDate);
        Assert.Equal(met ? end : null, outcome.ValidUntil);
    }

    [Fact]
    public void A_running_grace_period_holds_even_if_no_longer_a_startup_or_ZZPer()
    {
        var facts = new EligibilityFacts { GraceStartedOn = D("2026-01-01") };

        Assert.True(StartupZzp(facts).Met);
    }

    [Theory]
    [InlineData("2026-11-26", true)]
    [InlineData("2026-11-27", false)]
    public void For_an_application_a_startups_age_is_judged_on_the_first_submission_date(string firstSubmittedOn, bool met)
    {
        var facts = new EligibilityFacts { FoundedOn = D("2024-11-27"), SocialMission = Mission50 };
        var decisionDate = D("2027-03-01");

        var outcome = EligibilityCheck.Evaluate(facts, decisionDate, D(firstSubmittedOn)).Criteria.Single(c => c.Code == CriterionCode.StartupZzp);

        Assert.Equal(met, outcome.Met);
        Assert.Equal(met ? D("2029-02-28") : null, outcome.ValidUntil);
    }
}
