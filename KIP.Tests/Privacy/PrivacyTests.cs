using System.Net;
using System.Text.Json;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Privacy;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Privacy;

/// <summary>KIP.Web with its own database: erasure changes demo persons, which no other test may see.</summary>
public sealed class PrivacyApp : IAsyncLifetime
{
    public KipAppFactory App { get; } = new();

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public PrivacyService Privacy => App.Services.CreateScope().ServiceProvider.GetRequiredService<PrivacyService>();

    public Task InitializeAsync()
    {
        App.StartServer();
        return Task.CompletedTask;
    }

    public Task<KipSession> SignInAsync(Guid person) => KipSession.SignedInAsync(App.BaseUrl, person);

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>AVG: a person downloads their own data and nobody else's; erasure takes contact details and keeps the public record.</summary>
public sealed class PrivacyTests(PrivacyApp app) : IClassFixture<PrivacyApp>
{
    private static async Task<(HttpResponseMessage Response, string Body)> DownloadAsync(KipSession session)
    {
        var response = await session.GetAsync(PrivacyEndpoints.DownloadPath);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task V14_3_2_The_download_of_ones_own_data_is_a_JSON_attachment_never_cached()
    {
        using var sanne = await app.SignInAsync(DemoPersons.Entrepreneur);

        var (response, body) = await DownloadAsync(sanne);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("kip-mijn-gegevens-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Sanne de Vries", json.RootElement.GetProperty("person").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_anonymous_visitor_gets_no_download_but_the_sign_in()
    {
        using var anonymous = new KipSession(app.App.BaseUrl);

        using var response = await anonymous.GetAsync(PrivacyEndpoints.DownloadPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(KIP.Web.Identity.AccessSetup.LoginPath, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_holds_the_person_their_organisation_its_profile_and_what_they_did()
    {
        using var mehmet = await app.SignInAsync(DemoPersons.OtherEntrepreneur);

        var (_, body) = await DownloadAsync(mehmet);

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("mehmet@schoon-en-sociaal.example.nl", root.GetProperty("person").GetProperty("email").GetString());
        var organisation = Assert.Single(root.GetProperty("organisations").EnumerateArray());
        Assert.Equal("34123456", organisation.GetProperty("kvkNumber").GetString());
        Assert.Equal("Schoonmaakbedrijf Schoon & Sociaal", organisation.GetProperty("name").GetString());
        Assert.Equal("Mehmet Kaya", organisation.GetProperty("profile").GetProperty("contactName").GetString());
        Assert.Equal("velsen", organisation.GetProperty("establishedIn").GetString());
        Assert.NotEmpty(organisation.GetProperty("decisions").EnumerateArray()); // the imported PSO 30+ recognition
        Assert.Equal(JsonValueKind.Array, root.GetProperty("commission").GetProperty("votes").ValueKind);
    }

    [Theory]
    [InlineData("0d3f6a52-1b8e-4c61-9d0e-000000000001")]
    [InlineData("0d3f6a52-1b8e-4c61-9d0e-000000000002")]
    [InlineData("0d3f6a52-1b8e-4c61-9d0e-000000000011")]
    [InlineData("0d3f6a52-1b8e-4c61-9d0e-000000000041")]
    public async Task V8_2_2_The_export_never_holds_another_persons_or_organisations_data(string personId)
    {
        var me = Guid.Parse(personId);
        await using var db = await app.Db.CreateDbContextAsync();
        var mine = await db.OrganisationMembers.Where(m => m.PersonId == me).Select(m => m.OrganisationId).ToListAsync();
        var others = await db.Persons.AsNoTracking().Where(p => p.Id != me).ToListAsync();
        var otherOrganisations = await db.Organisations.AsNoTracking().Where(o => !mine.Contains(o.Id)).ToListAsync();
        var otherProfiles = await db.Profiles.AsNoTracking().Where(p => !mine.Contains(p.OrganisationId)).ToListAsync();
        using var session = await app.SignInAsync(me);

        var (_, body) = await DownloadAsync(session);

        Assert.Contains(me.ToString(), body, StringComparison.OrdinalIgnoreCase);
        foreach (var other in others)
        {
            Assert.DoesNotContain(other.Email, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(other.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var organisation in otherOrganisations)
        {
            Assert.DoesNotContain($"\"{organisation.Name}\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain(organisation.KvkNumber.Value, body, StringComparison.Ordinal);
            Assert.DoesNotContain(organisation.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var profile in otherProfiles.Where(p => p.ContactEmail is not null))
        {
            Assert.DoesNotContain(profile.ContactEmail!, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task V14_2_4_Erasure_of_an_applicant_takes_their_contact_details_and_keeps_their_organisations_record()
    {
        // Noor (no organisation in the demo) acts for a listed one-person business of her own, its contact person.
        var noor = DemoPersons.NewEntrepreneur;
        var organisation = await NewOrganisationOfAsync(noor, "Noor Bakker", "noor@groenwerk-ijmond.example.nl");
        var privacy = app.Privacy;

        Assert.Null(await privacy.OpenRequestOfAsync(noor));
        Assert.Equal(ActionResult.Done, await privacy.RequestErasureAsync(noor));
        Assert.Equal(ActionResult.Refused("MyData.Error.AlreadyRequested"), await privacy.RequestErasureAsync(noor)); // one open request at a time

        // Nothing goes before the coordination team carries it out; it sees the request and what depends on it.
        await using (var before = await app.Db.CreateDbContextAsync())
        {
            Assert.Equal("noor@groenwerk-ijmond.example.nl", (await before.Persons.SingleAsync(p => p.Id == noor)).Email);
        }

        var request = Assert.Single(await privacy.RequestsAsync(), r => r.PersonId == noor);
        Assert.Equal(["Noor's Groenwerk"], request.Organisations);
        Assert.Equal(["Noor's Groenwerk"], request.SoleMemberOfListed);
        Assert.False(request.KeepsName);

        Assert.Equal(ActionResult.Done, await privacy.EraseAsync(noor, DemoPersons.Coordinator));
        Assert.Equal(ActionResult.Refused("Erasure.Error.NoOpenRequest"), await privacy.EraseAsync(noor, DemoPersons.Coordinator)); // no open request any more

        await using var db = await app.Db.CreateDbContextAsync();
        var person = await db.Persons.SingleAsync(p => p.Id == noor);
        Assert.Equal(PrivacyService.ErasedName, person.Name);
        Assert.Equal(PrivacyService.ErasedEmail(noor), person.Email);
        Assert.Null(person.Subject);
        Assert.False(await db.Persons.AnyAsync(p => p.Email == "noor@groenwerk-ijmond.example.nl"));
        Assert.False(await db.Persons.AnyAsync(p => p.Name == "Noor Bakker"));
        Assert.False(await db.OrganisationMembers.AnyAsync(m => m.PersonId == noor));
        Assert.False(await db.Notifications.AnyAsync(n => n.PersonId == noor));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To.Contains("noor@groenwerk-ijmond.example.nl")));
        var profile = await db.Profiles.SingleAsync(p => p.OrganisationId == organisation);
        Assert.Null(profile.ContactName);
        Assert.Null(profile.ContactEmail);
        Assert.Null(profile.ContactPhone);

        // The organisation itself and its public data stay; the record shows who asked and who carried it out.
        Assert.Equal("Noor's Groenwerk", (await db.Organisations.SingleAsync(o => o.Id == organisation)).Name);
        Assert.Equal("info@noors-groenwerk.example.nl", profile.PublicEmail);
        var audit = await db.AuditEntries.Where(a => a.Subject == $"person:{noor}").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([(PrivacyService.Requested, (Guid?)noor), (PrivacyService.CarriedOut, DemoPersons.Coordinator)], audit.Select(a => (a.Action, a.PersonId)));
        Assert.Contains(await privacy.CarriedOutAsync(), d => d.PersonId == noor && d.Name == PrivacyService.ErasedName);
        Assert.DoesNotContain(await privacy.RequestsAsync(), r => r.PersonId == noor);
    }

    [Fact]
    public async Task V14_2_4_Erasure_of_a_commission_member_keeps_their_named_votes_and_takes_their_contact_details()
    {
        var member = DemoPersons.WerkInkomenMember;
        var (motion, vote) = await ClosedMotionWithVoteOfAsync(member);
        var privacy = app.Privacy;
        Assert.Equal(ActionResult.Done, await privacy.RequestErasureAsync(member));
        var request = Assert.Single(await privacy.RequestsAsync(), r => r.PersonId == member);
        Assert.True(request.KeepsName);
        Assert.True(request.HoldsSeat);

        Assert.Equal(ActionResult.Done, await privacy.EraseAsync(member, DemoPersons.Coordinator));

        await using var db = await app.Db.CreateDbContextAsync();
        var person = await db.Persons.SingleAsync(p => p.Id == member);
        Assert.Equal("Henk Smit", person.Name); // the named vote stays named (rulebook §6, "Record")
        Assert.False(await db.Persons.AnyAsync(p => p.Email == "h.smit@haarlem.example.nl"));
        var kept = await db.Votes.SingleAsync(v => v.Id == vote);
        Assert.Equal((motion, member, "For"), (kept.MotionId, kept.PersonId, kept.Choice));
    }

    private async Task<Guid> NewOrganisationOfAsync(Guid person, string contactName, string contactEmail)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var organisation = KIP.Domain.Organisations.Organisation.Register(
            Guid.NewGuid(), KIP.Domain.KvkNumber.Parse("70000017"), "Noor's Groenwerk", KIP.Domain.LegalForm.Parse("eenmanszaak"),
            KIP.Domain.Municipality.Parse("beverwijk"));
        organisation.RequestAdmission("Groen onderhoud met mensen met een afstand tot de arbeidsmarkt.");
        organisation.Admit(KIP.Domain.AmsterdamCalendar.Today(TimeProvider.System));
        db.Organisations.Add(organisation);
        db.Profiles.Add(new OrganisationProfile
        {
            OrganisationId = organisation.Id,
            ContactName = contactName,
            ContactEmail = contactEmail,
            ContactPhone = "06 1234 5678",
            PublicEmail = "info@noors-groenwerk.example.nl",
        });
        db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, PersonId = person, Since = DateTimeOffset.UtcNow });
        db.Notifications.Add(new KIP.Web.Data.Notification
        {
            Id = Guid.NewGuid(),
            PersonId = person,
            OrganisationId = organisation.Id,
            TextKey = "Admission.Notification.Admitted",
            OrganisationName = organisation.Name,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        db.OutboxMessages.Add(new KIP.Web.Data.OutboxMessage
        {
            Id = Guid.NewGuid(),
            To = contactEmail,
            Subject = "Toegelaten",
            TextBody = "Beste Noor",
            CreatedAt = DateTimeOffset.UtcNow,
            NextAttemptAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    private async Task<(Guid Motion, Guid Vote)> ClosedMotionWithVoteOfAsync(Guid member)
    {
        await using var db = await app.Db.CreateDbContextAsync();
        var entry = await db.AgendaEntries.FirstAsync();
        var motion = new MotionRecord { Id = Guid.NewGuid(), AgendaEntryId = entry.Id, Kind = "Reject", OpenedBy = DemoPersons.Chair, OpenedAt = DateTimeOffset.UtcNow, RequiredQuorum = 3 };
        var vote = new VoteRecord { Id = Guid.NewGuid(), MotionId = motion.Id, PersonId = member, Choice = "For", CastAt = DateTimeOffset.UtcNow };
        db.Motions.Add(motion);
        db.Votes.Add(vote);
        await db.SaveChangesAsync();
        motion.ClosedAt = DateTimeOffset.UtcNow;
        motion.ClosedBy = DemoPersons.Chair;
        motion.Outcome = "VotedDown";
        await db.SaveChangesAsync();
        return (motion.Id, vote.Id);
    }
}
