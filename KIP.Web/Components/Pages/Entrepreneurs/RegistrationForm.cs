using System.Globalization;
using System.Net.Mail;
using KIP.Domain;
using KIP.Web.Data;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>What a person types to register an organisation; <see cref="Validate"/> names each problem by field (resource keys).</summary>
public sealed class RegistrationForm
{
    public string? Kvk { get; set; }

    public string? Name { get; set; }

    public string? LegalForm { get; set; }

    public string? FoundedOn { get; set; }

    public string? Employees { get; set; }

    /// <summary>A municipality code, or empty when established outside the seven.</summary>
    public string? EstablishedIn { get; set; }

    public IReadOnlyCollection<string> WorksIn { get; set; } = [];

    public string? Address { get; set; }

    public string? Place { get; set; }

    public string? Website { get; set; }

    public string? PublicEmail { get; set; }

    public string? PublicPhone { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? Description { get; set; }

    public string? Offer { get; set; }

    public IReadOnlyCollection<string> Categories { get; set; } = [];

    public IReadOnlyCollection<string> ImpactThemes { get; set; } = [];

    /// <summary>A newly chosen logo, already checked and resized on the server; stored when the form is saved.</summary>
    public ProcessedLogo? Logo { get; set; }

    /// <summary>The logo shown beside the field (the stored or the newly chosen one), as a data URL.</summary>
    public string? LogoPreview { get; set; }

    /// <summary>Field name → resource key of the Dutch/English message; empty when valid.</summary>
    public Dictionary<string, string> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Kvk))
        {
            errors[nameof(Kvk)] = "Register.Error.KvkRequired";
        }
        else if (!KvkNumber.TryParse(Kvk.Trim(), out _))
        {
            errors[nameof(Kvk)] = "Register.Error.KvkFormat";
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors[nameof(Name)] = "Register.Error.NameRequired";
        }
        else if (Name.Trim().Length > 200)
        {
            errors[nameof(Name)] = "Register.Error.TooLong";
        }

        if (!KIP.Domain.LegalForm.TryParse(LegalForm, out _))
        {
            errors[nameof(LegalForm)] = "Register.Error.LegalFormRequired";
        }

        if (!string.IsNullOrWhiteSpace(FoundedOn))
        {
            if (!DateOnly.TryParseExact(FoundedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var founded))
            {
                errors[nameof(FoundedOn)] = "Register.Error.DateFormat";
            }
            else if (founded > today)
            {
                errors[nameof(FoundedOn)] = "Register.Error.FoundedInFuture";
            }
        }

        if (!string.IsNullOrWhiteSpace(Employees) && !(int.TryParse(Employees.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 100_000))
        {
            errors[nameof(Employees)] = "Register.Error.Employees";
        }

        if (!string.IsNullOrEmpty(EstablishedIn) && !Municipality.TryParse(EstablishedIn, out _))
        {
            errors[nameof(EstablishedIn)] = "Register.Error.Municipality";
        }

        if (string.IsNullOrEmpty(EstablishedIn) && WorksIn.Count == 0)
        {
            errors[nameof(WorksIn)] = "Register.Error.OutsideRegion";
        }

        if (!string.IsNullOrWhiteSpace(Website) && !(Uri.TryCreate(Website.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors[nameof(Website)] = "Register.Error.Website";
        }

        CheckEmail(errors, nameof(PublicEmail), PublicEmail);
        CheckEmail(errors, nameof(ContactEmail), ContactEmail);
        CheckPhone(errors, nameof(PublicPhone), PublicPhone);
        CheckPhone(errors, nameof(ContactPhone), ContactPhone);
        if (string.IsNullOrWhiteSpace(ContactName))
        {
            errors[nameof(ContactName)] = "Register.Error.ContactRequired";
        }

        if ((Description ?? string.Empty).Length > 4000)
        {
            errors[nameof(Description)] = "Register.Error.TooLong";
        }

        if ((Offer ?? string.Empty).Length > 4000)
        {
            errors[nameof(Offer)] = "Register.Error.TooLong";
        }

        if (Categories.Any(c => !Catalog.Categories.Contains(c)) || ImpactThemes.Any(t => !Catalog.ImpactThemes.Contains(t)))
        {
            errors[nameof(Categories)] = "Register.Error.Catalog";
        }

        return errors;
    }

    private static void CheckEmail(Dictionary<string, string> errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !(MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal)))
        {
            errors[field] = "Register.Error.Email";
        }
    }

    private static void CheckPhone(Dictionary<string, string> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var digits = value.Count(char.IsAsciiDigit);
        if (digits is < 10 or > 15 || value.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')))
        {
            errors[field] = "Register.Error.Phone";
        }
    }

    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
