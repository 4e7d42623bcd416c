namespace KIP.Web;

/// <summary>The app's UI texts: <c>Resources/Text.resx</c> (Dutch, the neutral language) and <c>Text.en.resx</c>.</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<Text>, never instantiated
public sealed class Text
#pragma warning restore CA1052
{
    private Text()
    {
    }
}
