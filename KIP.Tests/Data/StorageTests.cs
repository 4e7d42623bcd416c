using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Data;

/// <summary>What KIP stores and reads back, on SQLite (<see cref="StorageTests"/>) and PostgreSQL (<see cref="PostgresStorageTests"/>).</summary>
public abstract class StorageTestsBase(AppFixture fixture)
{
    protected AppFixture Fixture => fixture;

    [Fact]
    public async Task Recognised_on_date_query_agrees_with_the_domain_for_every_demo_organisation()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();
        var organisations = await db.Organisations.AsNoTracking().ToListAsync();
        Assert.True(organisations.Count >= 30, "the demo data has a few dozen organisations");

        // Every boundary of every stored interval, and a sweep over four years around today.
        var today = AmsterdamCalendar.Today(TimeProvider.System);
        var dates = organisations.SelectMany(o => o.AcceptedCriteria)
            .SelectMany(c => new[] { c.ValidFrom.AddDays(-1), c.ValidFrom, c.ValidUntil, c.ValidUntil?.AddDays(1), c.EndedOn?.AddDays(-1), c.EndedOn })
            .OfType<DateOnly>()
            .Concat(Enumerable.Range(-104, 209).Select(week => today.AddDays(week * 7)))
            .Distinct()
            .ToList();

        foreach (var date in dates)
        {
            var fromQuery = (await db.Organisations.RecognisedOn(date).Select(o => o.Id).ToListAsync()).ToHashSet();
            var fromDomain = organisations.Where(o => o.IsRecognisedOn(date)).Select(o => o.Id).ToHashSet();
            Assert.True(fromDomain.SetEquals(fromQuery), $"query and domain disagree on {date:yyyy-MM-dd}");
            var notRecognised = (await db.Organisations.NotRecognisedOn(date).Select(o => o.Id).ToListAsync()).ToHashSet();
            Assert.Equal(organisations.Count, fromQuery.Count + notRecognised.Count);
        }
    }

    [Fact]
    public async Task Demo_data_covers_every_criterion_a_grace_period_ending_soon_a_lapse_and_a_revocation()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();
        var organisations = await db.Organisations.AsNoTracking().ToListAsync();
        var today = AmsterdamCalendar.Today(TimeProvider.System);

        foreach (var code in CriterionCode.All)
        {
            Assert.Contains(organisations, o => o.ValidCriteriaOn(today).Any(c => c.Code == code));
        }

        Assert.Contains(organisations, o => o.GracePeriod is { } grace && grace.IsRunningOn(today) && grace.EndDate <= today.AddDays(60));
        Assert.Contains(organisations, o => o.AcceptedCriteria.Count > 0 && !o.IsRecognisedOn(today) && o.AcceptedCriteria.All(c => !c.Revoked));
        Assert.Contains(organisations, o => o.AcceptedCriteria.Any(c => c.Revoked) && !o.IsRecognisedOn(today));
        Assert.Equal(Municipality.All.Select(m => m.Code).Order(), organisations.Select(o => o.EstablishedIn!.Code).Distinct().Order());
    }

    [Fact]
    public async Task Every_demo_recognition_rests_on_an_imported_decision_without_votes()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();
        var criteria = await db.Organisations.AsNoTracking().SelectMany(o => o.AcceptedCriteria).ToListAsync();
        var decisions = await db.Decisions.AsNoTracking().ToDictionaryAsync(d => d.Id);

        Assert.NotEmpty(criteria);
        Assert.All(criteria, c =>
        {
            var decision = decisions[c.DecisionId!.Value];
            Assert.Equal(DecisionKind.Imported, decision.Kind);
            Assert.Null(decision.MotionId);
            Assert.Contains(c.Code, decision.AcceptedCriteria);
        });
    }

    [Fact]
    public async Task Every_seat_is_held_and_the_planned_meeting_has_applications_on_its_agenda()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();
        var today = AmsterdamCalendar.Today(TimeProvider.System);
        var terms = await db.SeatTerms.AsNoTracking().ToListAsync();
        var planned = await db.Meetings.AsNoTracking().Include(m => m.Agenda).SingleAsync(m => m.Status == MeetingStatus.Planned);
        var onAgenda = planned.Agenda.Select(a => a.ApplicationId).ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => onAgenda.Contains(a.Id)).ToListAsync();

        Assert.Equal(5, new KIP.Domain.Commission.SeatRegister(terms).HoldersOn(today).Count);
        Assert.True(planned.Date > today);
        Assert.Equal(3, applications.Count);
        Assert.All(applications, a => Assert.Equal(KIP.Domain.Applications.ApplicationStatus.InReview, a.Status));
    }

    [Fact]
    public async Task An_organisation_round_trips_with_its_accepted_criteria_and_kvk_history()
    {
        var id = Guid.NewGuid();
        var today = new DateOnly(2026, 11, 26);
        await using (var db = await Fixture.Db.CreateDbContextAsync())
        {
            var organisation = Organisation.Register(id, KvkNumber.Parse("00012345"), "Testbedrijf Rondje", LegalForm.Eenmanszaak,
                Municipality.Zandvoort, [Municipality.Haarlem, Municipality.Velsen], new DateOnly(2024, 2, 29), 0);
            var decision = new DecisionRecord
            {
                Id = Guid.NewGuid(),
                Kind = DecisionKind.Imported,
                OrganisationId = id,
                Outcome = "recognised",
                AcceptedCriteria = [CriterionCode.StartupZzp],
                Motivation = "Test",
                DecidedOn = today,
                RecordedAt = DateTimeOffset.UtcNow,
            };
            db.Decisions.Add(decision);
            organisation.Accept(CriterionCode.StartupZzp, today, null, decision.Id);
            organisation.ChangeKvkNumber(KvkNumber.Parse("00054321"), today);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        }

        await using (var db = await Fixture.Db.CreateDbContextAsync())
        {
            var stored = await db.Organisations.SingleAsync(o => o.Id == id);
            Assert.Equal("00054321", stored.KvkNumber.Value);
            Assert.Equal(LegalForm.Eenmanszaak, stored.LegalForm);
            Assert.Equal([Municipality.Haarlem, Municipality.Velsen], stored.WorksIn);
            Assert.Equal(new DateOnly(2024, 2, 29), stored.FoundedOn);
            Assert.Equal(new DateOnly(2028, 11, 25), Assert.Single(stored.AcceptedCriteria).ValidUntil);
            Assert.Equal("00012345", Assert.Single(stored.KvkNumberHistory).Previous.Value);
            Assert.True(stored.Recognition(today).IsTemporary);
        }
    }

    [Fact]
    public async Task A_second_organisation_with_the_same_kvk_number_is_refused_by_the_database()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();
        var existing = await db.Organisations.AsNoTracking().Select(o => o.KvkNumber).FirstAsync();
        db.Organisations.Add(Organisation.Register(Guid.NewGuid(), existing, "Kopie", LegalForm.Bv, Municipality.Haarlem));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(StorageErrors.IsUniqueViolation(error), error.InnerException?.Message);
    }
}

[Collection(AppCollection.Name)]
public sealed class StorageTests(AppFixture fixture) : StorageTestsBase(fixture)
{
    [Fact]
    public async Task Schema_comes_from_migrations_and_the_database_runs_in_WAL_mode()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var pending = await db.Database.GetPendingMigrationsAsync();
        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.True(db.Database.IsSqlite());
        Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(pending);
        Assert.Equal("wal", Assert.Single(mode));
    }
}
