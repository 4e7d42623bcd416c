using System.Diagnostics;
using System.Globalization;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Bench;

/// <summary>
/// Writes N realistic organisations into a KIP database the way the app stores them: the app's
/// migrations, then the domain (<see cref="Organisation.Register"/>, admission, <see cref="Organisation.Accept"/>
/// with an imported <see cref="DecisionRecord"/>) and an <see cref="OrganisationProfile"/> through EF Core,
/// so the search index (FTS5 on SQLite, tsvector on PostgreSQL) is filled by the app's own triggers. Same seed, same organisations (dates relative to today).
/// </summary>
internal static class Generator
{
    private const int BatchSize = 1_000;

    public static async Task MigrateAsync(BenchDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (database.Provider == BenchProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public static async Task<int> CountAsync(BenchDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.NewContext();
        return await db.Organisations.CountAsync(cancellationToken);
    }

    public static async Task GenerateAsync(BenchDatabase database, int count, int seed, DateOnly today, TextWriter log, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = database.NewContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var end = Math.Min(count, start + BatchSize);
            for (var n = start; n < end; n++)
            {
                AddOrganisation(db, random, n, today, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            if ((end / BatchSize) % 10 == 0 || end == count)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated {end:N0} organisations ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
        }
    }

    private static void AddOrganisation(KipDbContext db, Random random, int n, DateOnly today, DateTimeOffset now)
    {
        var category = Pick(random, Words.Categories);
        var categories = random.NextDouble() < 0.35
            ? new[] { category.Code, Pick(random, Words.Categories).Code }.Distinct().ToArray()
            : [category.Code];
        var themes = Catalog.ImpactThemes.Where(_ => random.NextDouble() < 0.25).DefaultIfEmpty(Pick(random, Catalog.ImpactThemes)).ToArray();
        var municipality = Pick(random, Words.Municipalities);
        var place = Pick(random, municipality.Places);
        var worksIn = Words.Municipalities.Where(m => m != municipality && random.NextDouble() < 0.2).Select(m => KIP.Domain.Municipality.Parse(m.Code));
        var trade = Pick(random, category.Trades);
        var name = Name(random, trade, place);
        var legalForm = Pick(random, Words.LegalForms);

        var organisation = Organisation.Register(
            Guid.CreateVersion7(now.AddTicks(n)), KvkNumber.Parse((10_000_000 + n).ToString(CultureInfo.InvariantCulture)), name,
            LegalForm.Parse(legalForm), KIP.Domain.Municipality.Parse(municipality.Code), worksIn,
            today.AddDays(-random.Next(60, 365 * 40)), random.Next(0, 120));

        var admission = random.NextDouble();
        if (admission < 0.95)
        {
            organisation.RequestAdmission($"{name} wil met haar werk in Zuid-Kennemerland en IJmond mensen kansen geven.");
            if (admission < 0.9)
            {
                organisation.Admit(today.AddDays(-random.Next(1, 2_000)));
                Recognise(db, random, organisation, today, now);
            }
        }

        db.Organisations.Add(organisation);
        var slug = Slug(name) + n.ToString(CultureInfo.InvariantCulture);
        db.Profiles.Add(new OrganisationProfile
        {
            OrganisationId = organisation.Id,
            Description = Description(random, trade, place, municipality.Name),
            Offer = Offer(random, category),
            Place = place,
            Address = $"{Pick(random, Words.Streets)} {random.Next(1, 250)}, {place}",
            Website = random.NextDouble() < 0.8 ? $"https://{slug}.example.nl" : null,
            PublicEmail = $"info@{slug}.example.nl",
            PublicPhone = "023 " + random.Next(100, 999) + " " + random.Next(1000, 9999),
            Categories = categories,
            ImpactThemes = themes,
            ContactName = $"{Pick(random, Words.FirstNames)} {Pick(random, Words.Surnames)}",
            ContactEmail = $"contact@{slug}.example.nl",
            ContactPhone = "06 " + random.Next(1000, 9999) + " " + random.Next(1000, 9999),
            UpdatedAt = now,
        });
    }

    /// <summary>About 40% of admitted organisations hold or held a criterion: open-ended, dated (some lapsed), a startup grace period, a few revoked.</summary>
    private static void Recognise(KipDbContext db, Random random, Organisation organisation, DateOnly today, DateTimeOffset now)
    {
        if (random.NextDouble() >= 0.4)
        {
            return;
        }

        var grants = random.NextDouble() < 0.2 ? 2 : 1;
        foreach (var code in CriterionCode.All.OrderBy(_ => random.Next()).Take(grants))
        {
            var from = today.AddDays(-random.Next(1, 5 * 365));
            DateOnly? until = null;
            if (code == CriterionCode.Pso30Plus)
            {
                until = from.AddDays(random.Next(180, 3 * 365));
            }
            else if (code == CriterionCode.BCorp)
            {
                until = from.AddYears(3).AddDays(-1);
            }
            else if (code == CriterionCode.StartupZzp)
            {
                from = today.AddDays(-random.Next(1, 3 * 365));
            }

            var decision = new DecisionRecord
            {
                Id = Guid.CreateVersion7(now),
                Kind = DecisionKind.Imported,
                OrganisationId = organisation.Id,
                Outcome = "recognised",
                AcceptedCriteria = [code],
                Motivation = "Erkenning overgenomen uit het register van de Commissie Sociaal Inkopen (sinds 2020).",
                DecidedOn = from,
                RecordedAt = now,
            };
            db.Decisions.Add(decision);
            organisation.Accept(code, from, until, decision.Id);
        }

        var revokedOn = today.AddDays(-random.Next(1, 365));
        if (random.NextDouble() < 0.03 && organisation.IsRecognisedOn(revokedOn))
        {
            organisation.RevokeAll(revokedOn, "Het lidmaatschap is beëindigd.");
        }
    }

    private static string Name(Random random, string trade, string place) => random.Next(6) switch
    {
        0 => $"{trade} {Pick(random, Words.Surnames)}",
        1 => $"{trade} {place}",
        2 => $"{Pick(random, Words.Adjectives)} {trade}",
        3 => $"{trade} De {Pick(random, Words.Nature)}",
        4 => $"{Pick(random, Words.Adjectives)} {trade} {place}",
        _ => $"{Pick(random, Words.Nature)} {trade}",
    };

    private static string Description(Random random, string trade, string place, string municipality)
    {
        var text = $"{trade} in {place} ({municipality}) {Pick(random, Words.Workforce)}. {Pick(random, Words.Sentences)}";
        if (random.NextDouble() < 0.5)
        {
            text += " " + Pick(random, Words.Sentences);
        }

        if (random.NextDouble() < 0.02)
        {
            text += $" Bijzonder: {Pick(random, Words.Rare)}.";
        }

        return text;
    }

    private static string Offer(Random random, Words.Category category)
    {
        var services = category.Services.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).ToList();
        return string.Join(", ", services) + ".";
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];

    private static string Slug(string name) =>
        new string([.. name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetterOrDigit)]);
}
