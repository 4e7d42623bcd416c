using System.Globalization;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>
/// Every submit shows at each field what is wrong with it now (docs/decisions/009-form-validation.md):
/// submit, correct some, submit again with new mistakes, and read every field's message after each submit.
/// </summary>
public sealed class FormValidationTests : BunitContext, IAsyncLifetime
{
    private const string KvkRequired = "Vul het KvK-nummer in.";
    private const string KvkFormat = "Een KvK-nummer bestaat uit precies 8 cijfers.";
    private const string NameRequired = "Vul de naam van de organisatie in.";
    private const string LegalFormRequired = "Kies de rechtsvorm.";
    private const string OutsideRegion = "De organisatie moet gevestigd zijn of werken in minstens een van de zeven gemeenten.";
    private const string ContactRequired = "Vul de naam van de contactpersoon in.";
    private const string TooLong = "Deze tekst is te lang.";
    private const string Phone = "Vul een geldig telefoonnummer in (10 tot 15 cijfers).";
    private const string Email = "Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl.";

    private static readonly string[] Fields =
        ["kvk", "name", "legalForm", "foundedOn", "employees", "establishedIn", "worksIn", "website", "publicEmail", "publicPhone", "contactName", "contactEmail", "contactPhone", "description", "offer", "categories"];

    private readonly SlimKip _app = new();

