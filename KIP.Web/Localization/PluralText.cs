using Microsoft.Extensions.Localization;

namespace KIP.Web;

/// <summary>
/// Singular and plural from the resources: <c>&lt;key&gt;.One</c> for exactly one, <c>&lt;key&gt;.Other</c> for any other
/// count (Dutch and English have these two forms). The count is argument {0}; further arguments follow it.
/// </summary>
public static class PluralText
{
    public static string Plural(this IStringLocalizer localizer, string key, int count, params object[] more) =>
        localizer[count == 1 ? key + ".One" : key + ".Other", [count, .. more]];
}
