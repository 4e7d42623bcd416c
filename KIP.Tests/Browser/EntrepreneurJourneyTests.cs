using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// The entrepreneur's journey in a browser, signed in through the real OIDC flow: register, get admitted by the
/// coordination team (a second browser context), fill in the form with live feedback and an upload, reload half-way
/// and find everything, submit, see the status. Its own app, as it changes data other browser tests read.
/// </summary>
public sealed partial class EntrepreneurJourneyTests : IAsyncLifetime
{
    private const string Mission = "Wij onderhouden tuinen met mensen die lang zonder werk waren en leiden hen op tot hovenier.";

    private readonly BrowserFixture _browser = new();

    public Task InitializeAsync() => _browser.InitializeAsync();

    public Task DisposeAsync() => _browser.DisposeAsync();

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task A_new_entrepreneur_registers_is_admitted_fills_in_the_form_survives_a_reload_and_submits()
    {
        // Sign in through the demo authority and register.
        var page = await _browser.SignInAsync(DemoPersons.SroiOfficer, "/organisaties/registreren");
        await using var context = page.Context;
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Organisatie registreren");
        await BrowserFixture.AssertAccessibleAsync(page);

        // A logo: a ".png" that is text is refused by its content, with the problem named; a real JPEG is resized and previewed.
        await page.GetByTestId("logo-upload").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "geen plaatje"u8.ToArray() });
        await Assertions.Expect(page.GetByTestId("logo-error")).ToContainTextAsync("Het bestand logo.png is geen PNG-, JPEG- of WebP-afbeelding.");
        await page.GetByTestId("logo-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "logo.jpg",
            MimeType = "image/jpeg",
            Buffer = KIP.Tests.Components.Pages.Entrepreneurs.LogoTests.Image(900, 450, SkiaSharp.SKEncodedImageFormat.Jpeg),
        });
        await Assertions.Expect(page.GetByTestId("logo-preview")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("logo-error")).ToHaveCountAsync(0);

        await page.GetByTestId("reg-kvk").FillAsync("1234");
        await page.GetByTestId("register-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("Een KvK-nummer bestaat uit precies 8 cijfers.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Vul de naam van de organisatie in.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("logo-pending")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("reg-kvk").FillAsync("76543210");
        await page.GetByTestId("reg-name").FillAsync("Hoveniers met Kansen");
        await ChooseAsync(page, "reg-legalForm", "Eenmanszaak");
        await page.GetByTestId("reg-foundedOn").FillAsync("2018-04-01");
        await page.GetByTestId("reg-employees").FillAsync("0");
        await ChooseAsync(page, "reg-establishedIn", "Beverwijk");
        await page.GetByTestId("reg-contactName").FillAsync("Lotte Mulder");
        await page.GetByTestId("register-submit").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{_browser.BaseUrl}/mijn-organisatie");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Hoveniers met Kansen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("admission-status")).ToHaveTextAsync("Geregistreerd, nog geen toelating aangevraagd");
        await Assertions.Expect(page.GetByTestId("logo-preview")).ToHaveAttributeAsync("alt", "Logo van Hoveniers met Kansen");
        var manageUrl = page.Url;
        var organisationId = ManageUrl().Match(manageUrl).Groups[1].Value;

        // Not admitted yet: its logo is not public.
        using (var anonymous = new HttpClient { BaseAddress = new Uri(_browser.BaseUrl) })
        {
            using var hidden = await anonymous.GetAsync(new Uri($"/logos/{organisationId}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
        }

        await page.GetByTestId("admission-ambition").FillAsync("Groen werk voor mensen met afstand tot de arbeidsmarkt.");
        await page.GetByTestId("request-admission").ClickAsync();
        await Assertions.Expect(page.GetByTestId("admission-status")).ToHaveTextAsync("Toelating aangevraagd, wacht op het coördinatieteam");

        // The coordination team admits, in its own browser context.
        var queue = await _browser.SignInAsync(DemoPersons.Coordinator, "/coordinatie/toelating");
        await using (queue.Context)
        {
            await BrowserFixture.AssertAccessibleAsync(queue);
            var item = queue.GetByTestId("admission-item").Filter(new() { HasText = "Hoveniers met Kansen" });
            await item.GetByTestId("admit").ClickAsync();
            await queue.GetByRole(AriaRole.Button, new() { Name = "Bevestigen" }).ClickAsync();
            await Assertions.Expect(item).ToHaveCountAsync(0);
        }

        await page.GotoAsync(manageUrl);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("admission-status")).ToHaveTextAsync("Toegelaten");

        // Admitted: the public profile shows the logo, resized to fit 256 × 256, with the organisation's name as its alt text.
        var profile = await context.NewPageAsync();
        await profile.GotoAsync($"/aanbod/{organisationId}");
        await BrowserFixture.WaitUntilInteractiveAsync(profile);
        var logo = profile.GetByTestId("profile-logo");
        await Assertions.Expect(logo).ToHaveAttributeAsync("alt", "Logo van Hoveniers met Kansen");
        await Assertions.Expect(logo).ToHaveJSPropertyAsync("complete", true);
        Assert.Equal(256, await logo.EvaluateAsync<int>("img => img.naturalWidth"));
        Assert.Equal(128, await logo.EvaluateAsync<int>("img => img.naturalHeight"));
        await BrowserFixture.AssertAccessibleAsync(profile);

        // And on its card in the directory.
        await profile.GotoAsync("/aanbod?query=Hoveniers%20met%20Kansen");
        await BrowserFixture.WaitUntilInteractiveAsync(profile);
        var card = profile.GetByTestId("supplier").Filter(new() { HasText = "Hoveniers met Kansen" });
        await Assertions.Expect(card.GetByTestId("supplier-logo")).ToHaveAttributeAsync("alt", "Logo van Hoveniers met Kansen");
        await BrowserFixture.AssertAccessibleAsync(profile);
        await profile.CloseAsync();
        await page.GetByTestId("open-assessment").ClickAsync();
        var form = new AssessmentFormScreen(page);
        await form.StartAsync();
        await Assertions.Expect(form.Title).ToHaveTextAsync("Aanvraag erkenning sociaal ondernemer");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Claim startup-zzp; the mission's live feedback turns met as it is typed.
        await form.ClaimAndGoToEvidenceAsync("startup-zzp");
        var mission = form.Field("socialMission");
        await mission.FillAsync("Wij onderhouden tuinen");
        var feedback = form.Feedback("startup-zzp");
        await Assertions.Expect(feedback).ToContainTextAsync("De maatschappelijke missie is korter dan 50 tekens.");
        await Assertions.Expect(feedback).ToHaveAttributeAsync("data-met", "false");
        await mission.FillAsync(Mission);
        await Assertions.Expect(feedback).ToHaveAttributeAsync("data-met", "true");
        await form.UploadAsync("startup-zzp", new FilePayload
        {
            Name = "missie.pdf",
            MimeType = "application/pdf",
            Buffer = [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[32]],
        });
        await Assertions.Expect(form.EvidenceDocument).ToHaveTextAsync("missie.pdf");
        await form.UploadAsync("startup-zzp", new FilePayload { Name = "nep.pdf", MimeType = "application/pdf", Buffer = "MZ not a pdf"u8.ToArray() });
        await Assertions.Expect(page.GetByTestId("upload-error")).ToContainTextAsync("geen PDF, PNG of JPEG");
        await Assertions.Expect(form.AutosaveStatus).ToContainTextAsync("Automatisch bewaard om");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Reload half-way: the form opens on the step it was on, with everything typed and uploaded.
        await page.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(form.Field("socialMission")).ToHaveValueAsync(Mission);
        await Assertions.Expect(page.GetByTestId("to-review")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("to-evidence")).Not.ToBeVisibleAsync();
        await Assertions.Expect(form.Feedback("startup-zzp")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(form.EvidenceDocument).ToHaveTextAsync("missie.pdf");

        // Review and submit; the status page shows it.
        await page.GetByTestId("to-review").ClickAsync();
        await page.GetByTestId("assessment-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AanvragenUrl());
        await Assertions.Expect(page.GetByTestId("application-status")).ToHaveTextAsync("Ingediend");
        await Assertions.Expect(page.GetByTestId("timeline-step")).ToHaveCountAsync(2);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [GeneratedRegex("/organisaties/([0-9a-f-]{36})/beheer$")]
    private static partial Regex ManageUrl();

    [GeneratedRegex("/organisaties/[0-9a-f-]{36}/aanvragen$")]
    private static partial Regex AanvragenUrl();
}
