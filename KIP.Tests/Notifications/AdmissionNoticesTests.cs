using System.Security.Claims;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Live;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Notifications;

/// <summary>
/// The coordination team's admission decision and access decision each write one notification
/// and one e-mail per person concerned (with the reason when refused), once, and announce the organisation live.
/// </summary>
public sealed class AdmissionNoticesTests : IAsyncLifetime
{
    private readonly KipAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private T Service<T>()
        where T : notnull => _app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static ClaimsPrincipal As(Guid person, string[] roles, params Guid[] organisations)
    {
        var claims = new List<Claim> { new(KipClaims.PersonId, person.ToString()), new(KipClaims.Name, "test") };
        claims.AddRange(roles.Select(r => new Claim(KipClaims.Role, r)));
        claims.AddRange(organisations.Select(o => new Claim(KipClaims.Organisation, o.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", KipClaims.Name, KipClaims.Role));
    }

    private async Task<(List<Notification> Notifications, List<OutboxMessage> Mails)> ForNoorAsync()
    {
        await using var db = await Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.PersonId == DemoPersons.NewEntrepreneur).ToListAsync();
        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.To.Contains("noor@")).ToListAsync();
        return (notifications, mails);
    }

    [Fact]
    public async Task A_declined_admission_is_told_once_with_the_reason_and_an_admission_after_it()
    {
        var organisations = Service<OrganisationService>();
        var admissions = Service<AdmissionService>();
        var coordinator = As(DemoPersons.Coordinator, [KipRoles.Coordination]);
        var announced = new List<Guid>();
        var registered = await organisations.RegisterAsync(As(DemoPersons.NewEntrepreneur, []), new RegistrationForm
        {
            Kvk = "87654329",
            Name = "Groenwerk IJmond",
            LegalForm = "eenmanszaak",
            FoundedOn = "2021-05-01",
            Employees = "2",
            EstablishedIn = "velsen",
            ContactName = "Noor",
            Categories = ["groenvoorziening"],
        });
        var id = registered.Value;
        var noor = As(DemoPersons.NewEntrepreneur, [KipRoles.Entrepreneur], id);
        using var subscription = Service<ISessionNotifier>().SubscribeToOrganisation(id, a =>
        {
            lock (announced)
            {
                announced.Add(a.OrganisationId);
            }

            return Task.CompletedTask;
        });

        await admissions.RequestAdmissionAsync(noor, id, "Groen werk voor mensen met afstand tot de arbeidsmarkt.");
        Assert.Empty((await ForNoorAsync()).Notifications);

        await admissions.DecideAdmissionAsync(coordinator, id, admit: false, "Het KvK-uittreksel ontbreekt.");
        var (notifications, mails) = await ForNoorAsync();
        var declined = Assert.Single(notifications);
        Assert.Equal(AdmissionNotices.DeclinedKey, declined.TextKey);
        Assert.Equal("Groenwerk IJmond", declined.OrganisationName);
        Assert.Equal("Het KvK-uittreksel ontbreekt.", AdmissionNotices.ReasonOf(declined));
        var mail = Assert.Single(mails);
        Assert.Contains("Noor Bakker", mail.To, StringComparison.Ordinal);
        Assert.Equal("Toelating van Groenwerk IJmond tot KIP afgewezen", mail.Subject);
        Assert.Contains("Reden: Het KvK-uittreksel ontbreekt.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/mijn-organisatie", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal([id], announced);

        // Deciding the same request again is refused and writes nothing more.
        Assert.StartsWith("DomainError.", (await admissions.DecideAdmissionAsync(coordinator, id, admit: true, null)).ErrorKey, StringComparison.Ordinal);
        Assert.Single((await ForNoorAsync()).Notifications);

        // Asked again and admitted: one more of each, without a reason.
        await admissions.RequestAdmissionAsync(noor, id, "Groen werk, nu met het uittreksel.");
        await admissions.DecideAdmissionAsync(coordinator, id, admit: true, null);
        (notifications, mails) = await ForNoorAsync();
        Assert.Equal(2, notifications.Count);
        var admitted = Assert.Single(notifications, n => n.TextKey == AdmissionNotices.AdmittedKey);
        Assert.Null(AdmissionNotices.ReasonOf(admitted));
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.Subject == "Groenwerk IJmond is toegelaten tot KIP");
        Assert.Equal(2, announced.Count);
    }

    [Fact]
    public async Task A_refused_access_request_is_told_to_the_person_who_asked_once_with_the_reason()
    {
        var admissions = Service<AdmissionService>();
        var coordinator = As(DemoPersons.Coordinator, [KipRoles.Coordination]);
        var noor = As(DemoPersons.NewEntrepreneur, []);

        Assert.Equal("Register.Error.KvkFormat", (await admissions.RequestAccessByKvkAsync(noor, "8123")).FieldError(nameof(RegistrationForm.Kvk)));
        Assert.Equal("Organisation.Mine.Access.Unknown", (await admissions.RequestAccessByKvkAsync(noor, "99999999")).FieldError(nameof(RegistrationForm.Kvk)));
        Assert.Equal(ActionResult.Done, await admissions.RequestAccessByKvkAsync(noor, " 81234567 "));
        var request = Assert.Single(await admissions.MyAccessRequestsAsync(noor));

        await admissions.DecideAccessAsync(coordinator, request.Id, grant: false, "Onbekend bij de Fietsenmakerij.");
        Assert.StartsWith("DomainError.", (await admissions.DecideAccessAsync(coordinator, request.Id, grant: true, null)).ErrorKey, StringComparison.Ordinal);

        var (notifications, mails) = await ForNoorAsync();
        var refused = Assert.Single(notifications);
        Assert.Equal(AdmissionNotices.RefusedKey, refused.TextKey);
        Assert.Equal(DemoPersons.FietsenmakerijId, refused.OrganisationId);
        Assert.Equal("Onbekend bij de Fietsenmakerij.", AdmissionNotices.ReasonOf(refused));
        var mail = Assert.Single(mails);
        Assert.Equal("Verzoek om toegang tot De Fietsenmakerij Haarlem geweigerd", mail.Subject);
        Assert.Contains("Reden: Onbekend bij de Fietsenmakerij.", mail.TextBody, StringComparison.Ordinal);

        // Sanne (already a member) is not told about Noor's request.
        await using var db = await Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Notifications.AnyAsync(n => n.PersonId == DemoPersons.Entrepreneur && n.TextKey == AdmissionNotices.RefusedKey));
    }
}
