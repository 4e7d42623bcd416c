using Microsoft.Playwright;

namespace KIP.Tests.Infrastructure.PageObjects;

/// <summary>
/// The officer's form for a new SROI contract (<c>/sroi/contracten/nieuw</c>): fields by what a person reads, each
/// field's message under it, and saving.
/// </summary>
public sealed class NewSroiContractScreen(IPage page)
{
    /// <summary>The MudBlazor block of one field: its label, input and message (not the inner "mud-input-control-input-container").</summary>
    internal const string Control = "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]";

    public IPage Page { get; } = page;

    /// <summary>A text or date field by its test id (<c>field-value</c>, <c>field-period-end</c>, …).</summary>
    public ILocator Field(string testId) => Page.GetByTestId(testId);

    /// <summary>The message MudBlazor shows under a text or date field.</summary>
    public ILocator MessageOf(string testId) =>
        Field(testId).Locator(Control).Locator(".mud-input-helper-text");

    /// <summary>The message under a select, found by its label.</summary>
    public ILocator MessageOfSelect(string label) =>
        Page.GetByLabel(label, new() { Exact = true }).Locator(Control).Locator(".mud-input-helper-text");

    /// <summary>"Niet alle velden zijn goed ingevuld" above the form.</summary>
    public ILocator FormError => Page.GetByTestId("form-error");

    /// <summary>Opens a select by its label and picks one option, as a person does with the mouse.</summary>
    public async Task ChooseAsync(string label, string option)
    {
        await Page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        var item = Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        await Assertions.Expect(item).ToBeHiddenAsync();
    }

    public Task SaveAsync() => Page.GetByTestId("save-contract").ClickAsync();
}

/// <summary>
/// One SROI contract's page (<c>/sroi/contracten/{id}</c>) for the officer and the contract partner: the obligation
/// with its explanation, the progress with its chart and table, the purchases with their status and what counts,
/// and the partner's form for a new purchase.
/// </summary>
public sealed class SroiContractScreen(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Title => Page.GetByTestId("contract-title");

    public ILocator Facts => Page.GetByTestId("contract-facts");

    public ILocator ObligationAmount => Page.GetByTestId("obligation-amount");

    public ILocator ObligationExplanation => Page.GetByTestId("obligation-explanation");

    public ILocator ProgressSummary => Page.GetByTestId("progress-summary");

    public ILocator ProgressState => Page.GetByTestId("progress-state");

    public ILocator Chart => Page.GetByTestId("progress-chart");

    public ILocator ProgressTable => Page.GetByTestId("progress-table");

    public ILocator ProgressTotal => Page.GetByTestId("progress-total");

    /// <summary>The row of the chart's table for one quarter, e.g. "K4 2026".</summary>
    public ILocator ProgressRow(string quarter) =>
        ProgressTable.GetByTestId("progress-row").Filter(new() { Has = Page.Locator("th", new() { HasTextString = quarter }) });

    public ILocator InvoiceRows => Page.GetByTestId("invoice-row");

    public ILocator Invoice(string number) => Page.Locator($"[data-testid=invoice-row][data-number='{number}']");

    public ILocator StatusOf(string number) => Invoice(number).GetByTestId("invoice-status");

    public ILocator CountsOf(string number) => Invoice(number).GetByTestId("invoice-counts");

    public ILocator NotFound => Page.GetByTestId("contract-not-found");

    /// <summary>The officer approves a submitted purchase.</summary>
    public async Task VerifyAsync(string number)
    {
        await Invoice(number).GetByTestId("verify").ClickAsync();
        await Assertions.Expect(StatusOf(number)).ToContainTextAsync("Gecontroleerd");
    }

    /// <summary>The officer starts refusing a purchase: the reason field opens in its row.</summary>
    public Task StartRefusingAsync(string number) => Invoice(number).GetByTestId("refuse").ClickAsync();

    public ILocator RefusalReason(string number) => Invoice(number).GetByTestId("refuse-reason");

    public Task ConfirmRefusalAsync(string number) => Invoice(number).GetByTestId("refuse-confirm").ClickAsync();

    // The partner's form for a purchase.
    public ILocator SupplierBox => Page.GetByTestId("invoice-supplier");

    public ILocator InvoiceNumber => Page.GetByTestId("invoice-number");

    public ILocator InvoiceDate => Page.GetByTestId("invoice-date");

    public ILocator Amount => Page.GetByTestId("invoice-amount");

    public ILocator Pdf => Page.GetByTestId("invoice-pdf");

    public ILocator PdfState => Page.GetByTestId("invoice-pdf-state");

    public ILocator BadgeCheck => Page.GetByTestId("invoice-badge-check");

    public ILocator InvoiceAdded => Page.GetByTestId("invoice-added");

    public ILocator InvoiceFormError => Page.GetByTestId("invoice-form-error");

    /// <summary>The message under a field of the purchase form.</summary>
    public static ILocator MessageOf(ILocator field) =>
        field.Locator(NewSroiContractScreen.Control).Locator(".mud-input-helper-text");

    public Task SaveInvoiceAsync() => Page.GetByTestId("invoice-save").ClickAsync();

    /// <summary>Types the start of a supplier's name and picks it from the SROI register's suggestions.</summary>
    public async Task PickSupplierAsync(string typed, string name)
    {
        await SupplierBox.PressSequentiallyAsync(typed);
        var option = Page.GetByRole(AriaRole.Option).Filter(new() { HasTextString = name });
        await option.First.ClickAsync();
        await Assertions.Expect(SupplierBox).ToHaveValueAsync(name);
    }
}
