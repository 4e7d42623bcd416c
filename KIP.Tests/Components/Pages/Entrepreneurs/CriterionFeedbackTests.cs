using System.Globalization;
using Bunit;
using KIP.Domain;
using KIP.Domain.Eligibility;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Eligibility;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>The assessment form's live feedback: KIP.Domain's check on the draft as typed, with the stored grace history.</summary>
public sealed class CriterionFeedbackTests : BunitContext, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private static readonly OrganisationFacts Eenmanszaak = new(LegalForm.Eenmanszaak, new DateOnly(2020, 1, 1), 0, null);
    private const string Mission = "Wij repareren fietsen met mensen die lang zonder werk waren en leiden hen op tot monteur.";

    public CriterionFeedbackTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddTransient<EligibilityTexts>();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private bool _provider;

    private IRenderedComponent<CriterionFeedback> RenderFeedback(CriterionOutcome? outcome)
    {
        if (!_provider)
        {
            Render<MudPopoverProvider>();
            _provider = true;
        }

        return Render<CriterionFeedback>(p => p.Add(c => c.Outcome, outcome));
    }

    private static AssessmentState Claiming(params CriterionCode[] codes) => new() { Claimed = [.. codes.Select(c => c.Value)] };

    [Fact]
    public void A_zzp_mission_turns_the_criterion_met_as_it_is_typed()
    {
        var state = Claiming(CriterionCode.StartupZzp);
        state.Texts[FactFields.SocialMission] = "Wij repareren";
        var (result, errors) = state.Evaluate(Eenmanszaak, Today, null);
        Assert.Empty(errors);
        var feedback = RenderFeedback(result!.Criteria.Single(c => c.Code == CriterionCode.StartupZzp));
        Assert.Equal("false", feedback.Find("[data-testid=feedback]").GetAttribute("data-met"));

        state.Texts[FactFields.SocialMission] = Mission;
        (result, _) = state.Evaluate(Eenmanszaak, Today, null);
        feedback = RenderFeedback(result!.Criteria.Single(c => c.Code == CriterionCode.StartupZzp));

        Assert.Equal("true", feedback.Find("[data-testid=feedback]").GetAttribute("data-met"));
        Assert.Contains("Voldoet:", feedback.Markup, StringComparison.Ordinal);
        Assert.Contains("27 november 2028", feedback.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stored_grace_history_decides_and_cannot_be_typed_away()
    {
        var state = Claiming(CriterionCode.StartupZzp);
        state.Texts[FactFields.SocialMission] = Mission;
        var usedGrace = Eenmanszaak with { GraceStartedOn = new DateOnly(2023, 1, 10) };

        var (result, _) = state.Evaluate(usedGrace, Today, null);
        var outcome = result!.Criteria.Single(c => c.Code == CriterionCode.StartupZzp);
        var feedback = RenderFeedback(outcome);

        Assert.False(outcome.Met);
        Assert.Equal(OutcomeReason.GraceEnded, outcome.Reason);
        Assert.Equal("false", feedback.Find("[data-testid=feedback]").GetAttribute("data-met"));
    }

    [Fact]
    public void A_startup_is_judged_on_the_date_of_first_submission()
    {
        var state = Claiming(CriterionCode.StartupZzp);
        state.Texts[FactFields.SocialMission] = Mission;
        var bv = new OrganisationFacts(LegalForm.Bv, new DateOnly(2024, 11, 1), 12, null);

        Assert.False(state.Evaluate(bv, Today, null).Result!.Criteria.Single(c => c.Code == CriterionCode.StartupZzp).Met);
        Assert.True(state.Evaluate(bv, Today, new DateOnly(2026, 10, 1)).Result!.Criteria.Single(c => c.Code == CriterionCode.StartupZzp).Met);
    }

    [Fact]
    public void A_half_typed_date_is_an_error_at_its_field_and_stays_in_the_draft()
    {
        var state = Claiming(CriterionCode.Pso30Plus);
        state.Texts[FactFields.Pso30PlusValidUntil] = "2027-0";

        var (result, errors) = state.Evaluate(Eenmanszaak, Today, null);
        var feedback = RenderFeedback(null);

        Assert.Null(result);
        Assert.Equal(FactFields.Pso30PlusValidUntil, Assert.Single(errors).Field);
        Assert.Contains("Verbeter de invoer", feedback.Markup, StringComparison.Ordinal);
        Assert.Equal("2027-0", AssessmentState.FromJson(state.ToJson()).Text(FactFields.Pso30PlusValidUntil));
    }

    [Fact]
    public void A_certificate_valid_until_shows_the_date()
    {
        var state = Claiming(CriterionCode.Pso30Plus);
        state.Texts[FactFields.Pso30PlusValidUntil] = "2027-06-30";

        var outcome = state.Evaluate(Eenmanszaak, Today, null).Result!.Criteria.Single(c => c.Code == CriterionCode.Pso30Plus);
        var feedback = RenderFeedback(outcome);

        Assert.True(outcome.Met);
        Assert.Contains("Het PSO 30+-certificaat is geldig tot en met 30 juni 2027.", feedback.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Geldig tot en met", feedback.Markup, StringComparison.Ordinal); // said once, in the reason
    }

    [Fact]
    public void Fields_of_criteria_not_claimed_do_not_count()
    {
        var state = Claiming(CriterionCode.NonProfit);
        state.Texts[FactFields.Pso30PlusValidUntil] = "rubbish";
        state.Flags[FactFields.NonProfit] = true;

        var (result, errors) = state.Evaluate(Eenmanszaak, Today, null);

        Assert.Empty(errors);
        Assert.True(result!.Criteria.Single(c => c.Code == CriterionCode.NonProfit).Met);
        Assert.False(result.Criteria.Single(c => c.Code == CriterionCode.Pso30Plus).Met);
    }
}
