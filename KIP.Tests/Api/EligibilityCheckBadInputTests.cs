using System.Net;
using System.Text;
using System.Text.Json;

namespace KIP.Tests.Api;

/// <summary>Rulebook §2 and product.md: every kind of bad input is a 400 problem+json naming the field, never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class EligibilityCheckBadInputTests(ApiFixture api)
{
    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string mentions)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("Ongeldige invoer", problem.GetProperty("title").GetString());
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("API-Version"));
        return problem.Clone();
    }

    [Theory]
    [InlineData("""{"checkDate":"2026-02-30"}""", "checkDate", "malformed-date")]
    [InlineData("""{"foundedOn":"2026-13-01"}""", "foundedOn", "malformed-date")]
    [InlineData("""{"foundedOn":"26-11-2026"}""", "foundedOn", "malformed-date")]
    [InlineData("""{"pso30PlusValidUntil":"2026-11-26T00:00:00Z"}""", "pso30PlusValidUntil", "malformed-date")]
    [InlineData("""{"bCorpValidUntil":""}""", "bCorpValidUntil", "malformed-date")]
    [InlineData("""{"graceStartedOn":20250101}""", "graceStartedOn", "expected-date")]
    [InlineData("""{"codeSocialeOndernemingenRegisteredOn":true}""", "codeSocialeOndernemingenRegisteredOn", "expected-date")]
    [InlineData("""{"bCorpCertifiedOn":["2025-01-01"]}""", "bCorpCertifiedOn", "expected-date")]
    [InlineData("""{"legalForm":"gmbh"}""", "legalForm", "unknown-legal-form")]
    [InlineData("""{"legalForm":3}""", "legalForm", "expected-text")]
    [InlineData("""{"socialMission":"\ud800"}""", "socialMission", "invalid-characters")]
    [InlineData("""{"foundedOn":"\udfff"}""", "foundedOn", "invalid-characters")]
    [InlineData("""{"socialMission":{"text":"x"}}""", "socialMission", "expected-text")]
    [InlineData("""{"employees":-1}""", "employees", "negative")]
    [InlineData("""{"employees":1.5}""", "employees", "not-whole")]
    [InlineData("""{"employees":"3"}""", "employees", "expected-number")]
    [InlineData("""{"employees":1e300}""", "employees", "out-of-range")]
    [InlineData("""{"employees":3000000000}""", "employees", "out-of-range")]
    [InlineData("""{"nonProfit":"ja"}""", "nonProfit", "expected-boolean")]
    [InlineData("""{"socialEnterpriseNlMember":1}""", "socialEnterpriseNlMember", "expected-boolean")]
    [InlineData("""{"checkDate":"2026-11-26","foundedOn":"2026-11-27"}""", "foundedOn", "after-check-date")]
    [InlineData("""{"checkDate":"2026-11-26","codeSocialeOndernemingenRegisteredOn":"2027-01-01"}""", "codeSocialeOndernemingenRegisteredOn", "after-check-date")]
    [InlineData("""{"checkDate":"2026-11-26","bCorpCertifiedOn":"2026-12-01"}""", "bCorpCertifiedOn", "after-check-date")]
    [InlineData("""{"checkDate":"2026-11-26","graceStartedOn":"2030-01-01"}""", "graceStartedOn", "after-check-date")]
    [InlineData("""{"foundedOn":"2026-11-27"}""", "foundedOn", "after-check-date")]
    [InlineData("""{"bCorpCertifiedOn":"2025-05-01","bCorpValidUntil":"2025-04-30"}""", "bCorpValidUntil", "before-certification")]
    public async Task A_bad_value_is_a_400_naming_the_field(string body, string field, string code)
    {
        using var response = await api.PostRawAsync(body);

        var problem = await AssertProblemAsync(response, field);
        var invalid = Assert.Single(problem.GetProperty("invalidParams").EnumerateArray());
        Assert.Equal(field, invalid.GetProperty("name").GetString());
        Assert.Equal(code, invalid.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_date_after_the_check_date_is_named_with_the_check_date_in_Dutch()
    {
        using var response = await api.PostRawAsync("""{"checkDate":"2026-11-26","foundedOn":"2026-11-27"}""");

        await AssertProblemAsync(response, "foundedOn mag niet na de datum van de check (26 november 2026) liggen.");
    }

    [Fact]
    public async Task Several_bad_values_are_all_named()
    {
        using var response = await api.PostRawAsync("""{"legalForm":"gmbh","employees":-2,"nonProfit":"nee"}""");

        var problem = await AssertProblemAsync(response, "legalForm");
        Assert.Equal(
            ["employees", "legalForm", "nonProfit"],
            problem.GetProperty("invalidParams").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"legalForm\":\"bv\"}]")]
    [InlineData("\"stichting\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public async Task A_body_that_is_not_a_JSON_object_is_a_400(string body)
    {
        using var response = await api.PostRawAsync(body);

        await AssertProblemAsync(response, "JSON-object");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"legalForm\":}")]
    [InlineData("{'legalForm':'bv'}")]
    [InlineData("{\"legalForm\":\"bv\",}")]
    [InlineData("{\"legalForm\":\"bv\",\"legalForm\":\"nv\"}")]
    [InlineData("<xml/>")]
    public async Task A_body_that_is_not_JSON_is_a_400(string body)
    {
        using var response = await api.PostRawAsync(body);

        await AssertProblemAsync(response, "JSON");
    }

    [Fact]
    public async Task A_deeply_nested_body_is_a_400()
    {
        var deep = "{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await api.PostRawAsync(deep);

        await AssertProblemAsync(response, "genest");
    }

    [Fact]
    public async Task A_huge_body_is_a_400()
    {
        var huge = "{\"socialMission\":\"" + new string('a', 2_000_000) + "\"}";

        using var response = await api.PostRawAsync(huge);

        await AssertProblemAsync(response, "groter dan");
    }

    [Fact]
    public async Task A_huge_body_without_a_length_is_a_400_too()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"x\":\"" + new string('b', 500_000) + "\"}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiFixture.EligibilityChecks, UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Client.SendAsync(request);

        await AssertProblemAsync(response, "groter dan");
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_legal_forms_match_without_regard_to_capitals()
    {
        using var response = await api.PostRawAsync("""{"checkDate":"2026-11-26","legalForm":" Stichting ","favouriteColour":["blue",{"a":1}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_sent_as_plain_text_or_form_is_still_read_as_JSON()
    {
        using var plain = await api.PostRawAsync("""{"checkDate":"2026-11-26","legalForm":"stichting"}""", "text/plain");
        using var form = await api.PostRawAsync("""{"checkDate":"2026-11-26","legalForm":"gmbh"}""", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        await AssertProblemAsync(form, "legalForm");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem_with_Allow()
    {
        using var response = await api.Client.GetAsync(new Uri(ApiFixture.EligibilityChecks, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.True(response.Headers.Contains("API-Version"));
    }
}
