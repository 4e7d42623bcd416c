using System.Globalization;
using System.Text.RegularExpressions;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Overview;
using KIP.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// The region's picture (<c>/coordinatie/overzicht</c>) as the coordinator and an SROI officer reach it from their home
/// pages: every chart has a table with the same numbers, the page is axe-clean, and others are kept out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegionOverviewBrowserTests(BrowserFixture browser)
{
    private static readonly CultureInfo Dutch = new("nl-NL");

    private async Task<RegionOverview> DatabaseOverviewAsync()
    {
        using var scope = browser.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegionOverviewService>().LoadAsync();
    }

    private async Task<IPage> SignedInAsync(IBrowserContext context, string path, Guid person)
    {
        var page = await context.NewPageAsync();

        // The first page of a cold app on a busy machine may take longer than an expectation's usual wait.
        await page.GotoAsync(path, new() { Timeout = 60_000 });
        await page.GetByTestId($"demo-{person}").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}{path}");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task The_coordinator_opens_the_overview_from_the_coordination_home_and_every_table_holds_the_databases_numbers()
    {
        await using var context = await browser.NewContextAsync();
        var page = await SignedInAsync(context, "/coordinatie", DemoPersons.Coordinator);

        await page.GetByTestId("overview-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}{RegionOverviewPage.Url}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overzicht van de regio");
        await Assertions.Expect(page.GetByTestId("organisations-table")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        var expected = await DatabaseOverviewAsync();

        // Organisations: one row per municipality of establishment, with the total in the last column.
        var organisations = page.GetByTestId("organisations-table");
        await Assertions.Expect(organisations.Locator("caption")).ToContainTextAsync($"{expected.AdmittedTotal} toegelaten organisaties");
        await Assertions.Expect(organisations.GetByTestId("organisations-row")).ToHaveCountAsync(expected.Organisations.Count);
        var haarlem = expected.Organisations.Single(r => r.Municipality == Municipality.Haarlem);
        var haarlemRow = organisations.GetByTestId("organisations-row").Filter(new() { Has = page.Locator("th", new() { HasTextString = "Haarlem" }) });
        await Assertions.Expect(haarlemRow.Locator("td").Last).ToHaveTextAsync(haarlem.Total.ToString(Dutch));
        await Assertions.Expect(page.GetByTestId("organisations-chart").Locator("svg").First).ToBeAttachedAsync();

        // Recognitions: the six criteria by name, and how many organisations are recognised today.
        await Assertions.Expect(page.GetByTestId("recognitions-row")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("recognitions-table").Locator("th[scope='col']").Last).ToHaveTextAsync("Geldig vandaag");
        await Assertions.Expect(page.GetByTestId("recognised-today")).ToHaveTextAsync($"Vandaag zijn {expected.RecognisedToday} organisaties erkend als sociaal ondernemer.");

        // Temporary badges ending within 90 days: Studio Zeewind's grace period ends in the demo data.
        var zeewind = expected.TemporaryBadges.Single(b => b.Name == "Studio Zeewind");
        var zeewindRow = page.GetByTestId("temporary-row").Filter(new() { HasTextString = "Studio Zeewind" });
        await Assertions.Expect(zeewindRow).ToContainTextAsync(zeewind.LastDay.ToString("d MMMM yyyy", Dutch));
        await Assertions.Expect(zeewindRow).ToContainTextAsync($"{zeewind.DaysLeft(expected.Today)} dagen");
        await Assertions.Expect(page.GetByTestId("temporary-row")).ToHaveCountAsync(expected.TemporaryBadges.Count);

        // Meetings: this year held against the required two.
        var thisYear = expected.Meetings.Single(m => m.Year == expected.Today.Year);
        var yearRow = page.GetByTestId("meetings-row").Filter(new() { Has = page.Locator("th", new() { HasTextString = expected.Today.Year.ToString(CultureInfo.InvariantCulture) }) });
        await Assertions.Expect(yearRow.Locator("td").Nth(0)).ToHaveTextAsync(thisYear.Held.ToString(Dutch));
        await Assertions.Expect(yearRow.Locator("td").Nth(1)).ToHaveTextAsync(thisYear.Planned.ToString(Dutch));
        await Assertions.Expect(yearRow.Locator("td").Nth(2)).ToHaveTextAsync("2");

        // A name in the list leads to the organisation's profile; the back button returns to the overview.
        await zeewindRow.GetByRole(AriaRole.Link, new() { Name = "Studio Zeewind" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/aanbod/{zeewind.OrganisationId}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Studio Zeewind");
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}{RegionOverviewPage.Url}");
        await Assertions.Expect(page.GetByTestId("temporary-row").Filter(new() { HasTextString = "Studio Zeewind" })).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_sroi_officer_opens_the_overview_from_the_procurement_home_in_Dutch_and_in_English()
    {
        await using var context = await browser.NewContextAsync();
        var page = await SignedInAsync(context, "/inkoop", DemoPersons.SroiOfficer);

        await page.GetByTestId("overview-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Overzicht van de regio");
        await Assertions.Expect(page.GetByTestId("meetings-table").Locator("caption")).ToContainTextAsync("minstens 2 keer per jaar");
        await Assertions.Expect(page.GetByTestId("section-sroi")).ToContainTextAsync("SROI-besteding bij keurmerkhouders per gemeente en kwartaal");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The language switch in the app bar turns the picture English, tables and all.
        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Regional overview");
        await Assertions.Expect(page.GetByTestId("recognitions-table").Locator("th[scope='col']").Last).ToHaveTextAsync("Valid today");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_and_an_entrepreneur_is_refused()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(RegionOverviewPage.Url);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/demo-aanmelden"));

        await page.GetByTestId($"demo-{DemoPersons.Entrepreneur}").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/geen-toegang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Geen toegang");
        await Assertions.Expect(page.GetByText("Overzicht van de regio")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
