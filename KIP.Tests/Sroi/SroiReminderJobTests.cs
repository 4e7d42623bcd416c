using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Tests.Notifications;
using KIP.Web.Data;
using KIP.Web.Notifications;
using KIP.Web.Sroi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace KIP.Tests.Sroi;

/// <summary>
/// Rulebook §7 Progress with a fake clock: 90 and 30 days before a contract's period ends, while its obligation is
/// not met, the contract partner and the officer who entered it get a message in the outbox (and in the app); a met
/// contract gets none; a second pass on the same day sends nothing again.
/// </summary>
public sealed class SroiReminderJobTests
{
    private static readonly DateOnly PeriodEnd = new(2027, 6, 30);

    private static DateOnly DaysBefore(int days) => PeriodEnd.AddDays(-days);

    private sealed record Scene(NotificationHost Host, Guid Supplier, Guid Officer, Guid Partner)
    {
        public SroiReminderJob Job => Host.Services.GetRequiredService<SroiReminderJob>();
    }

    /// <summary>Officer Lotte, Bas of Aannemersbedrijf Duinzicht (linked by KvK), and a supplier holding the badge since 2025.</summary>
    private static async Task<Scene> SceneAsync(DateOnly today)
    {
        var host = await NotificationHost.StartAsync(today);
        var supplier = await host.OrganisationAsync("Schoonmaakbedrijf Schoon & Sociaal", new DateOnly(2025, 1, 1), null);
        var officer = new Person { Id = Guid.NewGuid(), Name = "Lotte Mulder", Email = "l.mulder@bloemendaal.example", Roles = [KipRoles.SroiOfficer] };
        var partner = new Person { Id = Guid.NewGuid(), Name = "Bas Kok", Email = "bas.kok@duinzicht.example", Roles = [KipRoles.ContractPartner] };
        await using var db = await host.Db.CreateDbContextAsync();
        db.Persons.AddRange(officer, partner);
        db.SroiPartnerLinks.Add(new SroiPartnerLink { PersonId = partner.Id, PartnerKvk = "12345678", Since = host.Time.GetUtcNow() });
        await db.SaveChangesAsync();
        return new Scene(host, supplier, officer.Id, partner.Id);
    }

    /// <summary>A services contract of Duinzicht in Bloemendaal ending on <see cref="PeriodEnd"/>, with the obligation given.</summary>
    private static async Task<Guid> ContractAsync(Scene scene, string title, decimal obligation)
    {
        var contract = new SroiContract
        {
            Id = Guid.NewGuid(),
            Municipality = Municipality.Bloemendaal.Code,
            PartnerKvk = "12345678",
            PartnerName = "Aannemersbedrijf Duinzicht B.V.",
            Title = title,
            Reference = "BLD-" + title[..3].ToUpperInvariant(),
            Kind = ContractKind.Services,
            ValueExclVat = obligation * 20,
            PeriodStart = new DateOnly(2026, 1, 1),
            PeriodEnd = PeriodEnd,
            ComputedObligation = obligation,
            PolicyVersion = "bloemendaal-2024",
            CreatedBy = scene.Officer,
            CreatedAt = scene.Host.Time.GetUtcNow(),
        };
        await using var db = await scene.Host.Db.CreateDbContextAsync();
        db.SroiContracts.Add(contract);
        await db.SaveChangesAsync();
        return contract.Id;
    }

