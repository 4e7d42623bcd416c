using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Security;

/// <summary>
/// The Content-Security-Policy in a real browser (ASVS 5.0 V3.4.3): the app's main pages — public, signing in, a
/// signed-in page per role, the live session page — work under it, interactive, and the browser reports no violation
/// (a <c>securitypolicyviolation</c> listener; a violation would also show as a console error, which fails any test).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CspBrowserTests(BrowserFixture fixture)
{
    private const string Listener =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
        "window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

    private static async Task<IBrowserContext> WatchedContextAsync(BrowserFixture fixture)
    {
        var context = await fixture.NewContextAsync();
        await context.AddInitScriptAsync(Listener);
        return context;
    }

    private static async Task AssertNoViolationAsync(IPage page)
    {
        var csp = await page.EvaluateAsync<string?>("() => document.querySelector('script[type=importmap]')?.nonce ?? null");
        Assert.False(string.IsNullOrEmpty(csp), $"the import map on {page.Url} has no nonce");
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(violations.Length == 0, $"CSP violations on {page.Url}:\n{string.Join("\n", violations)}");
    }

    private static async Task SignInAsync(IPage page, Guid person, string path)
    {
        await page.GotoAsync(path);
        await AssertNoViolationAsync(page);
        await page.GetByTestId($"demo-{person}").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"));
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoViolationAsync(page);
    }

    [Fact]
    public async Task V3_4_3_Public_pages_work_interactively_under_the_CSP_with_no_violation()
    {
        var context = await WatchedContextAsync(fixture);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/", "/sroi", "/erkenningscheck", "/toegankelijkheid" })
        {
            await BrowserFixture.VisitAsync(page, path);
            await AssertNoViolationAsync(page);
        }

        // The sign-in page stays plain HTML (no circuit): it still loads its scripts and styles under the CSP.
        await page.GotoAsync("/aanmelden");
        await BrowserFixture.AssertAccessibleAsync(page);
        await AssertNoViolationAsync(page);

        // The directory's search runs over the circuit (WebSocket under connect-src 'self'): results narrow as one types.
        await BrowserFixture.VisitAsync(page, "/aanbod");
        await page.GetByLabel("Zoeken op naam, dienst of plaats").PressSequentiallyAsync("schoon");
        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync("4 organisaties gevonden");
        await page.GetByRole(AriaRole.Link, new() { Name = "Schoonmaakbedrijf Schoon & Sociaal" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Schoonmaakbedrijf Schoon & Sociaal");
        await AssertNoViolationAsync(page);

        // The language switch (a plain link and a redirect) and back.
        await page.GotoAsync("/taal?cultuur=en&terug=%2Faanbod");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await AssertNoViolationAsync(page);
        await page.GotoAsync("/taal?cultuur=nl&terug=%2Faanbod");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await AssertNoViolationAsync(page);
        await context.CloseAsync();
    }

    [Fact]
    public async Task V3_4_3_Signing_in_each_role_and_its_pages_and_signing_out_run_under_the_CSP_with_no_violation()
    {
        foreach (var (person, path) in new[]
        {
            (DemoPersons.SroiOfficer, "/inkoop"),
            (DemoPersons.Coordinator, "/coordinatie"),
            (DemoPersons.Chair, "/commissie"),
            (DemoPersons.Entrepreneur, "/mijn-organisatie"),
        })
        {
            var context = await WatchedContextAsync(fixture);
            var page = await context.NewPageAsync();
            await SignInAsync(page, person, path);

            // Signing out is a form post to KIP and on to the provider (form-action): it ends on the home page.
            await page.GetByTestId("sign-out").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(fixture.BaseUrl + "/");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await AssertNoViolationAsync(page);
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task V3_4_3_The_officers_search_export_and_the_live_session_page_run_under_the_CSP_with_no_violation()
    {
        var context = await WatchedContextAsync(fixture);
        var officer = await context.NewPageAsync();
        await SignInAsync(officer, DemoPersons.SroiOfficer, "/inkoop");
        var download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByTestId("export-search").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        await AssertNoViolationAsync(officer);

        Guid meeting;
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync())
        {
            meeting = (await db.Meetings.OrderBy(m => m.Date).FirstAsync()).Id;
        }

        var chairContext = await WatchedContextAsync(fixture);
        var chair = await chairContext.NewPageAsync();
        await SignInAsync(chair, DemoPersons.Chair, SessionPage.UrlFor(meeting));
        await Assertions.Expect(chair.GetByTestId("session-status")).ToBeVisibleAsync();
        await AssertNoViolationAsync(chair);
        await context.CloseAsync();
        await chairContext.CloseAsync();
    }
}
