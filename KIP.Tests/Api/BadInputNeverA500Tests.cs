using System.Net;
using System.Text.Json;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Api;

/// <summary>ASVS V2.2.1 / V16.5.3: a date no one means gets a clear 400 naming the field, on the API and on the page, never an overflow.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputNeverA500Tests(ApiFixture api)
{
    private const string RangeText = "vul een datum in van 1 januari 1800 tot en met 31 december 2999";

    private static async Task<(JsonElement Problem, string[] Names, string[] Codes)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiFixture.JsonAsync(response);
        var invalid = problem.GetProperty("invalidParams").EnumerateArray().ToList();
        return (problem, [.. invalid.Select(p => p.GetProperty("name").GetString()!)], [.. invalid.Select(p => p.GetProperty("code").GetString()!)]);
    }

    [Fact]
    public async Task V2_2_1_A_far_future_check_and_grace_date_is_a_400_naming_both_fields()
    {
        using var response = await api.PostRawAsync("""{"checkDate":"9999-12-31","graceStartedOn":"9999-12-31"}""");

        var (problem, names, codes) = await ProblemAsync(response);
        Assert.Equal(["checkDate", "graceStartedOn"], names);
        Assert.All(codes, c => Assert.Equal("outside-date-range", c));
        Assert.Contains("checkDate ligt buiten de datums die KIP kent: " + RangeText, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"checkDate":"0001-01-01"}""", "checkDate", "outside-date-range")]
    [InlineData("""{"checkDate":"1799-12-31"}""", "checkDate", "outside-date-range")]
    [InlineData("""{"checkDate":"3000-01-01"}""", "checkDate", "outside-date-range")]
    [InlineData("""{"bCorpCertifiedOn":"9999-12-31","checkDate":"9999-12-31"}""", "bCorpCertifiedOn", "outside-date-range")]
    [InlineData("""{"pso30PlusValidUntil":"9999-12-31"}""", "pso30PlusValidUntil", "outside-date-range")]
    [InlineData("""{"bCorpValidUntil":"0001-01-01"}""", "bCorpValidUntil", "outside-date-range")]
    [InlineData("""{"foundedOn":"9999-12-31","socialMission":"Wij geven mensen met een afstand tot de arbeidsmarkt een vak."}""", "foundedOn", "outside-date-range")]
    [InlineData("""{"checkDate":"-0001-01-01"}""", "checkDate", "malformed-date")]
    [InlineData("""{"checkDate":"10000-01-01"}""", "checkDate", "malformed-date")]
    [InlineData("""{"checkDate":"2026-13-01"}""", "checkDate", "malformed-date")]
    [InlineData("""{"graceStartedOn":"9999-12-31T23:59:59"}""", "graceStartedOn", "malformed-date")]
    [InlineData("""{"graceStartedOn":-1}""", "graceStartedOn", "expected-date")]
    public async Task V2_2_1_Dates_around_the_limits_are_refused_with_the_field_named(string body, string field, string code)
    {
        using var response = await api.PostRawAsync(body);

        var (_, names, codes) = await ProblemAsync(response);
        Assert.Contains(field, names);
        Assert.Equal(code, codes[Array.IndexOf(names, field)]);
    }

    [Theory]
    [InlineData("""{"checkDate":"1800-01-01","foundedOn":"1800-01-01"}""")]
    [InlineData("""{"checkDate":"2999-12-31","graceStartedOn":"2999-12-31","bCorpCertifiedOn":"2999-12-31","pso30PlusValidUntil":"2999-12-31"}""")]
    public async Task V2_2_1_Dates_on_the_edges_of_the_range_are_judged(string body)
    {
        using var response = await api.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, (await ApiFixture.JsonAsync(response)).GetProperty("criteria").GetArrayLength());
    }

    [Fact]
    public async Task V2_2_1_The_quick_scan_page_names_a_far_future_date_in_Dutch_instead_of_failing()
    {
        using var response = await api.Client.GetAsync(new Uri("/erkenningscheck?checkDate=9999-12-31&graceStartedOn=9999-12-31", UriKind.Relative));
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Datum van de check ligt buiten de datums die KIP kent: " + RangeText + ".", html, StringComparison.Ordinal);
        Assert.Contains("Begin van een eerdere startperiode ligt buiten de datums die KIP kent: " + RangeText + ".", html, StringComparison.Ordinal);
    }
}

/// <summary>
/// ASVS V16.5.3: outside Development too, the API answers every error as problem+json — an unhandled exception (here a
/// database that lost a table), an unknown path, a wrong method — never the HTML error page or a stack trace.
/// </summary>
public sealed class ApiProblemsInProductionTests : IAsyncLifetime
{
    private readonly KipAppFactory _app = new(
        new Dictionary<string, string?> { ["Kip:Auth:AllowDemoAccounts"] = "true" }, environment: "Production");

    public Task InitializeAsync()
    {
        _app.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at KIP.", text, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Fact]
    public async Task V16_5_3_Unknown_paths_and_methods_under_api_answer_problem_json()
    {
        using var client = _app.CreateHttpClient();

        using var unknown = await client.GetAsync(new Uri("/api/v1/bestaat-niet", UriKind.Relative));
        using var otherVersion = await client.GetAsync(new Uri("/api/v2/suppliers", UriKind.Relative));
        using var method = await client.DeleteAsync(new Uri("/api/v1/criteria", UriKind.Relative));

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        var other = await AssertProblemAsync(otherVersion, HttpStatusCode.NotFound);
        Assert.Equal("Niet gevonden", other.GetProperty("title").GetString());
        await AssertProblemAsync(method, HttpStatusCode.MethodNotAllowed);
        Assert.True(otherVersion.Headers.Contains("API-Version"));
    }

    [Fact]
    public async Task V16_5_3_An_unhandled_exception_in_the_API_is_a_500_problem_json_without_a_stack_trace()
    {
        using var client = _app.CreateHttpClient();
        using (var before = await client.GetAsync(new Uri("/api/v1/suppliers", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var factory = _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE Organisations RENAME TO OrganisationsWeg");
        }

        using var broken = await client.GetAsync(new Uri("/api/v1/suppliers", UriKind.Relative));
        var problem = await AssertProblemAsync(broken, HttpStatusCode.InternalServerError);
        Assert.Equal("Interne fout", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("OrganisationsWeg", problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // A page keeps the people's error page.
        using var page = await client.GetAsync(new Uri("/aanbod", UriKind.Relative));
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
