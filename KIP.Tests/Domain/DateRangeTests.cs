using KIP.Domain;
using KIP.Domain.Eligibility;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

/// <summary>ASVS V2.2.1: the dates KIP reckons with are a rule of the domain (RecognitionPolicy), so a date no person means is refused, never overflows.</summary>
public class DateRangeTests
{
    private static readonly DateOnly CheckDate = D("2026-11-26");

    [Theory]
    [InlineData(FactFields.FoundedOn)]
    [InlineData(FactFields.CodeSocialeOndernemingenRegisteredOn)]
    [InlineData(FactFields.Pso30PlusValidUntil)]
    [InlineData(FactFields.BCorpCertifiedOn)]
    [InlineData(FactFields.BCorpValidUntil)]
    [InlineData(FactFields.GraceStartedOn)]
    public void V2_2_1_A_date_in_year_1_or_9999_is_invalid_input_for_every_date_field(string field)
    {
        foreach (var date in new[] { DateOnly.MinValue, D("1799-12-31"), D("3000-01-01"), DateOnly.MaxValue })
        {
            var facts = With(field, date);

            Assert.Contains(new FactError(field, FactErrorKind.OutsideDateRange), facts.Validate(CheckDate));
            Assert.Equal("eligibility.invalid-facts", Assert.Throws<DomainException>(() => EligibilityCheck.Evaluate(facts, CheckDate)).Code);
        }
    }

    [Fact]
    public void V2_2_1_A_check_date_outside_the_range_is_named_as_the_check_date()
    {
        var facts = new EligibilityFacts { GraceStartedOn = DateOnly.MaxValue };

        Assert.Equal(
            [new FactError(FactFields.CheckDate, FactErrorKind.OutsideDateRange), new FactError(FactFields.GraceStartedOn, FactErrorKind.OutsideDateRange)],
            facts.Validate(DateOnly.MaxValue));
        Assert.Equal([new FactError(FactFields.CheckDate, FactErrorKind.OutsideDateRange)], new EligibilityFacts().Validate(DateOnly.MinValue));
    }

    [Fact]
    public void V2_2_1_On_the_edges_of_the_range_every_rule_computes_its_dates()
    {
        var last = RecognitionPolicy.LatestDate;
        var facts = new EligibilityFacts
        {
            FoundedOn = last,
            SocialMission = new string('m', RecognitionPolicy.MissionMinimumLength),
            BCorpCertifiedOn = last,
            Pso30PlusValidUntil = last,
        };

        var result = EligibilityCheck.Evaluate(facts, last);
        var grace = EligibilityCheck.Evaluate(new EligibilityFacts { GraceStartedOn = last }, last);
        var first = EligibilityCheck.Evaluate(new EligibilityFacts { FoundedOn = RecognitionPolicy.EarliestDate, BCorpValidUntil = RecognitionPolicy.EarliestDate }, RecognitionPolicy.EarliestDate);

        Assert.Equal(D("3001-12-30"), result.Criteria.Single(c => c.Code == CriterionCode.StartupZzp).ValidUntil);
        Assert.Equal(D("3002-12-30"), result.Criteria.Single(c => c.Code == CriterionCode.BCorp).ValidUntil);
        Assert.True(grace.Eligible);
        Assert.True(first.Criteria.Single(c => c.Code == CriterionCode.BCorp).Met);
        Assert.Equal([D("1799-10-03"), D("1799-12-02")], RecognitionPolicy.ReminderDates(RecognitionPolicy.EarliestDate));
    }

    private static EligibilityFacts With(string field, DateOnly date) => field switch
    {
        FactFields.FoundedOn => new() { FoundedOn = date },
        FactFields.CodeSocialeOndernemingenRegisteredOn => new() { CodeSocialeOndernemingenRegisteredOn = date },
        FactFields.Pso30PlusValidUntil => new() { Pso30PlusValidUntil = date },
        FactFields.BCorpCertifiedOn => new() { BCorpCertifiedOn = date },
        FactFields.BCorpValidUntil => new() { BCorpValidUntil = date },
        FactFields.GraceStartedOn => new() { GraceStartedOn = date },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
