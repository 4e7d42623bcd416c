using System.Net;
using System.Text;
using KIP.Tests.Identity;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Procurement;

/// <summary>Exports and shared links over HTTP, signed in through the real OIDC flow.</summary>
[Collection(SignedInCollection.Name)]
public sealed class ProcurementAccessTests(SignedInApp app)
{
    private ShortlistService Service
    {
        get
        {
            var db = app.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();
            return new ShortlistService(db, new SupplierSearch(db, app.App.Services.GetRequiredService<ISupplierSearchSql>(), TimeProvider.System), TimeProvider.System);
        }
    }

    [Fact]
    public async Task An_officer_exports_all_rows_of_a_search_with_contact_persons_for_Dutch_Excel()
    {
        using var response = await app.SessionOf(SignedInApp.Lotte).GetAsync("/inkoop/export.csv?municipality=velsen&category=schoonmaak");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Naam;KvK-nummer;", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Schoonmaakbedrijf Schoon & Sociaal;34123456;", lines[1], StringComparison.Ordinal);
        Assert.Contains(";Mehmet Kaya;", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inkoop/export.csv")]
    [InlineData("/inkoop/export.csv?query=schoon")]
    public async Task Visitors_and_entrepreneurs_get_no_export(string url)
    {
        using var anonymous = await app.Anonymous.GetAsync(url);
        using var entrepreneur = await app.SessionOf(SignedInApp.Sanne).GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/authentication/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, entrepreneur.StatusCode);
        Assert.DoesNotContain("Mehmet", await entrepreneur.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V8_2_2_A_shortlist_exports_with_its_notes_for_its_owner_only()
    {
        var id = (await Service.CreateAsync(DemoPersons.SroiOfficer, "Export test")).Value;
        await Service.AddAsync(DemoPersons.SroiOfficer, id, DemoPersons.CateringMetKansenId);
        await Service.SaveNoteAsync(DemoPersons.SroiOfficer, id, DemoPersons.CateringMetKansenId, "Bellen in januari", shared: false);

        using var own = await app.SessionOf(SignedInApp.Lotte).GetAsync(ProcurementExport.ShortlistUrl(id));
        using var other = await app.SessionOf(SignedInApp.Eva).GetAsync(ProcurementExport.ShortlistUrl(id));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var text = Encoding.UTF8.GetString((await own.Content.ReadAsByteArrayAsync())[3..]);
        Assert.Contains(";Notitie\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Catering Met Kansen;", text, StringComparison.Ordinal);
        Assert.Contains(";Bellen in januari", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task V15_3_1_The_read_only_link_opens_without_an_account_and_shows_no_contact_person_or_private_note()
    {
        var id = (await Service.CreateAsync(DemoPersons.SroiOfficer, "Gedeelde lijst")).Value;
        await Service.AddAsync(DemoPersons.SroiOfficer, id, DemoPersons.SchoonEnSociaalId);
        await Service.AddAsync(DemoPersons.SroiOfficer, id, DemoPersons.CateringMetKansenId);
        await Service.SaveNoteAsync(DemoPersons.SroiOfficer, id, DemoPersons.SchoonEnSociaalId, "Goede referenties", shared: true);
        await Service.SaveNoteAsync(DemoPersons.SroiOfficer, id, DemoPersons.CateringMetKansenId, "Prijs te hoog", shared: false);
        var token = (await Service.GetAsync(DemoPersons.SroiOfficer, id))!.ShareToken;

        using var response = await app.Anonymous.GetAsync(SharedShortlistPage.UrlFor(token));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Gedeelde lijst", html, StringComparison.Ordinal);
        Assert.Contains("Schoonmaakbedrijf Schoon &amp; Sociaal", html, StringComparison.Ordinal);
        Assert.Contains("Goede referenties", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Prijs te hoog", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Mehmet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Pieter Bakker", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
    }
}
