using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Overview;

/// <summary>
/// KIP.Web without demo data, on a fake clock (today in Amsterdam: 26 November 2026), holding only the organisations
/// and meetings below, so that every number of the region's picture is known exactly.
/// </summary>
public sealed class RegionFixture : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static readonly Guid Chair = new("0f000000-0000-4000-8000-000000000001");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    public KipAppFactory App { get; }

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public RegionFixture()
    {
        App = new KipAppFactory(
            new Dictionary<string, string?> { ["Kip:DemoData"] = "false" },
            configure: builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time)));
    }

    /// <summary>Ids of the seeded organisations, by the letter the tests name them with.</summary>
    public static Guid Id(char letter) => new($"0e000000-0000-4000-8000-0000000000{(int)letter:x2}");

    public async Task InitializeAsync()
    {
        App.StartServer();
        await using var db = await Db.CreateDbContextAsync();
        db.Persons.Add(new Person { Id = Chair, Name = "Voorzitter Test", Email = "voorzitter@test.example" });

        // A: Haarlem, catering and cleaning, non-profit since 2024 (open-ended).
        Add(db, 'A', "Alfa Catering", "haarlem", ["catering", "schoonmaak"], o => o.Accept(Code("non-profit"), new(2024, 3, 1), null, null));

        // B: Haarlem, temporary badge whose grace period ends 9 February 2027: 75 days from today.
        Add(db, 'B', "Bravo Broodjes", "haarlem", ["catering"], o => o.Accept(Code("startup-zzp"), new(2025, 2, 10), null, null));

        // C: Velsen, temporary badge ending 24 February 2027: exactly 90 days, still listed.
        Add(db, 'C', "Charlie ICT", "velsen", ["ict"], o => o.Accept(Code("startup-zzp"), new(2025, 2, 25), null, null));

        // D: Velsen, temporary badge ending 25 February 2027: 91 days, not listed.
        Add(db, 'D', "Delta Data", "velsen", ["ict"], o => o.Accept(Code("startup-zzp"), new(2025, 2, 26), null, null));

        // E: Bloemendaal, startup-zzp and PSO 30+ both valid today: not a temporary badge, though both end soon.
        Add(db, 'E', "Echo Bouw", "bloemendaal", ["bouw-en-onderhoud"], o =>
        {
            o.Accept(Code("startup-zzp"), new(2025, 1, 10), null, null);
            o.Accept(Code("pso-30-plus"), new(2026, 1, 5), new(2027, 1, 4), null);
        });

        // F: established outside the region (works in Haarlem); B Corp lapsed on 31 May 2026.
        Add(db, 'F', "Foxtrot Advies", null, ["advies"], o => o.Accept(Code("b-corp"), new(2023, 6, 1), new(2026, 5, 31), null));

        // G: Haarlem, registered but never admitted: not on the platform's picture.
        Add(db, 'G', "Golf Groen", "haarlem", ["groenvoorziening"], _ => { }, admit: false);

        // H: Heemskerk, grace period ended 19 November 2026: lapsed a week ago.
        Add(db, 'H', "Hotel Kansrijk", "heemskerk", ["catering"], o => o.Accept(Code("startup-zzp"), new(2024, 11, 20), null, null));

        // I: Haarlem, Social Enterprise NL since 2022, revoked on 1 October 2026.
        Add(db, 'I', "India Schoon", "haarlem", ["schoonmaak"], o =>
        {
            o.Accept(Code("social-enterprise-nl"), new(2022, 5, 1), null, null);
            o.RevokeAll(new(2026, 10, 1), "Lidmaatschap beëindigd.");
        });

        // Meetings: two held in 2025; in 2026 one held, one planned that never took place, one still to come; one planned in 2027.
        Meeting(db, new(2025, 4, 1), MeetingStatus.Closed);
        Meeting(db, new(2025, 10, 1), MeetingStatus.Closed);
        Meeting(db, new(2026, 3, 10), MeetingStatus.Closed);
        Meeting(db, new(2026, 6, 1), MeetingStatus.Planned);
        Meeting(db, new(2026, 12, 10), MeetingStatus.Planned);
        Meeting(db, new(2027, 3, 1), MeetingStatus.Planned);
        await db.SaveChangesAsync();
    }

    private static CriterionCode Code(string code) => CriterionCode.Parse(code);

    private static void Add(KipDbContext db, char letter, string name, string? municipality, string[] categories, Action<Organisation> recognise, bool admit = true)
    {
        var organisation = Organisation.Register(
            Id(letter), KvkNumber.Parse($"9000{(int)letter:d4}"), name, LegalForm.Parse("bv"),
            municipality is null ? null : Municipality.Parse(municipality),
            municipality is null ? [Municipality.Haarlem] : []);
        organisation.RequestAdmission("Meer mensen aan het werk.");
        if (admit)
        {
            organisation.Admit(new(2022, 1, 1));
        }

        recognise(organisation);
        db.Organisations.Add(organisation);
        db.Profiles.Add(new OrganisationProfile { OrganisationId = organisation.Id, Categories = categories, UpdatedAt = DateTimeOffset.UnixEpoch });
    }

    private static void Meeting(KipDbContext db, DateOnly date, MeetingStatus status) =>
        db.Meetings.Add(new Meeting { Id = Guid.NewGuid(), Date = date, Place = "Haarlem", ChairPersonId = Chair, Status = status });

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}
