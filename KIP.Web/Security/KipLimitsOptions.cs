using KIP.Web.Settings;

namespace KIP.Web.Security;

/// <summary>
/// Every limit against overload in one place (<c>Kip:Limits</c>), with defaults for one municipality's use; an operator
/// (or a test, a benchmark) raises or lowers them by configuration, e.g. <c>Kip__Limits__Api__PermitLimit=600</c>.
/// </summary>
public sealed class KipLimitsOptions : IKipSettings<KipLimitsOptions>
{
    public static string Section => "Kip:Limits";

    /// <summary>The public API (<c>/api/v1</c>): per signed-in person, else per IP address.</summary>
    public RateLimitRule Api { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    /// <summary>Signing in and out (<c>/authentication/*</c>, the provider's <c>/connect/*</c> pages).</summary>
    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>A shortlist's read-only link (<c>/gedeeld/…</c>): guessing links is slowed down.</summary>
    public RateLimitRule Share { get; set; } = new() { PermitLimit = 30, WindowSeconds = 60 };

    /// <summary>Open circuits (interactive pages, each with its own server memory) of one signed-in person.</summary>
    public int CircuitsPerPerson { get; set; } = 30;

    /// <summary>Open circuits of visitors who are not signed in, per IP address (an office behind one address has several).</summary>
    public int CircuitsPerAddress { get; set; } = 60;

    /// <summary>Open circuits on this server altogether (roughly 0.6 MB each).</summary>
    public int CircuitsTotal { get; set; } = 1000;

    /// <summary>Every limit lets at least one through: a limit of 0 would shut KIP rather than protect it.</summary>
    public static void Check(KipLimitsOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, rule) in new[] { (nameof(Api), settings.Api), (nameof(SignIn), settings.SignIn), (nameof(Share), settings.Share) })
        {
            errors.AtLeast($"{Section}:{name}:{nameof(RateLimitRule.PermitLimit)}", rule.PermitLimit, 1);
            errors.AtLeast($"{Section}:{name}:{nameof(RateLimitRule.WindowSeconds)}", rule.WindowSeconds, 1, 86_400);
        }

        errors.AtLeast($"{Section}:{nameof(CircuitsPerPerson)}", settings.CircuitsPerPerson, 1);
        errors.AtLeast($"{Section}:{nameof(CircuitsPerAddress)}", settings.CircuitsPerAddress, 1);
        errors.AtLeast($"{Section}:{nameof(CircuitsTotal)}", settings.CircuitsTotal, 1);
    }
}

/// <summary>At most <see cref="PermitLimit"/> requests in each window of <see cref="WindowSeconds"/> seconds.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}
