using System.Net;
using System.Text.Json;
using KIP.Domain;

namespace KIP.Tests.Api;

/// <summary>product.md, "POST /api/v1/eligibility-checks": every point of the contract.</summary>
[Collection(ApiCollection.Name)]
public sealed class EligibilityCheckApiTests(ApiFixture api)
{
    private const string Mission = "Wij leiden mensen met een afstand tot de arbeidsmarkt op tot fietsenmaker in Haarlem.";

    private static JsonElement Criterion(JsonElement body, string code) =>
        body.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private async Task<JsonElement> CheckAsync(object request)
    {
        using var response = await api.PostAsync(request);
        var body = await ApiFixture.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    [Fact]
    public async Task A_zzp_er_whose_PSO_certificate_expired_qualifies_on_startup_zzp_as_in_the_contract_example()
    {
        var body = await CheckAsync(new
        {
            checkDate = "2026-11-26",
            legalForm = "eenmanszaak",
            foundedOn = "2019-06-01",
            employees = 0,
            socialMission = Mission,
            codeSocialeOndernemingenRegisteredOn = (string?)null,
            socialEnterpriseNlMember = false,
            pso30PlusValidUntil = "2026-03-31",
            bCorpCertifiedOn = (string?)null,
            bCorpValidUntil = (string?)null,
            nonProfit = false,
            graceStartedOn = (string?)null,
        });

        Assert.Equal("2026-11-26", body.GetProperty("checkDate").GetString());
        Assert.True(body.GetProperty("eligible").GetBoolean());
        Assert.Equal("2028-11-25", body.GetProperty("validUntil").GetString());
        Assert.Equal(CriterionCode.All.Select(c => c.Value), body.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        var pso = Criterion(body, "pso-30-plus");
        Assert.False(pso.GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, pso.GetProperty("validUntil").ValueKind);
        Assert.Contains("31 maart 2026", pso.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var startup = Criterion(body, "startup-zzp");
        Assert.True(startup.GetProperty("met").GetBoolean());
        Assert.Equal("2028-11-25", startup.GetProperty("validUntil").GetString());
        Assert.Contains("zzp'er", startup.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("25 november 2028", startup.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_criterion_has_code_met_validUntil_and_a_Dutch_reason()
    {
        var body = await CheckAsync(new { checkDate = "2026-11-26" });

        Assert.False(body.GetProperty("eligible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("validUntil").ValueKind);
        Assert.Equal(6, body.GetProperty("criteria").GetArrayLength());
        foreach (var criterion in body.GetProperty("criteria").EnumerateArray())
        {
            Assert.Equal(["code", "met", "validUntil", "reason"], criterion.EnumerateObject().Select(p => p.Name));
            Assert.False(criterion.GetProperty("met").GetBoolean());
            Assert.Equal(JsonValueKind.Null, criterion.GetProperty("validUntil").ValueKind);
            Assert.Contains("opgegeven", criterion.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_stichting_is_a_non_profit_whatever_else_is_said_and_open_ended()
    {
        var body = await CheckAsync(new { checkDate = "2026-11-26", legalForm = "STICHTING", nonProfit = false, employees = 40 });

        Assert.True(body.GetProperty("eligible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("validUntil").ValueKind);
        var nonProfit = Criterion(body, "non-profit");
        Assert.True(nonProfit.GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, nonProfit.GetProperty("validUntil").ValueKind);
        Assert.Contains("stichting", nonProfit.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_B_Corp_with_only_a_certification_date_is_valid_until_the_day_before_its_third_anniversary()
    {
        var body = await CheckAsync(new { checkDate = "2026-11-26", legalForm = "bv", bCorpCertifiedOn = "2025-03-01" });

        Assert.Equal("2028-02-29", Criterion(body, "b-corp").GetProperty("validUntil").GetString());
        Assert.Equal("2028-02-29", body.GetProperty("validUntil").GetString());
        Assert.Contains("29 februari 2028", Criterion(body, "b-corp").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_validUntil_is_the_latest_of_the_met_criteria()
    {
        var body = await CheckAsync(new
        {
            checkDate = "2026-11-26",
            legalForm = "bv",
            pso30PlusValidUntil = "2027-03-31",
            bCorpCertifiedOn = "2024-01-10",
            bCorpValidUntil = "2027-12-31",
        });

        Assert.Equal("2027-03-31", Criterion(body, "pso-30-plus").GetProperty("validUntil").GetString());
        Assert.Equal("2027-12-31", body.GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task An_open_ended_criterion_makes_the_whole_validUntil_null()
    {
        var body = await CheckAsync(new { checkDate = "2026-11-26", socialEnterpriseNlMember = true, pso30PlusValidUntil = "2027-03-31" });

        Assert.True(body.GetProperty("eligible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("validUntil").ValueKind);
        Assert.Equal(JsonValueKind.Null, Criterion(body, "social-enterprise-nl").GetProperty("validUntil").ValueKind);
    }

    [Fact]
    public async Task An_ended_grace_period_is_not_met_and_its_reason_names_the_end_date_in_Dutch()
    {
        var body = await CheckAsync(new
        {
            checkDate = "2026-11-26",
            legalForm = "eenmanszaak",
            employees = 0,
            socialMission = Mission,
            graceStartedOn = "2024-11-20",
        });

        var startup = Criterion(body, "startup-zzp");
        Assert.False(startup.GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, startup.GetProperty("validUntil").ValueKind);
        Assert.Contains("19 november 2026", startup.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(body.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task A_running_grace_period_holds_until_its_end_date()
    {
        var body = await CheckAsync(new { checkDate = "2026-11-26", legalForm = "bv", employees = 12, graceStartedOn = "2025-06-01" });

        Assert.Equal("2027-05-31", Criterion(body, "startup-zzp").GetProperty("validUntil").GetString());
        Assert.Equal("2027-05-31", body.GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task A_startup_younger_than_two_years_qualifies_with_a_prospective_end_date()
    {
        var body = await CheckAsync(new { checkDate = "2026-11-26", legalForm = "bv", employees = 5, foundedOn = "2025-01-15", socialMission = Mission });

        var startup = Criterion(body, "startup-zzp");
        Assert.True(startup.GetProperty("met").GetBoolean());
        Assert.Equal("2028-11-25", startup.GetProperty("validUntil").GetString());
        Assert.Contains("startup", startup.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_checkDate_the_check_is_for_today_in_Amsterdam()
    {
        var body = await CheckAsync(new { legalForm = "stichting", unknownField = new { nested = true } });

        Assert.Equal("2026-11-26", body.GetProperty("checkDate").GetString());
    }

    [Fact]
    public async Task The_API_answers_in_Dutch_even_to_a_visitor_who_chose_English()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiFixture.EligibilityChecks, UriKind.Relative))
        {
            Content = new StringContent("""{"checkDate":"2026-11-26","pso30PlusValidUntil":"2026-03-31"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        request.Headers.AcceptLanguage.ParseAdd("en-GB");

        using var response = await api.Client.SendAsync(request);
        var body = await ApiFixture.JsonAsync(response);

        Assert.Contains("31 maart 2026", Criterion(body, "pso-30-plus").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_API_response_carries_the_API_Version_header()
    {
        using var ok = await api.PostAsync(new { });
        using var bad = await api.PostRawAsync("[]");
        using var criteria = await api.Client.GetAsync(new Uri("/api/v1/criteria", UriKind.Relative));
        using var document = await api.Client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        using var missing = await api.Client.GetAsync(new Uri("/api/v1/bestaat-niet", UriKind.Relative));

        foreach (var response in new[] { ok, bad, criteria, document, missing })
        {
            Assert.True(response.Headers.TryGetValues("API-Version", out var values), $"{response.RequestMessage?.RequestUri}: no API-Version");
            Assert.Equal("1.0.0", Assert.Single(values));
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
