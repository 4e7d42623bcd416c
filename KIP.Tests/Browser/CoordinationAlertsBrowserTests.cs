using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// Coordinator Ahmed Yilmaz acts on what the coordination team must hear of (rulebook §5), revokes one recognition
/// found by search (§2), and appoints only from recognised organisations. A fixture of its own: these tests change
/// seats and recognitions that the shared browser tests count on.
/// </summary>
public sealed class CoordinationAlertsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The first visit of a fresh app on a busy machine may take longer than a click.
    private Task<IPage> SignedInCoordinatorAsync(string path) => BrowserSignIn.AsAsync(browser.Browser, browser.BaseUrl, DemoPersons.Coordinator, path, timeout: 60_000);

    private async Task<int> MailsAsync(string subjectPart)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.CountAsync(m => m.Subject.Contains(subjectPart));
    }

    [Fact]
    public async Task An_emptied_seat_reaches_the_dashboard_the_notifications_and_the_mailbox_once()
    {
        var page = await SignedInCoordinatorAsync(CoordinationHome.Url);
        await using var context = page.Context;
        var job = browser.App.Services.GetRequiredService<CoordinationAlertJob>();

        // All seats held, no term ending within 30 days: nothing to act on.
        await Assertions.Expect(page.GetByTestId("coordination-alerts-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("coordination-alert")).ToHaveCountAsync(0);

        // Ahmed ends Henk Smit's term; the seats page warns at once.
        await page.GetByTestId("seats-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Zetels en termijnen");
        await page.GetByTestId("end-term-haarlem-werk-inkomen").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Henk Smit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Termijn beëindigen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("seat-haarlem-werk-inkomen")).ToContainTextAsync("Niemand bekleedt deze zetel vandaag.");
        await Assertions.Expect(page.GetByTestId("seat-warning-SeatEmpty")).ToContainTextAsync("Haarlem Werk en Inkomen");

        // The job's pass (hourly in the app) tells the team: once, however often it runs.
        Assert.Equal(1, await job.RunOnceAsync(default));
        Assert.Equal(0, await job.RunOnceAsync(default));
        Assert.Equal(2, await MailsAsync("een zetel is onbezet")); // Ahmed and Eva de Boer, one e-mail each

        await page.GotoAsync(CoordinationHome.Url);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var alert = page.GetByTestId("coordination-alert");
        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await Assertions.Expect(alert).ToContainTextAsync("De zetel Haarlem Werk en Inkomen is onbezet: benoem een lid.");
        await Assertions.Expect(page.GetByTestId("coordination-alerts-empty")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        await alert.GetByRole(AriaRole.Link, new() { Name = "Bekijken" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}{SeatsPage.Url}");

        await page.GotoAsync("/meldingen");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var notification = page.GetByTestId("notification").Filter(new() { HasText = "Haarlem Werk en Inkomen" });
        await Assertions.Expect(notification).ToHaveCountAsync(1);
        await Assertions.Expect(notification.GetByTestId("notification-text")).ToHaveTextAsync("De zetel Haarlem Werk en Inkomen is onbezet: benoem een lid.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await notification.GetByTestId("mark-read").ClickAsync();
        await Assertions.Expect(notification).ToHaveAttributeAsync("data-read", "true");
        await notification.GetByTestId("notification-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}{SeatsPage.Url}");
    }

    [Fact]
    public async Task The_business_seat_offers_only_organisations_recognised_today_and_says_why_not_the_others()
    {
        var page = await SignedInCoordinatorAsync(SeatsPage.Url);
        await using var context = page.Context;
        await Assertions.Expect(page.GetByTestId("seat-business").Locator("th")).ToHaveTextAsync("Bedrijfsleven");

        // Pieter Bakker acts for Catering Met Kansen, recognised: it is chosen for him.
        await page.GetByTestId("appoint-person").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Pieter Bakker") }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("appoint-organisation")).ToContainTextAsync("Catering Met Kansen");

        // Sanne de Vries acts only for De Fietsenmakerij Haarlem, not recognised: shown, disabled, with the reason.
        await page.GetByTestId("appoint-person").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Sanne de Vries") }).ClickAsync();
        await Assertions.Expect(page.GetByText("vraagt iemand van een erkende organisatie")).ToBeVisibleAsync();
        await page.GetByTestId("appoint-organisation").ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("De Fietsenmakerij Haarlem") });
        await Assertions.Expect(option).ToContainTextAsync("niet erkend, kan deze zetel niet leveren");
        await Assertions.Expect(option).ToBeDisabledAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("appoint-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("appoint-error")).ToContainTextAsync("moet komen van een organisatie die nu erkend is");
    }

    [Fact]
    public async Task One_recognition_is_found_chosen_and_revoked_only_after_an_explicit_choice_and_confirmation()
    {
        var page = await SignedInCoordinatorAsync(RevocationPage.Url);
        await using var context = page.Context;
        var search = page.Locator("input[data-testid='revoke-search'], [data-testid='revoke-search'] input").First;
        var form = page.GetByTestId("revoke-organisation");

        // One search box, no form per organisation.
        await Assertions.Expect(form).ToHaveCountAsync(0);
        await search.FillAsync("zzzq");
        await Assertions.Expect(page.GetByTestId("revoke-no-match")).ToBeVisibleAsync();

        // By KvK number, then pick it.
        await search.FillAsync("41234567");
        var choice = page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Koffiebranderij Spaarne") });
        await Assertions.Expect(choice).ToHaveCountAsync(1);
        await choice.ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(1);
        await Assertions.Expect(form.Locator("h2")).ToHaveTextAsync("Koffiebranderij Spaarne");
        await Assertions.Expect(form.GetByRole(AriaRole.Radio, new() { Checked = true })).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        // A reason but no choice: a field message, no dialog, nothing revoked.
        await form.Locator("textarea[data-testid='revoke-reason'], [data-testid='revoke-reason'] textarea").First.FillAsync("Inschrijving in het register van de Code Sociale Ondernemingen is doorgehaald.");
        await form.GetByTestId("revoke-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Kies wat u intrekt: de hele erkenning of één criterium.");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        // Choose, then cancel in the dialog: still recognised.
        await form.GetByText("de hele erkenning", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(form).Not.ToContainTextAsync("Kies wat u intrekt");
        await form.GetByTestId("revoke-submit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Weet u het zeker? De hele erkenning van Koffiebranderij Spaarne wordt vanaf vandaag ingetrokken.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("revoke-done")).ToHaveCountAsync(0);
        var sroi = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(sroi, "/sroi?query=koffiebranderij");
        await Assertions.Expect(sroi.GetByText("Koffiebranderij Spaarne")).Not.ToHaveCountAsync(0);

        // Confirm: revoked, and it leaves the SROI page at once.
        await form.GetByTestId("revoke-submit").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Intrekken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("revoke-done")).ToHaveTextAsync("De intrekking voor Koffiebranderij Spaarne is vastgelegd.");
        await Assertions.Expect(form).ToHaveCountAsync(0);
        await BrowserFixture.VisitAsync(sroi, "/sroi?query=koffiebranderij");
        await Assertions.Expect(sroi.Locator("h1")).ToHaveTextAsync("SROI-pagina: erkende sociale ondernemers");
        await Assertions.Expect(sroi.GetByText("Koffiebranderij Spaarne")).ToHaveCountAsync(0);

        // No longer to be found for revocation.
        await search.FillAsync("Koffie");
        await Assertions.Expect(page.GetByTestId("revoke-no-match")).ToBeVisibleAsync();
    }
}
