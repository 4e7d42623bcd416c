using System.Globalization;
using KIP.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace KIP.Tests.Live;

public sealed class NotifierLanguageTests
{
    [Fact]
    public async Task A_screen_hears_of_a_change_in_its_own_language_whatever_the_language_of_the_one_who_made_it()
    {
        var notifier = new InProcessSessionNotifier(NullLogger<InProcessSessionNotifier>.Instance);
        var meeting = Guid.NewGuid();
        string? month = null;
        string? uiCulture = null;

        IDisposable subscription;
        using (InCulture("nl-NL"))
        {
            subscription = notifier.SubscribeToSession(meeting, _ =>
            {
                month = new DateOnly(2026, 12, 16).ToString("MMMM", CultureInfo.CurrentCulture);
                uiCulture = CultureInfo.CurrentUICulture.Name;
                return Task.CompletedTask;
            });
        }

        using (subscription)
        using (InCulture("en-GB"))
        {
            await notifier.PublishAsync(new SessionChanged(meeting, "vote"));
            Assert.Equal("en-GB", CultureInfo.CurrentCulture.Name);
        }

        Assert.Equal("december", month);
        Assert.Equal("nl-NL", uiCulture);
    }

    private static CultureScope InCulture(string name) => new(CultureInfo.GetCultureInfo(name));

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
