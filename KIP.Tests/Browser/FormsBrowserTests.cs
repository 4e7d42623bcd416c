using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// Each submit says at each field what is wrong now; Sanne
/// saves her demo profile unchanged; the assessment form says exactly why it cannot start and links to the application;
/// one pair of step buttons; an upload shows that it is being sent; a printable summary. Its own app (it saves data),
/// shared by these tests: each works on its own organisation or saves nothing another reads.
/// </summary>
public sealed class FormsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private Task<IPage> SignedInAsync(string path, Guid person) => browser.SignInAsync(person, path);

    /// <summary>The message shown under a field (the MudBlazor input control around the element with this test id).</summary>
    private static ILocator MessageAt(IPage page, string testId) =>
        page.Locator(".mud-input-control", new() { Has = page.GetByTestId(testId) }).Last.Locator(".mud-input-helper-text.mud-input-error");

    private static async Task ExpectMessageAsync(IPage page, string testId, string? message)
    {
        if (message is null)
        {
            await Assertions.Expect(MessageAt(page, testId)).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(MessageAt(page, testId)).ToHaveTextAsync(message);
        }
    }

    [Fact]
    public async Task Registration_says_at_each_field_what_is_wrong_after_every_submit()
    {
        var page = await SignedInAsync("/organisaties/registreren", DemoPersons.SroiOfficer);
        await using var context = page.Context;

        await page.GetByTestId("register-submit").ClickAsync();
        await ExpectMessageAsync(page, "reg-kvk", "Vul het KvK-nummer in.");
        await ExpectMessageAsync(page, "reg-name", "Vul de naam van de organisatie in.");
        await ExpectMessageAsync(page, "reg-legalForm", "Kies de rechtsvorm.");
        await ExpectMessageAsync(page, "reg-worksIn", "De organisatie moet gevestigd zijn of werken in minstens een van de zeven gemeenten.");
        await ExpectMessageAsync(page, "reg-contactName", "Vul de naam van de contactpersoon in.");
        await Assertions.Expect(page.GetByTestId("register-errors")).ToHaveTextAsync("5 velden zijn niet goed ingevuld; zie de meldingen bij de velden.");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The product owner's case: a 7-digit KvK number, submitted again — the KvK field says why, the others still theirs.
        await page.GetByTestId("reg-kvk").FillAsync("1234567");
        await page.GetByTestId("register-submit").ClickAsync();
        await ExpectMessageAsync(page, "reg-kvk", "Een KvK-nummer bestaat uit precies 8 cijfers.");
        await ExpectMessageAsync(page, "reg-name", "Vul de naam van de organisatie in.");
        await ExpectMessageAsync(page, "reg-contactName", "Vul de naam van de contactpersoon in.");

        // Correct the KvK number and the name; a new mistake in the phone number, submitted with Enter from that field.
        await page.GetByTestId("reg-kvk").FillAsync("12345678");
        await page.GetByTestId("reg-name").FillAsync("Fietsen met Kansen");
        await page.GetByTestId("reg-publicPhone").FillAsync("023 234 567");
        await page.GetByTestId("reg-publicPhone").PressAsync("Enter");
        await ExpectMessageAsync(page, "reg-publicPhone", "Vul een geldig telefoonnummer in (10 tot 15 cijfers).");
        await ExpectMessageAsync(page, "reg-kvk", null);
        await ExpectMessageAsync(page, "reg-name", null);
        await ExpectMessageAsync(page, "reg-contactName", "Vul de naam van de contactpersoon in.");
        await Assertions.Expect(page.GetByTestId("register-errors")).ToHaveTextAsync("4 velden zijn niet goed ingevuld; zie de meldingen bij de velden.");
        await Assertions.Expect(page.GetByTestId("reg-name")).ToHaveValueAsync("Fietsen met Kansen");
    }

    [Fact]
    public async Task Sanne_saves_her_profile_unchanged_then_a_too_long_name_is_refused_at_the_field_until_corrected()
    {
        var page = await SignedInAsync($"/organisaties/{DemoPersons.FietsenmakerijId}/beheer", DemoPersons.Entrepreneur);
        await using var context = page.Context;
        await Assertions.Expect(page.GetByTestId("reg-name")).ToHaveValueAsync("De Fietsenmakerij Haarlem");

        await page.GetByTestId("profile-save").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Het profiel is bewaard.");
        await Assertions.Expect(page.GetByTestId("profile-errors")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("reg-name").FillAsync(new string('x', 260));
        await page.GetByTestId("profile-save").ClickAsync();
        await ExpectMessageAsync(page, "reg-name", "Deze tekst is te lang.");

        await page.GetByTestId("reg-contactPhone").FillAsync("06 123");
        await page.GetByTestId("profile-save").ClickAsync();
        await ExpectMessageAsync(page, "reg-name", "Deze tekst is te lang.");
        await ExpectMessageAsync(page, "reg-contactPhone", "Vul een geldig telefoonnummer in (10 tot 15 cijfers).");

        await page.GetByTestId("reg-name").FillAsync("De Fietsenmakerij Haarlem");
        await page.GetByTestId("reg-contactPhone").FillAsync("06 8123 4567");
        await page.GetByTestId("profile-save").ClickAsync();
        await ExpectMessageAsync(page, "reg-name", null);
        await ExpectMessageAsync(page, "reg-contactPhone", null);
        await Assertions.Expect(page.GetByTestId("profile-errors")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_open_application_is_named_with_a_link_and_its_summary_prints_without_the_menu()
    {
        // Sanne's organisation is admitted and its application is on the commission's agenda.
        var page = await SignedInAsync($"/organisaties/{DemoPersons.FietsenmakerijId}/aanvraag", DemoPersons.Entrepreneur);
        await using var context = page.Context;
        var unavailable = page.GetByTestId("assessment-unavailable");
        await Assertions.Expect(unavailable).ToHaveAttributeAsync("data-reason", "open-application");
        await Assertions.Expect(unavailable).ToContainTextAsync("uw organisatie heeft al een aanvraag met de status");
        await Assertions.Expect(unavailable).Not.ToContainTextAsync("niet toegelaten");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("unavailable-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("applications-title")).ToHaveTextAsync("Aanvragen van De Fietsenmakerij Haarlem");
        await page.GetByTestId("summary").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Samenvatting van uw aanvraag");
        await Assertions.Expect(page.GetByTestId("summary-organisation")).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(page.GetByTestId("summary-claimed")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("summary-submitted-on")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,2} [a-z]+ \d{4}$"));
        await BrowserFixture.AssertAccessibleAsync(page);

        // Printed: no app bar, no menu, no buttons — only the summary.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("print")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("summary-organisation")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }");
        await page.GetByTestId("print").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__printed === 1");

        // "My organisation": the admission and the application each on their own line, not "ToegelatenUw aanvraag".
        await page.GotoAsync("/mijn-organisatie");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var item = page.GetByTestId("my-organisation").Filter(new() { HasText = "De Fietsenmakerij Haarlem" });
        await Assertions.Expect(item.GetByTestId("application-status")).ToBeVisibleAsync();
        var text = await item.InnerTextAsync();
        Assert.DoesNotContain("ToegelatenUw", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(RenderedText.Glue(), text);
    }

    [Fact]
    public async Task The_form_has_one_pair_of_step_buttons_and_an_upload_shows_it_is_being_sent()
    {
        var page = await SignedInAsync($"/organisaties/{DemoPersons.SchoonEnSociaalId}/aanvraag", DemoPersons.OtherEntrepreneur);
        await using var context = page.Context;
        var form = new AssessmentFormScreen(page);
        await form.StartAsync();

        // Step 1: only "on to the evidence"; MudBlazor's own VORIGE/VOLGENDE are gone.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Volgende" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Vorige" })).ToHaveCountAsync(0);
        await Assertions.Expect(form.StepButtons).ToHaveTextAsync(["Verder naar het bewijs"]);
        await form.ClaimAndGoToEvidenceAsync("pso-30-plus");

        // Step 2: back and on, one of each.
        await Assertions.Expect(form.StepButtons).ToHaveTextAsync(["Terug naar de criteria", "Verder naar controleren en indienen"]);

        // A 6 MB PDF: the form says it is being sent until it is stored, then lists it.
        var pdf = new byte[6 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        await form.UploadAsync("pso-30-plus", new FilePayload { Name = "certificaat.pdf", MimeType = "application/pdf", Buffer = pdf }, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("upload-progress")).ToContainTextAsync("certificaat.pdf wordt verstuurd…");
        await Assertions.Expect(form.EvidenceDocument).ToHaveTextAsync("certificaat.pdf", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("upload-progress")).ToHaveCountAsync(0);

        // Back to the criteria with the back button; the claim is still there.
        await page.GetByTestId("back-to-criteria").ClickAsync();
        await Assertions.Expect(form.Claim("pso-30-plus")).ToBeCheckedAsync();
        await Assertions.Expect(form.StepButtons).ToHaveTextAsync(["Verder naar het bewijs"]);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
