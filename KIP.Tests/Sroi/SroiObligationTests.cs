using KIP.Domain;
using KIP.Domain.Sroi;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Sroi;

/// <summary>Rulebook §7, the obligation: Bloemendaal's rule, the default for all seven municipalities.</summary>
public class SroiObligationTests
{
    private static readonly SroiObligationPolicy Rule = SroiObligationPolicies.For(Municipality.Bloemendaal, D("2026-12-02"));

    [Theory]
    [InlineData(ContractKind.Services)]
    [InlineData(ContractKind.Works)]
    public void Works_and_services_from_200000_excl_vat_carry_5_percent_and_below_it_none(ContractKind kind)
    {
        var below = Rule.Compute(kind, 199_999.99m, null);
        Assert.Equal(ObligationBasis.BelowThreshold, below.Basis);
        Assert.Equal(0m, below.Amount);

        var at = Rule.Compute(kind, 200_000.00m, null);
        Assert.Equal(ObligationBasis.Applies, at.Basis);
        Assert.Equal(10_000.00m, at.Amount);
    }

    [Fact]
    public void A_services_contract_of_1200000_carries_60000_with_the_numbers_that_explain_it()
    {
        var computed = Rule.Compute(ContractKind.Services, 1_200_000m, null);

        Assert.Equal(60_000.00m, computed.Amount);
        Assert.Equal(200_000m, computed.ThresholdExclVat);
        Assert.Equal(5m, computed.Percentage);
        Assert.Equal("bloemendaal-2024", computed.PolicyVersion);
    }

    [Fact]
    public void Supplies_carry_the_obligation_only_from_30_percent_labour_then_on_the_whole_value()
    {
        var low = Rule.Compute(ContractKind.Supplies, 500_000m, 29m);
        Assert.Equal(ObligationBasis.LabourShareTooLow, low.Basis);
        Assert.Equal(0m, low.Amount);

        var enough = Rule.Compute(ContractKind.Supplies, 500_000m, 30m);
        Assert.Equal(ObligationBasis.Applies, enough.Basis);
        Assert.Equal(25_000m, enough.Amount); // 5% of the whole value, not of the labour share

        var belowThreshold = Rule.Compute(ContractKind.Supplies, 199_999.99m, 80m);
        Assert.Equal(ObligationBasis.BelowThreshold, belowThreshold.Basis);
    }

    [Fact]
    public void Supplies_without_a_labour_share_are_refused_and_works_ignore_one()
    {
        Assert.Equal("sroi.labour-share-invalid", Assert.Throws<DomainException>(() => Rule.Compute(ContractKind.Supplies, 500_000m, null)).Code);
        Assert.Null(Rule.Compute(ContractKind.Works, 500_000m, 10m).LabourSharePercent);
    }

    [Fact]
    public void Every_municipality_uses_the_default_rule_and_only_Haarlem_counts_subsidies()
    {
        Assert.All(Municipality.All, m => Assert.Same(SroiObligationPolicies.Bloemendaal2024, SroiObligationPolicies.For(m, D("2026-12-02"))));
        Assert.Equal([Municipality.Haarlem], Municipality.All.Where(SroiObligationPolicies.CountsSubsidies));
    }

    [Fact]
    public void Contract_terms_name_each_wrong_field()
    {
        var terms = new ContractTerms("nergens", "1234", " ", "Titel", "", ContractKind.Supplies, 120m, 1.001m, D("2027-01-01"), D("2026-01-01"), IsSubsidy: false);

        var errors = terms.Check();

        Assert.Equal("sroi.municipality-required", errors[ContractTerms.Fields.Municipality]);
        Assert.Equal("kvk.invalid", errors[ContractTerms.Fields.PartnerKvk]);
        Assert.Equal("sroi.partner-name-required", errors[ContractTerms.Fields.PartnerName]);
        Assert.Equal("sroi.reference-required", errors[ContractTerms.Fields.Reference]);
        Assert.Equal("sroi.labour-share-invalid", errors[ContractTerms.Fields.LabourShare]);
        Assert.Equal("sroi.value-invalid", errors[ContractTerms.Fields.Value]);
        Assert.Equal("sroi.period-end-before-start", errors[ContractTerms.Fields.PeriodEnd]);
        Assert.False(errors.ContainsKey(ContractTerms.Fields.Title));
    }

    [Fact]
    public void A_subsidy_is_accepted_only_where_the_municipality_counts_subsidies()
    {
        ContractTerms Subsidy(string municipality) =>
            new(municipality, "12345678", "Stichting Buurtwerk", "Subsidie buurthuis", "SUB-1", ContractKind.Services, null, 300_000m, D("2026-01-01"), D("2026-12-31"), IsSubsidy: true);

        Assert.Empty(Subsidy("haarlem").Check());
        Assert.Equal("sroi.subsidy-not-counted", Subsidy("velsen").Check()[ContractTerms.Fields.Subsidy]);
    }
}
