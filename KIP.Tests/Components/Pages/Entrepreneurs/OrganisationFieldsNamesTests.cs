using System.Globalization;
using Bunit;
using KIP.Web.Components.Pages.Entrepreneurs;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>The registration and profile form's selects show the names of what was chosen, never codes.</summary>
public sealed class OrganisationFieldsNamesTests : BunitContext, IAsyncLifetime
{
    public OrganisationFieldsNamesTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }

    [Theory]
    [InlineData("nl-NL", "Stichting", "Haarlem, Bloemendaal", "Re-integratie en opleiding, Schoonmaak", "Werk en inclusie")]
    [InlineData("en-GB", "Foundation (stichting)", "Haarlem, Bloemendaal", "Reintegration and training, Cleaning", "Work and inclusion")]
    public void Each_chosen_value_shows_its_name_in_the_language_of_the_page(string culture, string legalForm, string worksIn, string categories, string themes)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var form = new RegistrationForm
        {
            LegalForm = "stichting",
            EstablishedIn = "velsen",
            WorksIn = ["haarlem", "bloemendaal"],
            Categories = ["re-integratie-en-opleiding", "schoonmaak"],
            ImpactThemes = ["werk-en-inclusie"],
        };

        var fields = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<OrganisationFields>(1);
            builder.AddAttribute(2, nameof(OrganisationFields.Form), form);
            builder.CloseComponent();
        });
        string Shown(string testId) => fields.Find($"input[data-testid={testId}]").GetAttribute("value") ?? string.Empty;

        Assert.Equal(worksIn, Shown("reg-worksIn"));
        Assert.Equal(categories, Shown("reg-categories"));
        Assert.Equal(themes, Shown("reg-themes"));
        Assert.Equal("Velsen", Shown("reg-establishedIn"));
        Assert.Equal(legalForm, Shown("reg-legalForm"));
        foreach (var code in new[] { "haarlem", "re-integratie-en-opleiding", "werk-en-inclusie", "schoonmaak" })
        {
            Assert.DoesNotContain(code, Shown("reg-worksIn") + Shown("reg-categories") + Shown("reg-themes"), StringComparison.Ordinal);
        }
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
