using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KIP.Web.Identity;

/// <summary>
/// The one open-redirect guard (ASVS V3.7.2) for every return address KIP follows: after sign-in (also when the
/// authority's answer comes back), after sign-out and after the language switch. A return address is followed only
/// when the framework calls it local (<see cref="RedirectHttpResult.IsLocalUrl"/>: a path on this site, no <c>//</c>,
/// <c>/\</c> or control character such as a tab or line break that a browser would drop); anything else goes to <c>/</c>.
/// </summary>
public static class ReturnAddress
{
    public const string Home = "/";

    /// <summary>
    /// <paramref name="returnUrl"/> as a safe <c>Location</c>: a local path, with letters outside ASCII
    /// (<c>/aanbod/café</c>) percent-encoded as a browser sends them, so the redirect header can carry them.
    /// Invisible formatting characters (a right-to-left mark, a zero-width space) or broken text make it <c>/</c>.
    /// </summary>
    public static string LocalOrHome(string? returnUrl)
    {
        if (!RedirectHttpResult.IsLocalUrl(returnUrl))
        {
            return Home;
        }

        // "~/x" is the framework's app-relative form of "/x".
        var path = returnUrl[0] == '~' ? returnUrl[1..] : returnUrl;
        var safe = new StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length;)
        {
            if (Rune.DecodeFromUtf16(path.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return Home; // a lone surrogate: no text a person typed
            }

            i += used;
            if (rune.IsAscii)
            {
                if (Rune.IsControl(rune))
                {
                    return Home;
                }

                // Characters a browser escapes in an address are escaped here too.
                if (rune.Value is ' ' or '"' or '<' or '>' or '`')
                {
                    safe.Append('%').Append(rune.Value.ToString("X2", CultureInfo.InvariantCulture));
                }
                else
                {
                    safe.Append((char)rune.Value);
                }

                continue;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
            {
                return Home;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                safe.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }
}
