using System.Net;
using System.Text.Json;
using KIP.Domain;

namespace KIP.Tests.Api;

/// <summary>The OpenAPI document and GET /api/v1/criteria (product.md, "Public API"); the ruleset itself runs in tools/lint-api.sh.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiFixture api)
{
    [Fact]
    public async Task The_OpenAPI_3_document_is_served_anonymously_as_valid_JSON_with_servers_contact_and_version()
    {
        using var response = await api.Client.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("1.0.0", document.GetProperty("info").GetProperty("version").GetString());
        var contact = document.GetProperty("info").GetProperty("contact");
        Assert.All(["name", "email", "url"], p => Assert.False(string.IsNullOrEmpty(contact.GetProperty(p).GetString())));
        Assert.EndsWith("/api/v1", document.GetProperty("servers")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["/criteria", "/eligibility-checks", "/sroi/contracts", "/sroi/contracts/{id}", "/suppliers", "/suppliers/{id}"], paths);
        var post = document.GetProperty("paths").GetProperty("/eligibility-checks").GetProperty("post");
        Assert.True(post.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("API-Version", out _));
        Assert.True(post.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var request = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.False(request.TryGetProperty("required", out _), "every request field is optional");
        Assert.Equal("date", request.GetProperty("properties").GetProperty("foundedOn").GetProperty("format").GetString());
    }

    [Fact]
    public async Task Criteria_lists_the_six_from_the_domain_definitions_in_order()
    {
        using var response = await api.Client.GetAsync(new Uri("/api/v1/criteria", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var criteria = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Equal(CriterionCode.All.Select(c => c.Value), criteria.Select(c => c.GetProperty("code").GetString()));
        var pso = criteria[2];
        Assert.Equal(Criteria.Get(CriterionCode.Pso30Plus).TitleNl, pso.GetProperty("titleNl").GetString());
        Assert.Equal(Criteria.Get(CriterionCode.Pso30Plus).TitleEn, pso.GetProperty("titleEn").GetString());
        Assert.Equal(Criteria.Get(CriterionCode.Pso30Plus).EvidenceNl, pso.GetProperty("evidenceNl").GetString());
        Assert.Equal(Criteria.Get(CriterionCode.Pso30Plus).ValidityEn, pso.GetProperty("validityEn").GetString());
    }
}