    /// <summary>An invoice of the badge-holding supplier, verified by the officer (it counts).</summary>
    private static async Task VerifiedInvoiceAsync(Scene scene, Guid contract, string number, decimal amount)
    {
        await using var db = await scene.Host.Db.CreateDbContextAsync();
        db.SroiInvoices.Add(new SroiInvoice
        {
            Id = Guid.NewGuid(),
            ContractId = contract,
            SupplierOrganisationId = scene.Supplier,
            InvoiceNumber = number,
            InvoiceNumberKey = InvoiceNumbers.Key(number),
            InvoiceDate = new DateOnly(2026, 3, 2),
            AmountExclVat = amount,
            PdfStoredName = "factuur.pdf",
            PdfFileName = "factuur.pdf",
            Status = SroiEntryStatus.Verified,
            DecidedBy = scene.Officer,
            DecidedAt = scene.Host.Time.GetUtcNow(),
            SubmittedBy = scene.Partner,
            SubmittedAt = scene.Host.Time.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(NotificationHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.OutboxMessages.OrderBy(m => m.CreatedAt).ThenBy(m => m.To).ToListAsync();
    }

    private static async Task<List<(Guid Person, int DaysBefore, string Title)>> NotificationsAsync(NotificationHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        var rows = await db.Notifications.Where(n => n.TextKey == SroiReminderJob.NotificationTextKey).ToListAsync();
        return [.. rows.OrderBy(n => n.CreatedAt).ThenBy(n => n.PersonId).Select(n => (n.PersonId, n.DaysBefore, n.OrganisationName))];
    }

    private static string[] Addresses(IEnumerable<OutboxMessage> mails) => [.. mails.Select(m => MailboxAddress.Parse(m.To).Address).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Not_met_90_and_30_days_before_the_end_the_partner_and_the_officer_get_one_mail_each_time_and_a_met_contract_none()
    {
        var scene = await SceneAsync(DaysBefore(91));
        await using var host = scene.Host;
        var behind = await ContractAsync(scene, "Renovatie gemeentehuis", 60_000m);
        var met = await ContractAsync(scene, "Onderhoud duinpaden", 15_000m);
        await VerifiedInvoiceAsync(scene, behind, "SS-1", 10_000m);
        await VerifiedInvoiceAsync(scene, met, "SS-2", 15_000m);

        // 91 days before the end: nothing is due yet.
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        Assert.Empty(await OutboxAsync(host));

        // 90 days: the contract behind gets its reminder, to Bas and to Lotte; the met one none.
        host.GoTo(DaysBefore(90));
        Assert.Equal(1, await scene.Job.RunOnceAsync(default));
        var mails = await OutboxAsync(host);
        Assert.Equal(["bas.kok@duinzicht.example", "l.mulder@bloemendaal.example"], Addresses(mails));
        Assert.All(mails, mail =>
        {
            Assert.Equal("SROI-verplichting nog niet gehaald: Renovatie gemeentehuis (looptijd tot 30 juni 2027)", mail.Subject);
            Assert.Contains("gerealiseerd is € 10.000 van € 60.000", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://kip.example.nl/sroi/contracten/{behind}", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Onderhoud duinpaden", mail.TextBody, StringComparison.Ordinal);
        });
        Assert.Equal(
            [(scene.Officer, 90, "Renovatie gemeentehuis"), (scene.Partner, 90, "Renovatie gemeentehuis")],
            (await NotificationsAsync(host)).OrderBy(n => n.Person == scene.Officer ? 0 : 1));

        // The same day again (a restart): no second mail.
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        Assert.Equal(2, (await OutboxAsync(host)).Count);

        // 31 days: nothing new; 30 days: the second reminder, once.
        host.GoTo(DaysBefore(31));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        host.GoTo(DaysBefore(30));
        Assert.Equal(1, await scene.Job.RunOnceAsync(default));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        mails = await OutboxAsync(host);
        Assert.Equal(4, mails.Count);
        Assert.Equal(["bas.kok@duinzicht.example", "l.mulder@bloemendaal.example"], Addresses(mails.Skip(2)));
        Assert.Equal([90, 90, 30, 30], (await NotificationsAsync(host)).Select(n => n.DaysBefore));

        // After the end nothing more is sent.
        host.GoTo(PeriodEnd.AddDays(1));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        Assert.Equal(4, (await OutboxAsync(host)).Count);
    }

    [Fact]
    public async Task A_contract_that_meets_its_obligation_before_the_30_day_reminder_gets_no_second_one()
    {
        var scene = await SceneAsync(DaysBefore(90));
        await using var host = scene.Host;
        var contract = await ContractAsync(scene, "Renovatie gemeentehuis", 60_000m);
        await VerifiedInvoiceAsync(scene, contract, "SS-1", 10_000m);

        Assert.Equal(1, await scene.Job.RunOnceAsync(default));
        Assert.Equal(2, (await OutboxAsync(host)).Count);

        // The partner buys the rest from the badge holder; the officer verifies it: the obligation is met.
        await VerifiedInvoiceAsync(scene, contract, "SS-2", 50_000m);
        host.GoTo(DaysBefore(30));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        Assert.Equal(2, (await OutboxAsync(host)).Count);
        Assert.Equal([90, 90], (await NotificationsAsync(host)).Select(n => n.DaysBefore));
    }

    [Fact]
    public async Task An_invoice_from_a_supplier_without_the_badge_on_its_date_does_not_make_the_contract_met()
    {
        var scene = await SceneAsync(DaysBefore(30));
        await using var host = scene.Host;
        var contract = await ContractAsync(scene, "Renovatie gemeentehuis", 60_000m);
        await VerifiedInvoiceAsync(scene, contract, "SS-1", 10_000m);
        await scene.Host.ChangeAsync(scene.Supplier, o => o.RevokeAll(new DateOnly(2026, 3, 1), "Het lidmaatschap is beëindigd."));

        // Revoked the day before the invoice: verified, yet it does not count; realised € 0.
        Assert.Equal(1, await scene.Job.RunOnceAsync(default));
        var mails = await OutboxAsync(host);
        Assert.Equal(2, mails.Count);
        Assert.All(mails, mail => Assert.Contains("gerealiseerd is € 0 van € 60.000", mail.TextBody, StringComparison.Ordinal));
    }
}
