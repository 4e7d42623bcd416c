using System.Globalization;
using System.Xml.Linq;
using KIP.Tests.Infrastructure;
using KIP.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KIP.Tests.Web;

/// <summary>Proper singular and plural in the meetings warning; one name for the business seat on the seat pages.</summary>
public sealed class CoordinationTextTests
{
    private static readonly string Resources = Path.Combine(AppProcess.SolutionRoot(), "KIP.Web", "Resources");

    private static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
            .Create(typeof(Text));

    private static string In(string culture, Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData(1, "In 2027 is 1 vergadering gehouden of gepland; de commissie vergadert minstens 2 keer per kalenderjaar.")]
    [InlineData(0, "In 2027 zijn 0 vergaderingen gehouden of gepland; de commissie vergadert minstens 2 keer per kalenderjaar.")]
    public void The_meetings_warning_says_one_meeting_or_several_meetings(int count, string dutch)
    {
        var text = Localizer();

        Assert.Equal(dutch, In("nl", () => text.Plural("Meetings.Warning", count, 2027, 2)));
        Assert.DoesNotContain("(en)", dutch, StringComparison.Ordinal);
        Assert.Equal(count == 1 ? "In 2027, 1 meeting is held or planned; the commission meets at least 2 times a calendar year." : "In 2027, 0 meetings are held or planned; the commission meets at least 2 times a calendar year.",
            In("en", () => text.Plural("Meetings.Warning", count, 2027, 2)));
    }

    [Fact]
    public void The_business_seat_has_one_name_in_every_Dutch_text()
    {
        var dutch = XDocument.Load(Path.Combine(Resources, "Text.resx")).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? string.Empty)).ToList();

        Assert.Equal("Bedrijfsleven", dutch.Single(d => d.Item1 == "Seat.business").Item2);
        Assert.DoesNotContain(dutch, d => d.Item2.Contains("zetel ondernemers", StringComparison.OrdinalIgnoreCase) || d.Item2 == "Ondernemers"
            || d.Item2.Contains("zetel bedrijfsleven", StringComparison.Ordinal));
    }
}
