using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.EligibilityCheck;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// An attacker's link as a person follows it in Chromium: a sign-in or language link whose return address points away
/// (V3.7.2) lands on KIP, and a date no one means in the quick scan gets a Dutch message the person can correct (V2.2.1).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class HostileLinkBrowserTests(BrowserFixture browser)
{
    /// <summary>Every host the browser asked for, to prove it never even tried the attacker's.</summary>
    private static List<string> WatchHosts(IBrowserContext context)
    {
        var hosts = new List<string>();
        context.Request += (_, request) => hosts.Add(new Uri(request.Url).Host);
        return hosts;
    }

    [Theory]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example%2Finkoop")]
    [InlineData("%2F%E2%80%AE%2Fevil.example")]
    [InlineData("%2F%0D%0A%2Fevil.example")]
    public async Task V3_7_2_A_person_signing_in_through_a_hostile_link_lands_signed_in_on_KIP(string encodedReturnUrl)
    {
        await using var context = await browser.NewContextAsync();
        var hosts = WatchHosts(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/authentication/login?returnUrl={encodedReturnUrl}");
        await Assertions.Expect(page).ToHaveURLAsync(DemoSignInAddress());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inloggen bij de KIP-demo");
        await page.GetByTestId($"demo-{DemoPersons.SroiOfficer}").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Lotte Mulder");
        Assert.DoesNotContain("evil.example", hosts);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task V3_7_2_A_hostile_language_link_switches_the_language_and_stays_on_KIP()
    {
        await using var context = await browser.NewContextAsync();
        var hosts = WatchHosts(context);
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/");
        await Assertions.Expect(page.GetByTestId("sign-in")).ToHaveTextAsync("Inloggen");

        await page.GotoAsync("/taal?cultuur=en-GB&terug=%2F%09%2Fevil.example");

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("sign-in")).ToHaveTextAsync("Sign in");

        await page.GotoAsync("/taal?cultuur=nl-NL&terug=%2F%5Cevil.example");

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("sign-in")).ToHaveTextAsync("Inloggen");
        Assert.DoesNotContain("evil.example", hosts);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task V2_2_1_A_far_future_date_typed_in_the_quick_scan_is_named_in_Dutch_and_can_be_corrected()
    {
        const string Range = "ligt buiten de datums die KIP kent: vul een datum in van 1 januari 1800 tot en met 31 december 2999.";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, QuickScan.Url);
        var checkDate = page.GetByLabel("Datum van de check", new() { Exact = true });
        var graceStart = page.GetByLabel("Begin van een eerdere startperiode", new() { Exact = true });

        await checkDate.FillAsync("9999-12-31");
        await Assertions.Expect(page.GetByText("Datum van de check " + Range)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("result-summary")).ToContainTextAsync("Verbeter de gemarkeerde velden");

        await graceStart.FillAsync("9999-12-31");
        await Assertions.Expect(page.GetByText("Begin van een eerdere startperiode " + Range)).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("graceStartedOn=9999-12-31"));
        await BrowserFixture.AssertAccessibleAsync(page);

        await checkDate.FillAsync("2026-11-26");
        await Assertions.Expect(page.GetByText("Datum van de check " + Range)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Begin van een eerdere startperiode " + Range)).ToBeVisibleAsync();

        await graceStart.FillAsync("2025-06-01");
        await Assertions.Expect(page.GetByText(new Regex("buiten de datums die KIP kent"))).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("criterion-startup-zzp")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(page.GetByTestId("criterion-startup-zzp")).ToContainTextAsync("31 mei 2027");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [GeneratedRegex("/account/demo-aanmelden")]
    private static partial Regex DemoSignInAddress();
}
