using KIP.Domain.Eligibility;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>The resource key of an evidence field's label (<c>Eligibility.Field.*</c>), shared by the form and the commission's view of it.</summary>
public static class FormFieldLabels
{
    public static string KeyOf(string field)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        return "Eligibility.Field." + field switch
        {
            FactFields.CodeSocialeOndernemingenRegisteredOn => "CodeRegisteredOn",
            FactFields.SocialEnterpriseNlMember => "SenlMember",
            _ => char.ToUpperInvariant(field[0]) + field[1..],
        };
    }
}