    public FormValidationTests()
    {
        SlimKip.AddComponentBasics(this);
        Services.AddSingleton(_ => _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>());
        Services.AddSingleton(_ => _app.Services.GetRequiredService<LogoStore>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<OrganisationService>();
        Services.AddScoped<AdmissionService>();
        Services.AddSingleton(_ => _app.Services.GetRequiredService<KIP.Web.Live.ISessionNotifier>());
        Services.AddSingleton(_ => _app.Services.GetRequiredService<KIP.Web.Live.LiveUpdateStatus>());
        Services.AddSingleton(_ => _app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        Services.AddScoped<KIP.Web.Components.Pages.Entrepreneurs.AdmissionNotices>();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _app.DisposeAsync();
    }

    private void SignIn(Guid person, params Guid[] organisations)
    {
        var claims = new List<Claim> { new(KipClaims.PersonId, person.ToString()), new(KipClaims.Name, "test"), new(KipClaims.Role, KipRoles.Entrepreneur) };
        claims.AddRange(organisations.Select(o => new Claim(KipClaims.Organisation, o.ToString())));
        var auth = AddAuthorization();
        auth.SetAuthorized("test");
        auth.SetClaims([.. claims]);
        Render<MudPopoverProvider>();
    }

    /// <summary>The message MudBlazor shows under the field with this test id ("" when none).</summary>
    private static string MessageAt(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string field)
    {
        var input = page.Find($"[data-testid=reg-{field}]");
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException($"No input control around {field}.");
        return control.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? string.Empty;
    }

    /// <summary>Every field's message at once, so a test states the whole form after each submit.</summary>
    private static Dictionary<string, string> Messages(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page) =>
        Fields.ToDictionary(f => f, f => MessageAt(page, f));

    private static void AssertMessages(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, Dictionary<string, string> expected)
    {
        var want = Fields.ToDictionary(f => f, f => expected.GetValueOrDefault(f, string.Empty));
        Assert.Equal(want, Messages(page));
    }

    /// <summary>Picks a value as the select's own choice would (its popover lives outside the page in a test).</summary>
    private static void Choose(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page, string field, string value)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), $"reg-{field}"));
        page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value)).GetAwaiter().GetResult();
    }

    [Fact]
    public void Registration_shows_each_fields_problem_after_every_submit()
    {
        SignIn(DemoPersons.SroiOfficer);
        IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page = Render<RegisterOrganisation>();

        // Empty: the five required fields each say what is missing; the summary counts them.
        page.Find("[data-testid=register-submit]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new()
        {
            ["kvk"] = KvkRequired,
            ["name"] = NameRequired,
            ["legalForm"] = LegalFormRequired,
            ["worksIn"] = OutsideRegion,
            ["contactName"] = ContactRequired,
        }));
        Assert.Equal("5 velden zijn niet goed ingevuld; zie de meldingen bij de velden.", page.Find("[data-testid=register-errors]").TextContent.Trim());

        // A 7-digit KvK number: the KvK field now says what is wrong with it now; the others still say theirs.
        page.Find("input[data-testid=reg-kvk]").Change("1234567");
        Assert.Equal(string.Empty, MessageAt(page, "kvk"));
        page.Find("[data-testid=register-submit]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new()
        {
            ["kvk"] = KvkFormat,
            ["name"] = NameRequired,
            ["legalForm"] = LegalFormRequired,
            ["worksIn"] = OutsideRegion,
            ["contactName"] = ContactRequired,
        }));

        // Correct some, make new mistakes elsewhere: a 260-character name, a 9-digit phone, a broken e-mail address.
        page.Find("input[data-testid=reg-kvk]").Change("1234567");
        page.Find("input[data-testid=reg-kvk]").Change("12345678");
        page.Find("input[data-testid=reg-name]").Change(new string('a', 260));
        Choose(page, "legalForm", "bv");
        Choose(page, "establishedIn", "haarlem");
        page.Find("input[data-testid=reg-contactName]").Change("Lotte Mulder");
        page.Find("input[data-testid=reg-publicPhone]").Change("023 234 567");
        page.Find("input[data-testid=reg-contactEmail]").Change("lotte@");
        page.Find("[data-testid=register-submit]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new() { ["name"] = TooLong, ["publicPhone"] = Phone, ["contactEmail"] = Email }));
        Assert.Equal("3 velden zijn niet goed ingevuld; zie de meldingen bij de velden.", page.Find("[data-testid=register-errors]").TextContent.Trim());

        // One left: the phone; the count says one.
        page.Find("input[data-testid=reg-name]").Change("Fietsen met Kansen");
        page.Find("input[data-testid=reg-contactEmail]").Change("lotte@fietsen.example.nl");
        page.Find("[data-testid=register-submit]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new() { ["publicPhone"] = Phone }));
        Assert.Equal("1 veld is niet goed ingevuld; zie de melding bij dat veld.", page.Find("[data-testid=register-errors]").TextContent.Trim());

        // All right: registered, on to "my organisation".
        page.Find("input[data-testid=reg-publicPhone]").Change("023 234 5678");
        page.Find("[data-testid=register-submit]").Click();
        page.WaitForAssertion(() => Assert.EndsWith(MyOrganisation.Url, Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void The_profile_form_shows_each_fields_problem_after_every_submit_and_saves_when_right()
    {
        SignIn(DemoPersons.Entrepreneur, DemoPersons.FietsenmakerijId);
        IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> page = Render<ManageOrganisation>(p => p.Add(c => c.Id, DemoPersons.FietsenmakerijId));
        page.WaitForAssertion(() => Assert.True(page.FindAll("input[data-testid=reg-name]").Count > 0, page.Markup));

        // Unchanged, the demo profile is valid.
        page.Find("[data-testid=profile-save]").Click();
        var snackbar = Services.GetRequiredService<ISnackbar>();
        page.WaitForAssertion(() => Assert.True(
            snackbar.ShownSnackbars.Any(s => s.Message == "Het profiel is bewaard."),
            $"snackbars: {string.Join(" | ", snackbar.ShownSnackbars.Select(s => s.Message))}; messages: {string.Join(" | ", Messages(page).Where(m => m.Value.Length > 0))}"));
        AssertMessages(page, []);

        // A 260-character name: said at the name.
        page.Find("input[data-testid=reg-name]").Change(new string('x', 260));
        page.Find("[data-testid=profile-save]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new() { ["name"] = TooLong }));

        // Still too long, plus an empty contact and a short phone: all three said, after this submit too.
        page.Find("input[data-testid=reg-contactName]").Change(" ");
        page.Find("input[data-testid=reg-contactPhone]").Change("06 123");
        page.Find("[data-testid=profile-save]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new() { ["name"] = TooLong, ["contactName"] = ContactRequired, ["contactPhone"] = Phone }));
        Assert.Equal("3 velden zijn niet goed ingevuld; zie de meldingen bij de velden.", page.Find("[data-testid=profile-errors]").TextContent.Trim());

        // Name and contact corrected, the phone still wrong: only the phone.
        page.Find("input[data-testid=reg-name]").Change("De Fietsenmakerij Haarlem");
        page.Find("input[data-testid=reg-contactName]").Change("Sanne de Vries");
        page.Find("[data-testid=profile-save]").Click();
        page.WaitForAssertion(() => AssertMessages(page, new() { ["contactPhone"] = Phone }));

        page.Find("input[data-testid=reg-contactPhone]").Change("06 1234 5678");
        page.Find("[data-testid=profile-save]").Click();
        page.WaitForAssertion(() => AssertMessages(page, []));
        Assert.Empty(page.FindAll("[data-testid=profile-errors]"));
    }
}
