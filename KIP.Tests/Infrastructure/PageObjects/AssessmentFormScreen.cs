using Microsoft.Playwright;

namespace KIP.Tests.Infrastructure.PageObjects;

/// <summary>
/// The entrepreneur's assessment form (<c>/organisaties/{id}/aanvraag</c>): claims, evidence with uploads and live
/// feedback, review and submit; the autosave status. Steps as a person takes them, waiting where a person waits.
/// </summary>
public sealed class AssessmentFormScreen(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Title => Page.GetByTestId("assessment-title");

    /// <summary>The buttons of the current step, in order.</summary>
    public ILocator StepButtons => Page.GetByTestId("step-buttons").GetByRole(AriaRole.Button);

    public ILocator AutosaveStatus => Page.GetByTestId("autosave-status");

    public ILocator EvidenceDocument => Page.GetByTestId("evidence-document");

    /// <summary>The tick box of a criterion claimed on the first step (by its code, e.g. <c>pso-30-plus</c>).</summary>
    public ILocator Claim(string code) => Page.Locator($"[data-testid=claim-{code}] input, input[data-testid=claim-{code}]");

    /// <summary>A fact's field on the evidence step, e.g. <c>socialMission</c>.</summary>
    public ILocator Field(string name) => Page.GetByTestId($"field-{name}");

    /// <summary>A claimed criterion's section on the evidence step.</summary>
    public ILocator Criterion(string code) => Page.GetByTestId($"criterion-{code}");

    /// <summary>The live feedback under a claimed criterion (<c>data-met</c>).</summary>
    public ILocator Feedback(string code) => Criterion(code).GetByTestId("feedback");

    /// <summary>"Aanvraag starten": the form opens on its first step.</summary>
    public async Task StartAsync()
    {
        await Page.GetByTestId("assessment-start").ClickAsync();
        await Assertions.Expect(Title).ToBeVisibleAsync();
    }

    /// <summary>Ticks the claims, waits until the page has taken them (its "no claims" hint goes, which moves the buttons below it), then goes on to the evidence.</summary>
    public async Task ClaimAndGoToEvidenceAsync(params string[] codes)
    {
        foreach (var code in codes)
        {
            await Claim(code).CheckAsync();
        }

        await Assertions.Expect(Page.GetByTestId("no-claims")).ToHaveCountAsync(0);
        await Page.GetByTestId("to-evidence").ClickAsync();
    }

    /// <summary>Chooses a file for a criterion's evidence.</summary>
    public Task UploadAsync(string code, FilePayload file, LocatorSetInputFilesOptions? options = null) =>
        Page.GetByTestId($"upload-{code}").SetInputFilesAsync(file, options);
}
