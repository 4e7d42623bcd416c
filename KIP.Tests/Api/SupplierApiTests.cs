using System.Net;
using System.Text.Json;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;

namespace KIP.Tests.Api;

/// <summary>product.md, "GET /api/v1/suppliers": the directory as open data.</summary>
[Collection(AppCollection.Name)]
public sealed class SupplierApiTests(AppFixture fixture)
{
    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string url)
    {
        using var client = fixture.App.CreateHttpClient();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response, json);
    }

    [Fact]
    public async Task The_list_has_the_contract_shape_in_camelCase_with_an_API_version_header()
    {
        var (response, json) = await GetAsync("/api/v1/suppliers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("API-Version"));
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        Assert.Equal(20, json.GetProperty("pageSize").GetInt32());
        Assert.True(json.GetProperty("total").GetInt32() >= 30);
        Assert.False(json.GetProperty("totalIsCapped").GetBoolean());
        var item = json.GetProperty("items")[0];
        foreach (var field in new[] { "id", "kvkNumber", "name", "municipality", "municipalitiesServed", "categories", "recognised", "temporaryBadge", "recognisedCriteria", "recognisedUntil", "summary", "website" })
        {
            Assert.True(item.TryGetProperty(field, out _), $"item lacks {field}");
        }
    }

    [Fact]
    public async Task V15_3_1_Public_data_only_never_a_contact_person_and_only_admitted_organisations()
    {
        var (_, json) = await GetAsync("/api/v1/suppliers?pageSize=100");
        var text = json.GetRawText();

        Assert.DoesNotContain("contact", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Mehmet", text, StringComparison.Ordinal); // Schoon & Sociaal's contact person
        Assert.DoesNotContain("Verhuisbedrijf Sterke Schouders", text, StringComparison.Ordinal); // not admitted
    }

    [Fact]
    public async Task Filters_combine_and_repeat()
    {
        var (_, velsen) = await GetAsync("/api/v1/suppliers?municipality=velsen&category=schoonmaak&recognised=true");
        var (_, twoCriteria) = await GetAsync("/api/v1/suppliers?criterion=b-corp&criterion=non-profit&pageSize=100");

        var only = Assert.Single(velsen.GetProperty("items").EnumerateArray());
        Assert.Equal("Schoonmaakbedrijf Schoon & Sociaal", only.GetProperty("name").GetString());
        Assert.Equal("velsen", only.GetProperty("municipality").GetString());
        Assert.Equal("pso-30-plus", only.GetProperty("recognisedCriteria")[0].GetString());
        var codes = twoCriteria.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("recognisedCriteria").EnumerateArray().Select(c => c.GetString())).ToHashSet();
        Assert.Equal(5, twoCriteria.GetProperty("total").GetInt32());
        Assert.True(codes.IsSupersetOf(["b-corp", "non-profit"]));
    }

    [Fact]
    public async Task Text_query_finds_by_prefix_and_ignores_accents()
    {
        var (_, json) = await GetAsync("/api/v1/suppliers?query=cafe%20ontm");

        Assert.Equal("Café De Ontmoeting", Assert.Single(json.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("municipality=amsterdam", "municipality")]
    [InlineData("criterion=fairtrade", "criterion")]
    [InlineData("category=bakkerij", "category")]
    [InlineData("page=0", "page")]
    [InlineData("page=twee", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=-3", "pageSize")]
    [InlineData("recognised=ja", "recognised")]
    [InlineData("sort=random", "sort")]
    public async Task A_bad_parameter_gets_400_problem_json_naming_it(string queryString, string parameter)
    {
        var (response, json) = await GetAsync($"/api/v1/suppliers?{queryString}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.Contains(parameter, json.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(parameter, json.GetProperty("invalidParams")[0].GetProperty("name").GetString());
        Assert.True(response.Headers.Contains("API-Version"));
    }

    [Fact]
    public async Task One_supplier_by_id_or_404_problem_json_and_400_for_a_malformed_id()
    {
        var (found, json) = await GetAsync($"/api/v1/suppliers/{DemoPersons.SchoonEnSociaalId}");
        var (missing, problem) = await GetAsync($"/api/v1/suppliers/{Guid.NewGuid()}");
        var (malformed, invalid) = await GetAsync("/api/v1/suppliers/niet-een-id");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("34123456", json.GetProperty("kvkNumber").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("id", invalid.GetProperty("invalidParams")[0].GetProperty("name").GetString());
    }
}

/// <summary>Broad text queries count at most 1,000 results (product.md).</summary>
public sealed class SupplierApiTotalCapTests : IAsyncLifetime
{
    private readonly KipAppFactory _app = new(new Dictionary<string, string?> { ["Kip:DemoData"] = "false" });

    public async Task InitializeAsync()
    {
        _app.StartServer();
        var factory = (Microsoft.EntityFrameworkCore.IDbContextFactory<KipDbContext>)_app.Services.GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<KipDbContext>))!;
        await using var db = await factory.CreateDbContextAsync();
        for (var i = 0; i < 1_050; i++)
        {
            var organisation = Organisation.Register(Guid.NewGuid(), KvkNumber.Parse($"{50_000_000 + i}"), $"Bakkerij Het Volkoren {i}", LegalForm.Bv, Municipality.Haarlem);
            organisation.RequestAdmission("Werk voor iedereen.");
            organisation.Admit(new DateOnly(2026, 1, 1));
            db.Organisations.Add(organisation);
            db.Profiles.Add(new OrganisationProfile { OrganisationId = organisation.Id, Description = "Bakkerij met leerwerkplekken.", Offer = "Brood", Categories = ["catering"] });
        }

        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_broad_text_query_caps_its_total_at_1000_and_says_so()
    {
        using var client = _app.CreateHttpClient();
        var broad = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/suppliers?query=bakkerij", UriKind.Relative))).RootElement;
        var unfiltered = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/suppliers", UriKind.Relative))).RootElement;

        Assert.Equal(1000, broad.GetProperty("total").GetInt32());
        Assert.True(broad.GetProperty("totalIsCapped").GetBoolean());
        Assert.Equal(1050, unfiltered.GetProperty("total").GetInt32());
        Assert.False(unfiltered.GetProperty("totalIsCapped").GetBoolean());
    }
}
