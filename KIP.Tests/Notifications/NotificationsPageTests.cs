using System.Globalization;
using System.Security.Claims;
using Bunit;
using KIP.Web.Actions;
using KIP.Web.Components.Layout;
using KIP.Web.Components.Pages.Notifications;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Notifications;

/// <summary>/meldingen: a person's own notifications newest first, the empty state, mark as read, the count in the app bar.</summary>
public sealed class NotificationsPageTests : BunitContext, IAsyncLifetime
{
    private static readonly DateOnly ValidUntil = new(2027, 6, 30);

    private NotificationHost _host = default!;
    private Guid _fenna;
    private Guid _joris;

    public NotificationsPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    public async Task InitializeAsync()
    {
        // The 90-day reminder on 1 April 2027, the 30-day one on 31 May 2027: two notifications per member.
        _host = await NotificationHost.StartAsync(ValidUntil.AddDays(-90));
        await _host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil,
            ("Fenna de Vries", "fenna@werkplaats.example"), ("Joris Bakker", "joris@werkplaats.example"));
        await _host.Job.RunOnceAsync(default);
        _host.GoTo(ValidUntil.AddDays(-30));
        await _host.Job.RunOnceAsync(default);
        await using (var db = await _host.Db.CreateDbContextAsync())
        {
            _fenna = (await db.Persons.SingleAsync(p => p.Email == "fenna@werkplaats.example")).Id;
            _joris = (await db.Persons.SingleAsync(p => p.Email == "joris@werkplaats.example")).Id;
        }

        Services.AddSingleton(_host.Db);
        Services.AddSingleton<TimeProvider>(_host.Time);
        Services.AddScoped<NotificationService>();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _host.DisposeAsync();
    }

    private void SignInAs(Guid person)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("test");
        authorization.SetClaims(new Claim(KipClaims.PersonId, person.ToString()));
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void The_page_lists_the_persons_own_notifications_newest_first_with_what_to_do()
    {
        SignInAs(_fenna);

        var page = Render<NotificationsPage>();

        var items = page.WaitForElements("[data-testid=notification]");
        Assert.Equal(2, items.Count);
        Assert.Contains("Ontvangen op 31 mei 2027", items[0].QuerySelector("[data-testid=notification-state]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ontvangen op 1 april 2027", items[1].QuerySelector("[data-testid=notification-state]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            "De erkenning van De Werkplaats als sociaal ondernemer (PSO 30+ gecertificeerd) is geldig tot en met 30 juni 2027. Wilt u erkend blijven, vraag dan vóór die datum een nieuw criterium aan of vernieuw er een.",
            items[0].QuerySelector("[data-testid=notification-text]")!.TextContent.Trim());
        Assert.Contains(items[0].QuerySelectorAll("a"), a => a.GetAttribute("href")!.EndsWith("/aanvraag", StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=notifications-empty]"));
    }

    [Fact]
    public void A_person_without_notifications_sees_the_empty_state()
    {
        SignInAs(Guid.NewGuid());

        var page = Render<NotificationsPage>();

        page.WaitForElement("[data-testid=notifications-empty]");
        Assert.Contains("U heeft geen meldingen.", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=notification]"));
    }

    [Fact]
    public async Task Mark_as_read_marks_only_that_notification_and_the_unread_count_follows()
    {
        SignInAs(_fenna);
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("2 ongelezen meldingen", bell.Find("[data-testid=notifications-link]").GetAttribute("aria-label")));
        var page = Render<NotificationsPage>();
        page.WaitForElements("[data-testid=mark-read]");

        page.FindAll("[data-testid=mark-read]")[0].Click();

        page.WaitForAssertion(() => Assert.Equal(["true", "false"], page.FindAll("[data-testid=notification]").Select(i => i.GetAttribute("data-read"))));
        Assert.Single(page.FindAll("[data-testid=mark-read]"));
        bell.WaitForAssertion(() => Assert.Equal("1 ongelezen meldingen", bell.Find("[data-testid=notifications-link]").GetAttribute("aria-label")));
        await using var db = await _host.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.PersonId == _fenna && n.ReadAt != null));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.PersonId == _joris && n.ReadAt != null));
    }

    [Fact]
    public async Task Nobody_marks_another_persons_notification_read_even_calling_the_service()
    {
        Guid jorisNotification;
        await using (var db = await _host.Db.CreateDbContextAsync())
        {
            jorisNotification = (await db.Notifications.FirstAsync(n => n.PersonId == _joris)).Id;
        }

        var service = Services.GetRequiredService<NotificationService>();
        var fenna = new ClaimsPrincipal(new ClaimsIdentity([new Claim(KipClaims.PersonId, _fenna.ToString())], "test"));

        Assert.Equal(ActionResult.Refused(NotificationService.MarkReadFailedKey), await service.MarkReadAsync(fenna, jorisNotification));
        Assert.Equal(ActionResult.NotAllowed, await service.MarkReadAsync(new ClaimsPrincipal(new ClaimsIdentity()), jorisNotification));
        Assert.Empty(await service.MineAsync(new ClaimsPrincipal(new ClaimsIdentity())));
        await using var check = await _host.Db.CreateDbContextAsync();
        Assert.Null((await check.Notifications.SingleAsync(n => n.Id == jorisNotification)).ReadAt);
    }
}
