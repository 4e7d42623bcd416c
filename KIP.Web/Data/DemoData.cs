using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Commission;
using KIP.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Data;

/// <summary>
/// Realistic demo data for Development, written once into an empty database. Dates are relative to
/// today, so the organisation whose grace period ends soon still does on every run.
/// Recognitions are recorded as imported decisions, the way KIP's real ones since 2020 are migrated.
/// </summary>
public sealed partial class DemoData(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Organisations.AnyAsync(cancellationToken) || await db.Persons.AnyAsync(cancellationToken))
        {
            // A demo database from before Noor Bakker gets her too: demo persons come from code, not a migration.
            if (await db.Persons.AnyAsync(p => p.Id == DemoPersons.Entrepreneur, cancellationToken)
                && !await db.Persons.AnyAsync(p => p.Id == DemoPersons.NewEntrepreneur, cancellationToken))
            {
                db.Persons.Add(NewEntrepreneur);
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        var today = AmsterdamCalendar.Today(time);
        var now = time.GetUtcNow();
        db.Persons.AddRange(Persons());

        foreach (var demo in Organisations)
        {
            var organisation = Organisation.Register(
                demo.Id, KvkNumber.Parse(demo.Kvk), demo.Name, LegalForm.Parse(demo.LegalForm),
                Municipality.Parse(demo.Municipality), demo.WorksIn.Select(Municipality.Parse),
                today.AddYears(-demo.AgeYears).AddDays(-demo.AgeDays), demo.Employees);
            organisation.DescribeMission(demo.Mission);
            if (demo.Admission != AdmissionStatus.Registered)
            {
                organisation.RequestAdmission(demo.Ambition);
            }

            if (demo.Admission == AdmissionStatus.Admitted)
            {
                organisation.Admit(today.AddDays(-300 - demo.AgeDays));
            }

            foreach (var grant in demo.Recognition)
            {
                var decision = new DecisionRecord
                {
                    Id = Guid.NewGuid(),
                    Kind = DecisionKind.Imported,
                    OrganisationId = organisation.Id,
                    Outcome = "recognised",
                    AcceptedCriteria = [CriterionCode.Parse(grant.Code)],
                    Motivation = "Erkenning overgenomen uit het register van de Commissie Sociaal Inkopen (sinds 2020).",
                    DecidedOn = today.AddDays(grant.FromDays),
                    RecordedAt = now,
                };
                db.Decisions.Add(decision);
                organisation.Accept(
                    decision.AcceptedCriteria[0], decision.DecidedOn,
                    grant.UntilDays is { } until ? today.AddDays(until) : null, decision.Id);
            }

            if (demo.RevokedDaysAgo is { } revoked)
            {
                organisation.RevokeAll(today.AddDays(-revoked), "Het lidmaatschap van Social Enterprise NL is beëindigd.");
            }

            db.Organisations.Add(organisation);
            db.Profiles.Add(new OrganisationProfile
            {
                OrganisationId = organisation.Id,
                Description = demo.Description,
                Offer = demo.Offer,
                Place = demo.Place,
                Address = $"{demo.Street}, {demo.Place}",
                Website = $"https://{Slug(demo.Name)}.example.nl",
                PublicEmail = $"info@{Slug(demo.Name)}.example.nl",
                PublicPhone = "023 " + demo.Kvk[1..4] + " " + demo.Kvk[4..], // 10 digits, as the profile form asks
                Categories = demo.Categories,
                ImpactThemes = demo.Themes,
                ContactName = demo.Contact,
                ContactEmail = $"{demo.Contact.Split(' ')[0].ToLowerInvariant()}@{Slug(demo.Name)}.example.nl",
                ContactPhone = "06 " + demo.Kvk[..4] + " " + demo.Kvk[4..],
                UpdatedAt = now,
            });
        }

        db.OrganisationMembers.AddRange(
            new OrganisationMember { OrganisationId = DemoPersons.FietsenmakerijId, PersonId = DemoPersons.Entrepreneur, Since = now },
            new OrganisationMember { OrganisationId = DemoPersons.SchoonEnSociaalId, PersonId = DemoPersons.OtherEntrepreneur, Since = now },
            new OrganisationMember { OrganisationId = DemoPersons.CateringMetKansenId, PersonId = DemoPersons.BusinessMember, Since = now });

        db.SeatTerms.AddRange(SeatTerms(today).Terms);
        AddMeetings(db, today, now);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Person NewEntrepreneur => new() { Id = DemoPersons.NewEntrepreneur, Name = "Noor Bakker", Email = "noor@groenwerk-ijmond.example.nl" };

    private static IEnumerable<Person> Persons() =>
    [
        new() { Id = DemoPersons.Entrepreneur, Name = "Sanne de Vries", Email = "sanne@fietsenmakerij-haarlem.example.nl" },
        new() { Id = DemoPersons.OtherEntrepreneur, Name = "Mehmet Kaya", Email = "mehmet@schoon-en-sociaal.example.nl" },
        new() { Id = DemoPersons.BusinessMember, Name = "Pieter Bakker", Email = "pieter@catering-met-kansen.example.nl" },
        new() { Id = DemoPersons.SroiIJmondMember, Name = "Fatima El Amrani", Email = "f.elamrani@velsen.example.nl" },
        new() { Id = DemoPersons.SroiZuidKennemerlandMember, Name = "Joost Visser", Email = "j.visser@haarlem.example.nl" },
        new() { Id = DemoPersons.Chair, Name = "Marieke Jansen", Email = "m.jansen@haarlem.example.nl" },
        new() { Id = DemoPersons.WerkInkomenMember, Name = "Henk Smit", Email = "h.smit@haarlem.example.nl" },
        new() { Id = DemoPersons.SroiOfficer, Name = "Lotte Mulder", Email = "l.mulder@heemskerk.example.nl", Roles = [KipRoles.SroiOfficer] },
        new() { Id = DemoPersons.Coordinator, Name = "Ahmed Yilmaz", Email = "a.yilmaz@haarlem.example.nl", Roles = [KipRoles.Coordination] },
        NewEntrepreneur,
        new() { Id = DemoPersons.OfficerAndCoordinator, Name = "Eva de Boer", Email = "e.deboer@beverwijk.example.nl", Roles = [KipRoles.SroiOfficer, KipRoles.Coordination] },
    ];

    /// <summary>All five seats occupied; the business seat by a person from a recognised organisation, for at most a year.</summary>
    private static SeatRegister SeatTerms(DateOnly today)
    {
        var seats = new SeatRegister();
        var businessStart = today.AddDays(-120);
        seats.Appoint(Seat.Business, DemoPersons.BusinessMember, businessStart, RecognitionPolicy.BusinessSeatLatestEnd(businessStart), DemoPersons.CateringMetKansenId, organisationRecognised: true);
        seats.Appoint(Seat.SroiIJmond, DemoPersons.SroiIJmondMember, today.AddYears(-1), today.AddYears(2));
        seats.Appoint(Seat.SroiZuidKennemerland, DemoPersons.SroiZuidKennemerlandMember, today.AddYears(-1), today.AddYears(2));
        seats.Appoint(Seat.HaarlemImpact, DemoPersons.Chair, today.AddYears(-2), today.AddYears(1));
        seats.Appoint(Seat.HaarlemWerkInkomen, DemoPersons.WerkInkomenMember, today.AddMonths(-8), today.AddYears(2));
        return seats;
    }

    /// <summary>A meeting held two months ago and one planned in two weeks, with three applications on its agenda.</summary>
    private static void AddMeetings(KipDbContext db, DateOnly today, DateTimeOffset now)
    {
        db.Meetings.Add(new Meeting
        {
            Id = Guid.NewGuid(),
            Date = today.AddDays(-60),
            Place = "Stadhuis Haarlem, Grote Markt 2",
            ChairPersonId = DemoPersons.Chair,
            Status = MeetingStatus.Closed,
            OpenedAt = now.AddDays(-60),
            ClosedAt = now.AddDays(-60).AddHours(2),
        });

        var planned = new Meeting
        {
            Id = Guid.NewGuid(),
            Date = today.AddDays(14),
            Place = "Stadhuis Velsen, Dudokplein 1, IJmuiden",
            ChairPersonId = DemoPersons.Chair,
            Status = MeetingStatus.Planned,
        };
        var position = 0;
        foreach (var (organisationId, claims) in AgendaApplications)
        {
            var application = Application.Create(Guid.NewGuid(), organisationId, formVersion: 1, now.AddDays(-30), hasOtherOpenApplication: false);
            application.Claim(claims.Select(CriterionCode.Parse));
            application.Submit(now.AddDays(-21), organisationIsAdmitted: true, hasOtherOpenApplication: false);
            application.PutOnAgenda(now.AddDays(-7));
            db.Applications.Add(application);
            planned.Agenda.Add(new AgendaEntry { Id = Guid.NewGuid(), MeetingId = planned.Id, ApplicationId = application.Id, Position = ++position });
        }

        db.Meetings.Add(planned);
    }

    private static string Slug(string name) =>
        new string([.. name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ')]).Trim().Replace(' ', '-');
}
