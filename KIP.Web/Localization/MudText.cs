namespace KIP.Web;

/// <summary>Dutch texts for MudBlazor's components: <c>Resources/MudText.resx</c>. English is MudBlazor's own default.</summary>
#pragma warning disable CA1052
public sealed class MudText
#pragma warning restore CA1052
{
    private MudText()
    {
    }
}
