using Microsoft.Extensions.Localization;
using MudBlazor;

namespace KIP.Web.Localization;

/// <summary>MudBlazor's own texts (pager, close buttons, date pickers) in Dutch, from <c>Resources/MudText.resx</c>.</summary>
internal sealed class ResxMudLocalizer(IStringLocalizer<MudText> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
