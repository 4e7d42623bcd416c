using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
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
        // Mehmet, entrepreneur of the admitted Schoon & Sociaal, opens a new assessment form.
        var url = $"/organisaties/{DemoPersons.SchoonEnSociaalId}/aanvraag";
        var page = await BrowserSignIn.AsAsync(browser, app.BaseUrl, DemoPersons.OtherEntrepreneur, url, timeout: 20_000);
        var context = page.Context;
        var form = new AssessmentFormScreen(page);
        await form.StartAsync();

        // Claims (waiting, as a person does, until the page has taken them), then on the evidence step a half-typed
        // mission and a B Corp valid-until before its certification.
        await form.ClaimAndGoToEvidenceAsync("startup-zzp", "b-corp");
        await form.Field("socialMission").FillAsync(HalfTypedMission);
        await form.Field("bCorpCertifiedOn").FillAsync("2025-05-01");
        await form.Field("bCorpValidUntil").FillAsync("2024-01-31");
        var bCorp = form.Criterion("b-corp");
        await Assertions.Expect(bCorp).ToContainTextAsync("mag niet vóór de datum van de B Corp-certificering liggen");

        // What the user waits for: the form says it has saved.
        var status = form.AutosaveStatus;
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

        await Assertions.Expect(form.Field("socialMission")).ToHaveValueAsync(HalfTypedMission);
        await Assertions.Expect(form.Field("bCorpCertifiedOn")).ToHaveValueAsync("2025-05-01");
        await Assertions.Expect(form.Field("bCorpValidUntil")).ToHaveValueAsync("2024-01-31");
        await Assertions.Expect(bCorp).ToContainTextAsync("mag niet vóór de datum van de B Corp-certificering liggen");
        await Assertions.Expect(form.Feedback("startup-zzp")).ToContainTextAsync("Verbeter de invoer hierboven");

        // The evidence step shows a section for each claimed criterion, and only those.
        await Assertions.Expect(form.Criterion("startup-zzp")).ToBeVisibleAsync();
        await Assertions.Expect(form.Criterion("pso-30-plus")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
