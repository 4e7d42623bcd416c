using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Data.Postgres;
using KIP.Web.Data.Search;
using KIP.Web.Data.Sqlite;
using KIP.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Search;

/// <summary>
/// "Valid on a date" (rulebook §2) is written once for LINQ (<see cref="AcceptedCriterion.ValidOn"/>) and once as SQL
/// text for the directory search, once per engine (<see cref="ISupplierSearchSql"/>). Each is held to KIP.Domain day by
/// day over four years of realistic edge intervals: lapses, renewals, revocations (also on the first day), a temporary
/// badge and its grace period, a leap day, a start in the future. SQLite here, PostgreSQL in
/// <see cref="PostgresValidOnSqlSweepTests"/>.
/// </summary>
public abstract class ValidOnSqlSweep : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly End = new(2027, 12, 31);

    private readonly List<Organisation> _organisations = [];

    /// <summary>A context on this class's own database (migrated by the first test).</summary>
    protected abstract KipDbContext NewContext();

    /// <summary>The engine's search SQL.</summary>
    protected abstract ISupplierSearchSql Sql { get; }

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();

        // A PSO 30+ certificate for a year that lapses, and one renewed before it lapsed (the first one ends on the renewal's day).
        Add("Lapses", o => o.Accept(CriterionCode.Pso30Plus, D("2024-03-01"), D("2025-02-28"), null));
        Add("Renewed", o =>
        {
            o.Accept(CriterionCode.Pso30Plus, D("2024-02-01"), D("2025-01-31"), null);
            o.Accept(CriterionCode.Pso30Plus, D("2025-01-15"), D("2026-01-14"), null);
        });

        // Open-ended, then revoked; and revoked on its very first day (it never held).
        Add("Revoked", o =>
        {
            o.Accept(CriterionCode.SocialEnterpriseNl, D("2024-05-10"), null, null);
            o.RevokeCriterion(CriterionCode.SocialEnterpriseNl, D("2025-09-01"), "Lidmaatschap beëindigd.");
        });
        Add("Revoked on its first day", o =>
        {
            o.Accept(CriterionCode.CodeSocialeOndernemingen, D("2025-03-03"), null, null);
            o.RevokeAll(D("2025-03-03"), "Ten onrechte geregistreerd.");
        });

        // The temporary badge: the grace period of two years, and one followed by a lasting criterion before it ends.
        Add("Temporary", o => o.Accept(CriterionCode.StartupZzp, D("2024-06-15"), null, null));
        Add("Temporary, then lasting", o =>
        {
            o.Accept(CriterionCode.StartupZzp, D("2024-02-29"), null, null);
            o.Accept(CriterionCode.Pso30Plus, D("2025-11-01"), D("2027-10-31"), null);
        });

        // A B Corp certified on a leap day, valid by default through the day before its third anniversary.
        Add("Leap day", o => o.Accept(CriterionCode.BCorp, D("2024-02-29"), RecognitionPolicy.BCorpDefaultValidUntil(D("2024-02-29")), null));

        // Several criteria at once, one starting in the future and one open-ended non-profit, and no criterion at all.
        Add("Future start", o =>
        {
            o.Accept(CriterionCode.NonProfit, D("2026-07-01"), null, null);
            o.Accept(CriterionCode.Pso30Plus, D("2024-01-01"), D("2024-01-01"), null);
        });
        Add("Never recognised", _ => { });

        foreach (var organisation in _organisations)
        {
            db.Organisations.Add(organisation);
            db.Profiles.Add(new OrganisationProfile { OrganisationId = organisation.Id, Description = organisation.Name });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_SQL_and_the_LINQ_expression_agree_with_the_domain_on_every_day_of_four_years()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var all = new SupplierQuery { PageSize = SupplierQuery.MaximumPageSize };
        var days = 0;

        for (var day = Start; day <= End; day = day.AddDays(1))
        {
            var recognised = Ids(_organisations.Where(o => o.IsRecognisedOn(day)));
            Assert.True(recognised.SetEquals(await SqlAsync(all with { Recognised = true }, day)), $"SQL 'recognised' disagrees on {day:yyyy-MM-dd}");
            Assert.True(Ids(_organisations).Except(recognised).ToHashSet().SetEquals(await SqlAsync(all with { Recognised = false }, day)),
                $"SQL 'not recognised' disagrees on {day:yyyy-MM-dd}");
            Assert.True(recognised.SetEquals(await db.Organisations.RecognisedOn(day).Select(o => o.Id).ToListAsync()), $"LINQ disagrees on {day:yyyy-MM-dd}");

            foreach (var code in CriterionCode.All)
            {
                var holding = Ids(_organisations.Where(o => o.ValidCriteriaOn(day).Any(c => c.Code == code)));
                Assert.True(holding.SetEquals(await SqlAsync(all with { Criteria = [code] }, day)), $"SQL '{code}' disagrees on {day:yyyy-MM-dd}");
            }

            days++;
        }

        Assert.Equal(1461, days);

        async Task<HashSet<Guid>> SqlAsync(SupplierQuery query, DateOnly day) =>
            [.. (await Sql.FindIdsAsync(connection, query, day)).Ids];
    }

    [Fact]
    public void The_sweep_covers_a_temporary_badge_its_grace_period_a_lapse_and_a_revocation()
    {
        Assert.Contains(_organisations, o => o.Recognition(D("2025-01-01")).IsTemporary);
        Assert.Contains(_organisations, o => o.GracePeriod is { } grace && grace.EndDate >= Start && grace.EndDate < End);
        Assert.Contains(_organisations, o => o.AcceptedCriteria.Any(c => c.Revoked));
        Assert.Contains(_organisations, o => o.AcceptedCriteria.Any(c => c.ValidUntil is { } until && until > Start && until < End && !o.IsRecognisedOn(until.AddDays(1))));
    }

    public abstract Task DisposeAsync();

    private void Add(string name, Action<Organisation> recognise)
    {
        var kvk = (10_000_000 + _organisations.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var organisation = Organisation.Register(Guid.NewGuid(), KvkNumber.Parse(kvk), name, LegalForm.Bv, Municipality.Haarlem);
        organisation.RequestAdmission("Werk voor mensen met afstand tot de arbeidsmarkt in Haarlem.");
        organisation.Admit(Start.AddYears(-1));
        recognise(organisation);
        _organisations.Add(organisation);
    }

    private static HashSet<Guid> Ids(IEnumerable<Organisation> organisations) => [.. organisations.Select(o => o.Id)];

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The sweep on SQLite, in a file of its own.</summary>
public sealed class ValidOnSqlSweepTests : ValidOnSqlSweep
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kip-validon-").FullName;

    protected override ISupplierSearchSql Sql { get; } = new SqliteSupplierSearchSql();

    protected override KipDbContext NewContext() => new(new DbContextOptionsBuilder<KipDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "kip.db") }.ToString())
        .Options);

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        KipAppFactory.TryDelete(_folder);
        return Task.CompletedTask;
    }
}

/// <summary>The sweep on PostgreSQL, in a database of its own on the run's scratch server.</summary>
public sealed class PostgresValidOnSqlSweepTests : ValidOnSqlSweep
{
    private readonly string _connectionString = PostgresServer.ConnectionString(PostgresServer.NewDatabaseName("validon"));

    protected override ISupplierSearchSql Sql { get; } = new PostgresSupplierSearchSql();

    protected override KipDbContext NewContext() =>
        new PostgresKipDbContext(new DbContextOptionsBuilder<PostgresKipDbContext>().UseNpgsql(_connectionString).Options);

    public override Task DisposeAsync() => Task.CompletedTask;
}
