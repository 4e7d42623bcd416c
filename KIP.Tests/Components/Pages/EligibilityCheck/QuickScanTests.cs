using System.Globalization;
using Bunit;
using Bunit.Rendering;
using KIP.Web.Components.Pages.EligibilityCheck;
using KIP.Web.Eligibility;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.EligibilityCheck;

/// <summary>The quick scan's live feedback: every change re-runs the domain's check and lands in the URL.</summary>
public sealed class QuickScanTests : BunitContext, IAsyncLifetime
{
    private const string Mission = "Wij koken met statushouders en verkopen de maaltijden aan bedrijven in IJmuiden.";

    public QuickScanTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero)));
        Services.AddTransient<EligibilityTexts>();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<ContainerFragment> RenderAt(string query)
    {
        Navigation.NavigateTo(QuickScan.Url + query);
        return Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<QuickScan>(1);
            builder.CloseComponent();
        });
    }

    private static string Met(IRenderedComponent<ContainerFragment> page, string code) =>
        page.Find($"[data-testid=criterion-{code}]").GetAttribute("data-met")!;

    [Fact]
    public void Reads_the_check_back_from_the_query_string()
    {
        var page = RenderAt("?checkDate=2026-11-26&legalForm=Stichting&pso30PlusValidUntil=2026-03-31");

        Assert.Equal("true", Met(page, "non-profit"));
        Assert.Equal("false", Met(page, "pso-30-plus"));
        Assert.Contains("was geldig tot en met 31 maart 2026", page.Find("[data-testid=criterion-pso-30-plus]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Op 26 november 2026 komt u in aanmerking voor erkenning, zonder einddatum.", page.Find("[data-testid=result-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-26", page.Find("input[name=checkDate]").GetAttribute("value"));
    }

    [Fact]
    public void Startup_zzp_turns_met_as_the_zzp_er_types_and_the_URL_follows()
    {
        var page = RenderAt("?legalForm=eenmanszaak");
        Assert.Equal("false", Met(page, "startup-zzp"));
        Assert.Contains("Geen maatschappelijke missie opgegeven.", page.Find("[data-testid=criterion-startup-zzp]").TextContent, StringComparison.Ordinal);

        page.Find("input[name=employees]").Input("0");
        page.Find("textarea[name=socialMission]").Input("Te kort.");
        page.WaitForAssertion(() => Assert.Contains(
            "korter dan 50 tekens", page.Find("[data-testid=criterion-startup-zzp]").TextContent, StringComparison.Ordinal));

        page.Find("textarea[name=socialMission]").Input(Mission);

        page.WaitForAssertion(() => Assert.Equal("true", Met(page, "startup-zzp")));
        Assert.Contains("tot en met 25 november 2028", page.Find("[data-testid=criterion-startup-zzp]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Tijdelijke SROI-badge", page.Find("[data-testid=temporary-badge]").TextContent, StringComparison.Ordinal);
        Assert.Contains("employees=0", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("legalForm=eenmanszaak", Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("socialMission=", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_input_is_marked_at_the_field_in_Dutch_and_holds_back_the_outcome()
    {
        var page = RenderAt("?checkDate=2026-11-26");

        page.Find("input[name=foundedOn]").Input("2026-12-01");
        page.Find("input[name=employees]").Input("-3");

        page.WaitForAssertion(() => Assert.Contains(
            "Oprichtingsdatum (inschrijving bij de KvK) mag niet na de datum van de check (26 november 2026) liggen.", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Aantal medewerkers in loondienst mag niet negatief zijn.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Verbeter de gemarkeerde velden", page.Find("[data-testid=result-summary]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid^=criterion-]"));

        page.Find("input[name=foundedOn]").Input("2026-02-30");
        page.WaitForAssertion(() => Assert.Contains(
            "Oprichtingsdatum (inschrijving bij de KvK) is geen bestaande datum", page.Markup, StringComparison.Ordinal));

        page.Find("input[name=foundedOn]").Input(string.Empty);
        page.Find("input[name=employees]").Input("2");
        page.WaitForAssertion(() => Assert.Equal("false", Met(page, "startup-zzp")));
        Assert.DoesNotContain("mag niet", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Ticking_a_membership_meets_its_criterion_open_ended()
    {
        var page = RenderAt("?checkDate=2026-11-26");
        Assert.Equal("false", Met(page, "social-enterprise-nl"));

        page.Find("[data-testid=field-socialEnterpriseNlMember] input[type=checkbox], input[type=checkbox]").Change(true);

        page.WaitForAssertion(() => Assert.Equal("true", Met(page, "social-enterprise-nl")));
        Assert.Contains("geldig zonder einddatum", page.Find("[data-testid=criterion-social-enterprise-nl]").TextContent, StringComparison.Ordinal);
        Assert.Contains("socialEnterpriseNlMember=true", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_B_Corp_typing_its_certification_date_sees_the_day_before_the_third_anniversary()
    {
        var page = RenderAt("?checkDate=2026-11-26&legalForm=bv&employees=25");
        Assert.Equal("false", Met(page, "b-corp"));

        page.Find("input[name=bCorpCertifiedOn]").Input("2025-03-01");

        page.WaitForAssertion(() => Assert.Equal("true", Met(page, "b-corp")));
        Assert.Contains("geldig tot en met 29 februari 2028", page.Find("[data-testid=criterion-b-corp]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Op 26 november 2026 komt u in aanmerking voor erkenning, geldig tot en met 29 februari 2028.", page.Find("[data-testid=result-summary]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=temporary-badge]"));

        page.Find("input[name=bCorpValidUntil]").Input("2025-02-01");
        page.WaitForAssertion(() => Assert.Contains(
            "Einddatum van de B Corp-certificering mag niet vóór de datum van de B Corp-certificering liggen.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void An_ended_grace_period_is_explained_with_its_last_day()
    {
        var page = RenderAt("?checkDate=2026-11-26&legalForm=eenmanszaak&employees=0&graceStartedOn=2024-11-20&socialMission=" + Uri.EscapeDataString(Mission));

        Assert.Equal("false", Met(page, "startup-zzp"));
        Assert.Contains("de laatste dag was 19 november 2026", page.Find("[data-testid=grace-ended]").TextContent, StringComparison.Ordinal);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
