using MudBlazor;

namespace KIP.Web.Components.Layout;

/// <summary>One calm theme; colours chosen for WCAG 2.1 AA contrast on white (at least 4.5:1).</summary>
public static class KipTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f7a",
            Secondary = "#2e6b3f",
            Tertiary = "#7a3e1d",
            Info = "#1d4f7a",
            Success = "#2e6b3f",
            Warning = "#8a5300",
            Error = "#b00020",
            AppbarBackground = "#1d4f7a",
            AppbarText = "#ffffff",
            TextSecondary = "rgba(0,0,0,0.70)",
            ActionDefault = "rgba(0,0,0,0.70)",
            DrawerText = "rgba(0,0,0,0.87)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
