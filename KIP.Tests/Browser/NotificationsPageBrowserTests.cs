using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Notifications;
using KIP.Web.Data;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>/meldingen in a browser, signed in through the real flow: the list, mark as read, the app-bar count, the empty state; axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsPageBrowserTests(BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(Guid person) => browser.SignInAsync(person, NotificationsPage.Url);

    [Fact]
    public async Task A_reminder_is_listed_marked_read_and_the_unread_count_follows()
    {
        var time = browser.App.Services.GetRequiredService<TimeProvider>();
        var db = browser.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        var validUntil = AmsterdamCalendar.Today(time).AddDays(30);
        await using (var context = await db.CreateDbContextAsync())
        {
            context.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(),
                PersonId = DemoPersons.Chair,
                OrganisationId = DemoPersons.FietsenmakerijId,
                TextKey = RecognitionReminderJob.NotificationTextKey,
                OrganisationName = "De Fietsenmakerij",
                Criteria = ["pso-30-plus"],
                ValidUntil = validUntil,
                DaysBefore = 30,
                CreatedAt = time.GetUtcNow(),
            });
            await context.SaveChangesAsync();
        }

        // The chair: no SROI contract or coordination alert of the demo data reminds her of anything else.
        var page = await SignedInAsync(DemoPersons.Chair);
        await using var browserContext = page.Context;

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Meldingen");
        var item = page.GetByTestId("notification");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item.GetByTestId("notification-text")).ToContainTextAsync("De Fietsenmakerij");
        await Assertions.Expect(page.GetByTestId("notifications-link")).ToHaveAttributeAsync("aria-label", "1 ongelezen meldingen");
        await BrowserFixture.AssertAccessibleAsync(page);

        await item.GetByTestId("mark-read").ClickAsync();

        await Assertions.Expect(item).ToHaveAttributeAsync("data-read", "true");
        await Assertions.Expect(page.GetByTestId("notifications-link")).ToHaveAttributeAsync("aria-label", "Meldingen");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_person_without_notifications_sees_the_empty_state()
    {
        var page = await SignedInAsync(DemoPersons.Coordinator);
        await using var browserContext = page.Context;

        await Assertions.Expect(page.GetByTestId("notifications-empty")).ToHaveTextAsync("U heeft geen meldingen.");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
