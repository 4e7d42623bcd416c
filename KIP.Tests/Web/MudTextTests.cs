using System.Globalization;
using KIP.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KIP.Tests.Web;

/// <summary>MudBlazor's own texts (close buttons, pagers, steppers) speak Dutch too.</summary>
[Collection(AppCollection.Name)]
public sealed class MudTextTests(AppFixture fixture)
{
    [Theory]
    [InlineData("MudDialog_Close", "Sluiten")]
    [InlineData("MudPagination_NextPage", "Volgende pagina")]
    [InlineData("MudStepper_Next", "Volgende")]
    [InlineData("MudInput_Clear", "Wissen")]
    public void MudBlazor_texts_come_in_Dutch_from_the_resources(string key, string dutch)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
            using var scope = fixture.App.Services.CreateScope();
            var localizer = scope.ServiceProvider.GetRequiredService<MudLocalizer>();

            var text = localizer[key];

            Assert.False(text.ResourceNotFound);
            Assert.Equal(dutch, text.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
