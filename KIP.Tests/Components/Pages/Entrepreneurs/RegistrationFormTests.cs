using KIP.Web.Components.Pages.Entrepreneurs;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>Field-level validation of the registration form: each problem named at its field.</summary>
public sealed class RegistrationFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static RegistrationForm Valid() => new()
    {
        Kvk = "12345678",
        Name = "Fietsen met Kansen",
        LegalForm = "bv",
        FoundedOn = "2024-05-01",
        Employees = "4",
        EstablishedIn = "haarlem",
        ContactName = "Sanne de Vries",
        ContactEmail = "sanne@example.nl",
        PublicPhone = "023 123 4567",
        Website = "https://fietsen.example.nl",
        Categories = ["vervoer-en-logistiek"],
    };

    [Fact]
    public void A_complete_form_is_valid() => Assert.Empty(Valid().Validate(Today));

    [Theory]
    [InlineData(nameof(RegistrationForm.Kvk), "1234567", "Register.Error.KvkFormat")]
    [InlineData(nameof(RegistrationForm.Kvk), "", "Register.Error.KvkRequired")]
    [InlineData(nameof(RegistrationForm.Kvk), "1234567a", "Register.Error.KvkFormat")]
    [InlineData(nameof(RegistrationForm.Name), " ", "Register.Error.NameRequired")]
    [InlineData(nameof(RegistrationForm.LegalForm), "gmbh", "Register.Error.LegalFormRequired")]
    [InlineData(nameof(RegistrationForm.FoundedOn), "2026-02-30", "Register.Error.DateFormat")]
    [InlineData(nameof(RegistrationForm.FoundedOn), "2026-12-01", "Register.Error.FoundedInFuture")]
    [InlineData(nameof(RegistrationForm.Employees), "-1", "Register.Error.Employees")]
    [InlineData(nameof(RegistrationForm.Employees), "drie", "Register.Error.Employees")]
    [InlineData(nameof(RegistrationForm.Website), "javascript:alert(1)", "Register.Error.Website")]
    [InlineData(nameof(RegistrationForm.ContactEmail), "sanne@", "Register.Error.Email")]
    [InlineData(nameof(RegistrationForm.PublicPhone), "12", "Register.Error.Phone")]
    [InlineData(nameof(RegistrationForm.ContactName), "", "Register.Error.ContactRequired")]
    public void Each_bad_value_is_named_at_its_field(string field, string value, string key)
    {
        var form = Valid();
        typeof(RegistrationForm).GetProperty(field)!.SetValue(form, value);

        var errors = form.Validate(Today);

        Assert.Equal(key, Assert.Single(errors, e => e.Key == field).Value);
    }

    [Fact]
    public void An_organisation_outside_the_seven_municipalities_is_refused_at_the_field()
    {
        var form = Valid();
        form.EstablishedIn = null;

        Assert.Equal("Register.Error.OutsideRegion", form.Validate(Today)[nameof(RegistrationForm.WorksIn)]);

        form.WorksIn = ["velsen"];
        Assert.Empty(form.Validate(Today));
    }
}
