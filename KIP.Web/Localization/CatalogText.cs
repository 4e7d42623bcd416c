using System.Globalization;
using KIP.Domain;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Localization;

/// <summary>Display names of codes: categories and themes from the resources, criteria from KIP.Domain's definitions.</summary>
public static class CatalogText
{
    public static string Category(this IStringLocalizer<Text> text, string code) => text[$"Category.{code}"];

    public static string Theme(this IStringLocalizer<Text> text, string code) => text[$"Theme.{code}"];

    public static string CriterionTitle(string code) =>
        CriterionCode.TryParse(code, out var criterion) ? CriterionTitle(criterion) : code;

    public static string CriterionTitle(CriterionCode code)
    {
        var definition = Criteria.Get(code);
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? definition.TitleEn : definition.TitleNl;
    }

    public static string MunicipalityName(string? code) =>
        Municipality.TryParse(code, out var municipality) ? municipality.Name : code ?? string.Empty;
}
