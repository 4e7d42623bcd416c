using Microsoft.Playwright;

namespace KIP.Tests.Infrastructure.PageObjects;

/// <summary>
/// The supplier search as a person uses it: the officer's <c>/inkoop</c>, the directory <c>/aanbod</c> and the SROI
/// page <c>/sroi</c> share it. Locators by what a person reads (labels, option names); steps as a person takes them.
/// </summary>
public sealed class SupplierSearchScreen(IPage page)
{
    public const string SearchLabel = "Zoeken op naam, dienst of plaats";

    public IPage Page { get; } = page;

    /// <summary>A filter or the search box, by its exact label ("Gemeente", "Categorie", "Erkenning", "Erkend op criterium").</summary>
    public ILocator Field(string label) => Page.GetByLabel(label, new() { Exact = true });

    public ILocator SearchBox => Field(SearchLabel);

    /// <summary>Every result card.</summary>
    public ILocator Results => Page.GetByTestId("supplier");

    /// <summary>The names of the results, in the order shown.</summary>
    public ILocator ResultNames => Results.Locator("h3");

    /// <summary>"N organisaties gevonden".</summary>
    public ILocator ResultCount => Page.GetByTestId("result-count");

    /// <summary>The officer's "Exporteren (CSV)" link of this search.</summary>
    public ILocator ExportLink => Page.GetByTestId("export-search");

    /// <summary>The result card of one organisation.</summary>
    public ILocator Card(string name) => Results.Filter(new() { HasText = name });

    /// <summary>Types into the search box one key at a time, as a person does.</summary>
    public Task TypeAsync(string text) => SearchBox.PressSequentiallyAsync(text);

    public Task ClearSearchAsync() => SearchBox.FillAsync(string.Empty);

    /// <summary>Opens a filter, ticks one option and closes the list again with Escape, as a person does.</summary>
    public async Task PickAsync(string label, string option, bool multiple = true)
    {
        await Field(label).ClickAsync();
        var item = Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        if (multiple)
        {
            // A multi-select stays open with the option ticked; a single select closes on the click.
            await Assertions.Expect(item).ToHaveAttributeAsync("aria-selected", "true");
            await Page.Keyboard.PressAsync("Escape");
        }

        await Assertions.Expect(item).ToBeHiddenAsync();
    }

    /// <summary>Opens an organisation's profile from its result card.</summary>
    public Task OpenProfileAsync(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
}
