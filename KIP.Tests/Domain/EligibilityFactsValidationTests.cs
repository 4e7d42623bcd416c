using KIP.Domain;
using KIP.Domain.Eligibility;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class EligibilityFactsValidationTests
{
    private static readonly DateOnly CheckDate = D("2026-11-26");

    [Theory]
    [InlineData(FactFields.FoundedOn)]
    [InlineData(FactFields.CodeSocialeOndernemingenRegisteredOn)]
    [InlineData(FactFields.BCorpCertifiedOn)]
    [InlineData(FactFields.GraceStartedOn)]
    public void A_date_after_the_check_date_is_invalid_input(string field)
    {
        var tomorrow = CheckDate.AddDays(1);
        var facts = WithDate(field, tomorrow);

        var error = Assert.Single(facts.Validate(CheckDate));
        Assert.Equal(new FactError(field, FactErrorKind.AfterCheckDate), error);
        Assert.Equal("eligibility.invalid-facts", Assert.Throws<DomainException>(() => EligibilityCheck.Evaluate(facts, CheckDate)).Code);
    }

    [Theory]
    [InlineData(FactFields.FoundedOn)]
    [InlineData(FactFields.CodeSocialeOndernemingenRegisteredOn)]
    [InlineData(FactFields.BCorpCertifiedOn)]
    [InlineData(FactFields.GraceStartedOn)]
    public void A_date_on_the_check_date_is_valid_input(string field) =>
        Assert.Empty(WithDate(field, CheckDate).Validate(CheckDate));

    [Fact]
    public void A_BCorp_valid_until_before_its_certification_is_invalid_input()
    {
        var facts = new EligibilityFacts { BCorpCertifiedOn = D("2025-01-10"), BCorpValidUntil = D("2025-01-09") };

        Assert.Equal([new FactError(FactFields.BCorpValidUntil, FactErrorKind.BeforeCertification)], facts.Validate(CheckDate));
    }

    [Fact]
    public void A_past_valid_until_is_not_invalid_input()
    {
        var facts = new EligibilityFacts { Pso30PlusValidUntil = D("2020-01-01"), BCorpValidUntil = D("2020-01-01") };

        Assert.Empty(facts.Validate(CheckDate));
    }

    [Fact]
    public void A_negative_number_of_employees_is_invalid_input() =>
        Assert.Equal([new FactError(FactFields.Employees, FactErrorKind.Negative)], new EligibilityFacts { Employees = -1 }.Validate(CheckDate));

    private static EligibilityFacts WithDate(string field, DateOnly date) => field switch
    {
        FactFields.FoundedOn => new EligibilityFacts { FoundedOn = date },
        FactFields.CodeSocialeOndernemingenRegisteredOn => new EligibilityFacts { CodeSocialeOndernemingenRegisteredOn = date },
        FactFields.BCorpCertifiedOn => new EligibilityFacts { BCorpCertifiedOn = date },
        FactFields.GraceStartedOn => new EligibilityFacts { GraceStartedOn = date },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
