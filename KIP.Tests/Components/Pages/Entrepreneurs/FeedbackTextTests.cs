using System.Globalization;
using Bunit;
using KIP.Domain;
using KIP.Domain.Eligibility;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Eligibility;
using KIP.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>
/// The assessment form's feedback reads right for every outcome KIP.Domain can give: no sentence glued
/// to the next, a date said once, and before any decision the startup period is a possibility, not a promise.
/// </summary>
public sealed class FeedbackTextTests : BunitContext, IAsyncLifetime
{
    private static readonly DateOnly Until = new(2028, 1, 6);
    private static readonly DateOnly Since = new(2021, 3, 1);

    public FeedbackTextTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddTransient<EligibilityTexts>();
        Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public static TheoryData<OutcomeReason, bool, string> EveryOutcome()
    {
        var data = new TheoryData<OutcomeReason, bool, string>();
        foreach (var reason in Enum.GetValues<OutcomeReason>())
        {
            foreach (var language in new[] { "nl-NL", "en-GB" })
            {
                data.Add(reason, true, language);
                data.Add(reason, false, language);
            }
        }

        return data;
    }

    private IRenderedComponent<CriterionFeedback> Render(CriterionOutcome outcome, string language)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        return Render<CriterionFeedback>(p => p.Add(c => c.Outcome, outcome));
    }

    [Theory]
    [MemberData(nameof(EveryOutcome))]
    public void No_feedback_glues_two_sentences_or_repeats_its_date(OutcomeReason reason, bool met, string language)
    {
        // Dated reasons carry the date; the open-ended ones (Code, SE NL) a start date or none.
        var reasonDate = reason is OutcomeReason.RegisteredInCode ? Since : Until;
        var outcome = new CriterionOutcome(CriterionCode.Pso30Plus, met, met ? Until : null, reason, reasonDate);

        var feedback = Render(outcome, language);

        RenderedText.AssertNoGlue(feedback.Markup);
        var text = RenderedText.Of(feedback.Markup);
        var date = DutchDates.Format(Until);
        Assert.True(CountOf(text, date) <= 1, $"the date is said more than once: {text}");
    }

    [Fact]
    public void A_met_open_ended_reason_still_says_until_when_with_a_space_between_the_sentences()
    {
        var outcome = new CriterionOutcome(CriterionCode.NonProfit, true, Until, OutcomeReason.StichtingIsNonProfit);

        var text = RenderedText.Of(Render(outcome, "nl-NL").Markup).Trim();

        Assert.Equal("Voldoet: Een stichting is altijd een non-profitorganisatie. Geldig tot en met 6 januari 2028.", text);
    }

    [Fact]
    public void A_dated_reason_names_its_date_once()
    {
        var outcome = new CriterionOutcome(CriterionCode.Pso30Plus, true, Until, OutcomeReason.PsoValidUntil, Until);

        var text = RenderedText.Of(Render(outcome, "nl-NL").Markup).Trim();

        Assert.Equal("Voldoet: Het PSO 30+-certificaat is geldig tot en met 6 januari 2028.", text);
    }

    [Theory]
    [InlineData(OutcomeReason.StartupQualifies, "Voldoet: Een startup met een maatschappelijke missie kan eenmalig voor 2 jaar erkend worden; bij erkenning vandaag tot en met 6 januari 2028.")]
    [InlineData(OutcomeReason.ZzpQualifies, "Voldoet: Een zzp'er met een maatschappelijke missie kan eenmalig voor 2 jaar erkend worden; bij erkenning vandaag tot en met 6 januari 2028.")]
    public void Before_a_decision_the_startup_period_is_a_possibility_not_a_promise(OutcomeReason reason, string expected)
    {
        var outcome = new CriterionOutcome(CriterionCode.StartupZzp, true, Until, reason, Until);

        var text = RenderedText.Of(Render(outcome, "nl-NL").Markup).Trim();

        Assert.Equal(expected, text);
        Assert.DoesNotContain("2 jaar erkend,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_glue_detector_sees_the_cases_the_product_owner_found()
    {
        Assert.Matches(RenderedText.Glue(), RenderedText.Of("<span>… 6 januari 2028.</span><span>Geldig tot en met 6 januari 2028.</span>"));
        Assert.DoesNotMatch(RenderedText.Glue(), RenderedText.Of("<p>Uw aanvraag is ingediend.</p><p>Geldig tot en met 6 januari 2028.</p>"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
