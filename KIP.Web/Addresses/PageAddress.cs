using System.Globalization;
using System.Text.RegularExpressions;

namespace KIP.Web.Addresses;

/// <summary>
/// The one way to make a link: a page or endpoint writes its route template once (<c>public const string Url</c>) and
/// fills it here, so the template and its links cannot drift apart.
/// </summary>
public static partial class PageAddress
{
    /// <summary>
    /// The template's parameters filled in order, each escaped: <c>Fill("/aanbod/{id:guid}", id)</c> gives
    /// <c>/aanbod/3f2504e0-…</c>. The number of values must match the template's parameters.
    /// </summary>
    public static string Fill(string template, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var next = 0;
        var filled = Parameter().Replace(template, _ =>
        {
            if (next == values.Length)
            {
                throw new ArgumentException($"The template '{template}' has more parameters than the {values.Length} values given.", nameof(values));
            }

            return Uri.EscapeDataString(Convert.ToString(values[next++], CultureInfo.InvariantCulture) ?? "");
        });
        if (next != values.Length)
        {
            throw new ArgumentException($"The template '{template}' has {next} parameters, not {values.Length}.", nameof(values));
        }

        return filled;
    }

    [GeneratedRegex(@"\{[^{}]+\}")]
    private static partial Regex Parameter();
}
