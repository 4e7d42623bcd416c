using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KIP.Tests.Identity;
using KIP.Web.Data;
using KIP.Web.Sroi;

namespace KIP.Tests.Api;

/// <summary>
/// The read-only SROI API (<c>/api/v1/sroi/contracts</c>) on the demo data, through real sign-in sessions: who may read
/// what, problem+json for every refusal, and numbers that agree with the CSV export and the region's picture.
/// </summary>
[Collection(SignedInCollection.Name)]
public sealed class SroiApiTests(SignedInApp app) : IAsyncLifetime
{
    private const string Contracts = "/api/v1/sroi/contracts";

    private KipSession _duinzicht = default!;

    public async Task InitializeAsync()
    {
        _duinzicht = new KipSession(app.App.BaseUrl);
        var (response, _) = await _duinzicht.SignInAsDemoAsync(DemoPersons.ContractPartner);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public Task DisposeAsync()
    {
        _duinzicht.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1.0.0", response.Headers.GetValues("API-Version").Single());
        var problem = await JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task V8_2_1_Without_a_session_the_api_answers_401_problem_json_not_a_sign_in_redirect()
    {
        using var list = await app.Anonymous.GetAsync(Contracts);
        await AssertProblemAsync(list, HttpStatusCode.Unauthorized);
        using var one = await app.Anonymous.GetAsync($"{Contracts}/{SroiDemoData.DuinzichtBloemendaalContract}");
        await AssertProblemAsync(one, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task V8_2_1_An_entrepreneur_and_the_coordination_team_get_403_problem_json()
    {
        using var entrepreneur = await app.SessionOf(SignedInApp.Sanne).GetAsync(Contracts);
        await AssertProblemAsync(entrepreneur, HttpStatusCode.Forbidden);
        using var coordinator = await app.SessionOf(SignedInApp.Ahmed).GetAsync($"{Contracts}/{SroiDemoData.DuinzichtBloemendaalContract}");
        await AssertProblemAsync(coordinator, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task V8_2_2_A_contract_partner_reads_only_its_own_contracts_and_another_partners_contract_is_not_found()
    {
        using var list = await _duinzicht.GetAsync(Contracts);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await JsonAsync(list)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            [SroiDemoData.DuinzichtBloemendaalContract, SroiDemoData.DuinzichtHaarlemContract],
            items.Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.All(items, i => Assert.Equal(DemoPersons.DuinzichtKvk, i.GetProperty("partnerKvkNumber").GetString()));

        // Another municipality's contracts (Velsen: only Spaarnestad's) are not in the partner's answer.
        using var velsen = await _duinzicht.GetAsync($"{Contracts}?municipality=velsen");
        Assert.Empty((await JsonAsync(velsen)).GetProperty("items").EnumerateArray());

        using var other = await _duinzicht.GetAsync($"{Contracts}/{SroiDemoData.SpaarnestadVelsenContract}");
        await AssertProblemAsync(other, HttpStatusCode.NotFound);
        Assert.DoesNotContain("Spaarnestad", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var own = await _duinzicht.GetAsync($"{Contracts}/{SroiDemoData.DuinzichtBloemendaalContract}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task An_officer_filters_by_municipality_and_a_wrong_municipality_or_id_is_a_400_naming_the_field()
    {
        var officer = app.SessionOf(SignedInApp.Lotte);
        using var all = await officer.GetAsync(Contracts);
        Assert.Equal(4, (await JsonAsync(all)).GetProperty("items").GetArrayLength());

        using var bloemendaal = await officer.GetAsync($"{Contracts}?municipality=bloemendaal");
        var only = (await JsonAsync(bloemendaal)).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("bloemendaal", only.GetProperty("municipality").GetString());
        Assert.Equal("works", only.GetProperty("kind").GetString());

        using var wrong = await officer.GetAsync($"{Contracts}?municipality=amsterdam");
        await AssertProblemAsync(wrong, HttpStatusCode.BadRequest);
        var invalid = (await JsonAsync(wrong)).GetProperty("invalidParams").EnumerateArray().Single();
        Assert.Equal("municipality", invalid.GetProperty("name").GetString());

        using var badId = await officer.GetAsync($"{Contracts}/niet-een-id");
        await AssertProblemAsync(badId, HttpStatusCode.BadRequest);
        using var unknown = await officer.GetAsync($"{Contracts}/{Guid.NewGuid()}");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_apis_numbers_agree_with_the_csv_export_and_each_invoice_says_whether_it_counts()
    {
        var officer = app.SessionOf(SignedInApp.Lotte);
        using var response = await officer.GetAsync($"{Contracts}/{SroiDemoData.DuinzichtBloemendaalContract}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        var contract = json.GetProperty("contract");
        var invoices = json.GetProperty("invoices").EnumerateArray().ToList();
        var counted = invoices.Where(i => i.GetProperty("outcome").GetString() == "counts").Sum(i => i.GetProperty("countedAmount").GetDecimal());

        // The demo contract: two verified invoices from badge holders count, one waits for the officer.
        Assert.Equal(24_750.50m, counted);
        Assert.Equal(counted, contract.GetProperty("realisedFromInvoices").GetDecimal());
        Assert.Equal("not-verified", invoices.Single(i => i.GetProperty("invoiceNumber").GetString() == "SS-2025-0533").GetProperty("outcome").GetString());

        using var csv = await officer.GetAsync("/inkoop/sroi/bloemendaal/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var row = lines.Skip(1).Select(l => l.Split(';')).Single(r => r[0] == contract.GetProperty("reference").GetString());
        var dutch = new CultureInfo("nl-NL");
        Assert.Equal(contract.GetProperty("realised").GetDecimal(), decimal.Parse(row[Array.IndexOf(header, "Gerealiseerd (EUR)")], dutch));
        Assert.Equal(contract.GetProperty("obligation").GetDecimal(), decimal.Parse(row[Array.IndexOf(header, "Verplichting (EUR)")], dutch));
        Assert.Equal(contract.GetProperty("daysLeft").GetInt32(), int.Parse(row[Array.IndexOf(header, "Dagen tot einde")], CultureInfo.InvariantCulture));

        // The export is for officers only.
        using var partnerCsv = await _duinzicht.GetAsync("/inkoop/sroi/bloemendaal/export.csv");
        Assert.NotEqual(HttpStatusCode.OK, partnerCsv.StatusCode);
    }
}
