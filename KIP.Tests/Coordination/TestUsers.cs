using System.Globalization;
using System.Security.Claims;
using KIP.Web;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace KIP.Tests.Coordination;

/// <summary>Signed-in principals as the app's claims transformation makes them, for calling services directly.</summary>
public static class TestUsers
{
    public static ClaimsPrincipal With(Guid personId, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(KipClaims.PersonId, personId.ToString()), .. roles.Select(r => new Claim(KipClaims.Role, r))],
            "test", KipClaims.Name, KipClaims.Role));

    public static ClaimsPrincipal Coordinator => With(DemoPersons.Coordinator, KipRoles.Coordination);

    public static ClaimsPrincipal Chair => With(DemoPersons.Chair, KipRoles.Commission);

    public static ClaimsPrincipal Officer => With(DemoPersons.SroiOfficer, KipRoles.SroiOfficer);

    public static ClaimsPrincipal Entrepreneur => With(DemoPersons.Entrepreneur, KipRoles.Entrepreneur);

    /// <summary>The Dutch text of a resource key, as a Dutch visitor reads it.</summary>
    public static string Dutch(IServiceProvider services, string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("nl-NL");
        try
        {
            var text = services.GetRequiredService<IStringLocalizer<Text>>()[key];
            Assert.False(text.ResourceNotFound, $"no text for {key}");
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
