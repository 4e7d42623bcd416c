using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// KIP.Web killed (SIGKILL) while an entrepreneur fills in the assessment form, and started again on the
/// same data: after a reload everything typed is there — invalid half-typed values and the step included.
/// </summary>
public sealed class KilledMidDraftTests
{
    private const string HalfTypedMission = "Wij maken schoon met mensen die";

    private static ILocator Claim(IPage page, string code) =>
        page.Locator($"[data-testid=claim-{code}] input, input[data-testid=claim-{code}]");
    [Fact]
    public async Task Everything_typed_before_the_kill_is_there_after_the_restart()
    {
        await using var app = new AppProcess();
        await app.StartAsync();
        try
        {
            await FillKillAndReloadAsync(app);
        }
        catch (PlaywrightException e)
        {
            // The server's log says why a page did not show what was expected.
            throw new InvalidOperationException(e.Message + "\nKIP.Web output:\n" + app.Output, e);
        }
    }

    private static async Task FillKillAndReloadAsync(AppProcess app)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);
        var context = await BrowserFixture.NewContextAsync(browser, app.BaseUrl, timeout: 20_000);
        var page = await context.NewPageAsync();

        // Mehmet, entrepreneur of the admitted Schoon & Sociaal, opens a new assessment form.
        var url = $"/organisaties/{DemoPersons.SchoonEnSociaalId}/aanvraag";
        await page.GotoAsync(url);
        await page.GetByTestId($"demo-{DemoPersons.OtherEntrepreneur}").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("assessment-start").ClickAsync();
        await Assertions.Expect(page.GetByTestId("assessment-title")).ToBeVisibleAsync();

        // Claims, then on the evidence step a half-typed mission and a B Corp valid-until before its certification.
        await Claim(page, "startup-zzp").CheckAsync();
        await Claim(page, "b-corp").CheckAsync();

        // As a person does: wait until the page has taken the claims (its "no claims" hint goes, which moves the
        // buttons below it) before clicking on.
        await Assertions.Expect(page.GetByTestId("no-claims")).ToHaveCountAsync(0);
        await page.GetByTestId("to-evidence").ClickAsync();
        await page.GetByTestId("field-socialMission").FillAsync(HalfTypedMission);
        await page.GetByTestId("field-bCorpCertifiedOn").FillAsync("2025-05-01");
        await page.GetByTestId("field-bCorpValidUntil").FillAsync("2024-01-31");
        var bCorp = page.GetByTestId("criterion-b-corp");
        await Assertions.Expect(bCorp).ToContainTextAsync("mag niet vóór de datum van de B Corp-certificering liggen");

        // What the user waits for: the form says it has saved.
        var status = page.GetByTestId("autosave-status");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-saved", "yes");
        await Assertions.Expect(status).ToContainTextAsync("Automatisch bewaard om");

        // The outage is deliberate: the failed reconnects it causes are expected until the page has reloaded.
        using (BrowserProblems.Outage(context))
        {
            await app.KillAsync();
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
            await app.StartAsync();

            // Reload: the same step, the same claims, every value as typed, the same error.
            await page.GotoAsync(url);
            await BrowserFixture.WaitUntilInteractiveAsync(page);
        }

        await Assertions.Expect(page.GetByTestId("field-socialMission")).ToHaveValueAsync(HalfTypedMission);
        await Assertions.Expect(page.GetByTestId("field-bCorpCertifiedOn")).ToHaveValueAsync("2025-05-01");
        await Assertions.Expect(page.GetByTestId("field-bCorpValidUntil")).ToHaveValueAsync("2024-01-31");
        await Assertions.Expect(bCorp).ToContainTextAsync("mag niet vóór de datum van de B Corp-certificering liggen");
        await Assertions.Expect(page.GetByTestId("criterion-startup-zzp").GetByTestId("feedback")).ToContainTextAsync("Verbeter de invoer hierboven");

        // The evidence step shows a section for each claimed criterion, and only those.
        await Assertions.Expect(page.GetByTestId("criterion-startup-zzp")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("criterion-pso-30-plus")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
