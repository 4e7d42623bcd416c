using KIP.Domain;

namespace KIP.Tests.Domain;

public class KvkNumberTests
{
    [Theory]
    [InlineData("01234567")]
    [InlineData("99999999")]
    public void KvkNumber_is_exactly_eight_digits_keeping_leading_zeros(string text)
    {
        Assert.True(KvkNumber.TryParse(text, out var kvk));
        Assert.Equal(text, kvk.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234567a")]
    [InlineData(" 1234567")]
    [InlineData("١٢٣٤٥٦٧٨")]
    public void KvkNumber_refuses_anything_else(string? text)
    {
        Assert.False(KvkNumber.TryParse(text, out _));
        Assert.Equal("kvk.invalid", Assert.Throws<DomainException>(() => KvkNumber.Parse(text)).Code);
    }
}

public class MunicipalityTests
{
    [Fact]
    public void The_region_has_seven_municipalities_in_two_sub_regions()
    {
        Assert.Equal(
            ["haarlem", "bloemendaal", "heemstede", "zandvoort", "velsen", "beverwijk", "heemskerk"],
            Municipality.All.Select(m => m.Code));
        Assert.Equal(4, Municipality.All.Count(m => m.SubRegion == SubRegion.ZuidKennemerland));
        Assert.Equal(3, Municipality.All.Count(m => m.SubRegion == SubRegion.IJmond));
    }

    [Fact]
    public void Municipality_parses_its_code_and_refuses_others()
    {
        Assert.True(Municipality.TryParse("Velsen", out var velsen));
        Assert.Same(Municipality.Velsen, velsen);
        Assert.False(Municipality.TryParse("amsterdam", out _));
    }
}

public class LegalFormTests
{
    [Theory]
    [InlineData("Stichting", true)]
    [InlineData("STICHTING", true)]
    [InlineData("bv", false)]
    [InlineData("onderlinge-waarborgmaatschappij", false)]
    public void LegalForm_matches_without_regard_to_capitals(string text, bool isStichting)
    {
        Assert.True(LegalForm.TryParse(text, out var form));
        Assert.Equal(isStichting, form.IsStichting);
    }

    [Fact]
    public void LegalForm_refuses_unknown_forms() =>
        Assert.Equal("legal-form.unknown", Assert.Throws<DomainException>(() => LegalForm.Parse("ltd")).Code);

    [Fact]
    public void There_are_ten_legal_forms() => Assert.Equal(10, LegalForm.All.Count);
}

public class CriteriaTests
{
    [Fact]
    public void The_six_criteria_are_listed_in_rulebook_order()
    {
        string[] expected = ["code-sociale-ondernemingen", "social-enterprise-nl", "pso-30-plus", "non-profit", "b-corp", "startup-zzp"];
        Assert.Equal(expected, CriterionCode.All.Select(c => c.Value));
        Assert.Equal(expected, Criteria.All.Select(c => c.Code.Value));
    }

    [Fact]
    public void Every_criterion_has_Dutch_and_English_texts() =>
        Assert.All(Criteria.All, c => Assert.All(
            new[] { c.TitleNl, c.TitleEn, c.EvidenceNl, c.EvidenceEn, c.ValidityNl, c.ValidityEn },
            text => Assert.False(string.IsNullOrWhiteSpace(text))));

    [Fact]
    public void CriterionCode_parses_codes_and_refuses_others()
    {
        Assert.True(CriterionCode.TryParse("b-corp", out var code));
        Assert.Same(CriterionCode.BCorp, code);
        Assert.Same(Criteria.Get(CriterionCode.BCorp).Code, CriterionCode.BCorp);
        Assert.False(CriterionCode.TryParse("bcorp", out _));
    }
}
