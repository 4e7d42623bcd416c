using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Directory;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.DirectorySearch;

/// <summary>
/// On the officer's page (and the directory) the list, the fields, the total, the export link and
/// the address agree after every step a person takes, and accumulate; going back restores each state.
/// Runs the real search over the demo directory; bunit's NavigationManager plays the address bar.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SupplierSearchViewTests : BunitContext, IAsyncLifetime
{
    private readonly SupplierSearch _search;

    public SupplierSearchViewTests(AppFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(fixture.Db);
        Services.AddSingleton(fixture.App.Services.GetRequiredService<ISupplierSearchSql>());
        Services.AddSingleton<SupplierSearch>();
        Services.AddSingleton<LogoService>();
        Services.AddSingleton<ShortlistService>();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        _search = new SupplierSearch(fixture.Db, fixture.App.Services.GetRequiredService<ISupplierSearchSql>(), TimeProvider.System);
    }

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private IRenderedComponent<ContainerFragment> Open<TPage>(string url)
        where TPage : IComponent
    {
        Navigation.NavigateTo(url);
        return Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(1);
            builder.CloseComponent();
        });
    }

    private static IRenderedComponent<MudSelect<string>> Select(IRenderedComponent<ContainerFragment> page, string label) =>
        page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == label);

    private static Task PickAsync(IRenderedComponent<ContainerFragment> page, string label, params string[] values) =>
        page.InvokeAsync(() => Select(page, label).Instance.SelectedValuesChanged.InvokeAsync(values));

    private static Task ChooseAsync(IRenderedComponent<ContainerFragment> page, string label, string value) =>
        page.InvokeAsync(() => Select(page, label).Instance.ValueChanged.InvokeAsync(value));

    /// <summary>The five things a person sees agree with <paramref name="expected"/>: address, fields, list, total and export link.</summary>
    private async Task AssertShowsAsync(IRenderedComponent<ContainerFragment> page, string path, SupplierQuery expected, bool sroiOnly = false, bool export = false)
    {
        var result = await _search.SearchAsync(sroiOnly ? expected with { Recognised = true } : expected);
        var names = result.Items.Select(i => i.Name).ToList();
        page.WaitForAssertion(
            () =>
            {
                Assert.Equal(path + SupplierQueryString.ToQueryString(expected), new Uri(Navigation.Uri).PathAndQuery);

                Assert.Equal(expected.Text ?? string.Empty, page.Find("input[data-testid=search-box]").GetAttribute("value") ?? string.Empty);
                Assert.Equal(expected.Municipalities.Select(m => m.Code), Select(page, "Gemeente").Instance.GetState(x => x.SelectedValues) ?? []);
                Assert.Equal(expected.Categories, Select(page, "Categorie").Instance.GetState(x => x.SelectedValues) ?? []);
                var shown = Select(page, "Gemeente").Find("input").GetAttribute("value") ?? string.Empty;
                Assert.Equal(string.Join(", ", expected.Municipalities.Select(m => m.Name)), shown);
                Assert.Equal(string.Join(", ", expected.Categories.Select(c => c == "schoonmaak" ? "Schoonmaak" : c)), Select(page, "Categorie").Find("input").GetAttribute("value") ?? string.Empty);
                if (!sroiOnly)
                {
                    Assert.Equal(expected.Recognised == true ? "true" : string.Empty, Select(page, "Erkenning").Instance.GetState(x => x.Value));
                }

                Assert.Equal(names, page.FindAll("[data-testid=supplier] h3").Select(h => h.TextContent.Trim()));
                var count = page.Find("[data-testid=result-count]").TextContent;
                Assert.Contains(result.Total == 1 ? "1 organisatie gevonden" : $"{result.Total} organisaties gevonden", count, StringComparison.Ordinal);
                if (export)
                {
                    Assert.Equal(ProcurementExport.SearchUrl(expected), page.Find("[data-testid=export-search]").GetAttribute("href"));
                }
            },
            Patience);
    }

    /// <summary>What the browser's back button would show: the entry below the current one (replaced entries are gone).</summary>
    private string Back(int steps) => Navigation.History.ElementAt(steps).Uri;

    public static TheoryData<string> Pages => new() { "/inkoop", "/aanbod", "/sroi" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Typing_then_three_filters_one_after_another_accumulate_and_back_and_forward_restore_each_step(string path)
    {
        var officer = path == ProcurementHome.Url;
        var sroiOnly = path == SroiPage.Url;
        if (officer)
        {
            AddAuthorization().SetAuthorized("Lotte Mulder").SetClaims(new Claim(ClaimTypes.Name, "Lotte Mulder"));
        }

        var page = officer ? Open<ProcurementHome>(path) : sroiOnly ? Open<SroiPage>(path) : Open<DirectoryPage>(path);
        await AssertShowsAsync(page, path, new SupplierQuery(), sroiOnly, officer);

        page.Find("input[data-testid=search-box]").Input("cafe");
        var cafe = new SupplierQuery { Text = "cafe" };
        await AssertShowsAsync(page, path, cafe, sroiOnly, officer);
        Assert.Contains("Café De Ontmoeting", page.Find("ul.kip-results").TextContent, StringComparison.Ordinal);

        page.Find("input[data-testid=search-box]").Input(string.Empty);
        await AssertShowsAsync(page, path, new SupplierQuery(), sroiOnly, officer);

        await PickAsync(page, "Gemeente", "velsen");
        var velsen = new SupplierQuery { Municipalities = [Municipality.Velsen] };
        await AssertShowsAsync(page, path, velsen, sroiOnly, officer);

        await PickAsync(page, "Categorie", "schoonmaak");
        var cleaning = velsen with { Categories = ["schoonmaak"] };
        await AssertShowsAsync(page, path, cleaning, sroiOnly, officer);

        var recognised = sroiOnly ? cleaning : cleaning with { Recognised = true };
        if (!sroiOnly)
        {
            await ChooseAsync(page, "Erkenning", "true");
        }

        await AssertShowsAsync(page, path, recognised, sroiOnly, officer);
        Assert.Equal(["Schoonmaakbedrijf Schoon & Sociaal"], page.FindAll("[data-testid=supplier] h3").Select(h => h.TextContent.Trim()));

        // Back twice, forward once: each filter was a step of its own, typing and clearing the box one step.
        var (backTo, forwardTo) = sroiOnly ? (new SupplierQuery(), velsen) : (velsen, cleaning);
        var (backUri, forwardUri) = (Back(2), Back(1));
        Navigation.NavigateTo(backUri);
        await AssertShowsAsync(page, path, backTo, sroiOnly, officer);
        Navigation.NavigateTo(forwardUri);
        await AssertShowsAsync(page, path, forwardTo, sroiOnly, officer);
    }

    [Theory]
    [InlineData("nl-NL", "Haarlem, Bloemendaal", "Re-integratie en opleiding", "Een stichting en/of non-profitorganisatie", "Werk en inclusie", "Alleen erkend (SROI-badge)")]
    [InlineData("en-GB", "Haarlem, Bloemendaal", "Reintegration and training", "A foundation (stichting) and/or non-profit organisation", "Work and inclusion", "Recognised only (SROI badge)")]
    public void Every_chosen_filter_shows_its_name_never_its_code(string culture, string municipalities, string category, string criterion, string theme, string recognised)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var page = Open<DirectoryPage>("/aanbod?municipality=haarlem&municipality=bloemendaal&category=re-integratie-en-opleiding&criterion=non-profit&theme=werk-en-inclusie&recognised=true");

        page.WaitForAssertion(() => Assert.Equal(municipalities, page.Find("input[data-testid=filter-municipality]").GetAttribute("value")), Patience);
        Assert.Equal(category, page.Find("input[data-testid=filter-category]").GetAttribute("value"));
        Assert.Equal(criterion, page.Find("input[data-testid=filter-criterion]").GetAttribute("value"));
        Assert.Equal(theme, page.Find("input[data-testid=filter-theme]").GetAttribute("value"));
        Assert.Equal(recognised, page.Find("input[data-testid=filter-recognised]").GetAttribute("value"));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
