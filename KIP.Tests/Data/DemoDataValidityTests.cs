using System.Security.Claims;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Data;

/// <summary>
/// The demo data passes KIP's own rules, so a demo entrepreneur who saves a profile unchanged is not
/// refused (the seeded "023 234 567" had 9 digits). Every organisation as its profile form loads it, every person's
/// name and e-mail address as the contact fields check them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DemoDataValidityTests(AppFixture fixture)
{
    private static DateOnly Today => AmsterdamCalendar.Today(TimeProvider.System);

    [Fact]
    public async Task Every_demo_organisations_profile_passes_the_profile_forms_validation()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        // Only the demo data's own organisations (ids 7a1c0000-…): other tests in this app add organisations of their own.
        var organisations = (await db.Organisations.AsNoTracking().Select(o => o.Id).ToListAsync())
            .Where(id => id.ToString().StartsWith("7a1c0000-", StringComparison.Ordinal)).ToList();
        Assert.True(organisations.Count >= 30, $"only {organisations.Count} demo organisations");
        using var scope = fixture.App.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<OrganisationService>();

        var refused = new List<string>();
        foreach (var id in organisations)
        {
            var user = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(KipClaims.PersonId, DemoPersons.Entrepreneur.ToString()), new Claim(KipClaims.Role, KipRoles.Entrepreneur), new Claim(KipClaims.Organisation, id.ToString())],
                "test", KipClaims.Name, KipClaims.Role));
            var form = await service.LoadAsync(user, id);
            Assert.NotNull(form);
            refused.AddRange(form.Validate(Today).Select(e => $"{form.Name}: {e.Key} ({e.Value})"));
        }

        Assert.Empty(refused);
    }

    [Fact]
    public async Task Every_demo_person_has_a_name_and_an_e_mail_address_the_contact_fields_accept()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var persons = await db.Persons.AsNoTracking().ToListAsync();
        Assert.True(persons.Count >= 10, $"only {persons.Count} demo persons");

        var refused = persons
            .Select(p => (p.Name, Errors: new RegistrationForm { ContactName = p.Name, ContactEmail = p.Email }.Validate(Today)))
            .SelectMany(p => p.Errors.Where(e => e.Key is nameof(RegistrationForm.ContactName) or nameof(RegistrationForm.ContactEmail)).Select(e => $"{p.Name}: {e.Key}"))
            .ToList();

        Assert.Empty(refused);
    }
}
