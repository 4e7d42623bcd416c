using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>
/// SROI demo data (rulebook §7), written next to the other demo data: two contract partners (demo persons linked to
/// their company by KvK), contracts with invoices from badge holders, and each municipality's building blocks table.
/// Each part is written once, also into a demo database from before SROI.
/// </summary>
public sealed class SroiDemoData(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    public static readonly Guid DuinzichtBloemendaalContract = new("5c0a0000-0000-4000-8000-000000000001");
    public static readonly Guid DuinzichtHaarlemContract = new("5c0a0000-0000-4000-8000-000000000002");
    public static readonly Guid SpaarnestadVelsenContract = new("5c0a0000-0000-4000-8000-000000000003");
    public static readonly Guid SpaarnestadHeemstedeContract = new("5c0a0000-0000-4000-8000-000000000004");

    /// <summary>The building blocks every municipality starts with: code, name, unit, value per unit in euros.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string Unit, decimal Value)> DefaultBuildingBlocks =
    [
        ("werkervaringsplaats", "Werkervaringsplaats", "maand", 500m),
        ("stageplaats", "Stageplaats (mbo/hbo)", "maand", 250m),
        ("leerwerkplek-bbl", "Leerwerkplek (bbl)", "jaar", 10_000m),
        ("baan-doelgroep", "Baan voor iemand uit het doelgroepenregister", "jaar", 25_000m),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Persons.AnyAsync(p => p.Id == DemoPersons.Entrepreneur, cancellationToken))
        {
            return; // not a demo database
        }

        var today = AmsterdamCalendar.Today(time);
        var now = time.GetUtcNow();
        if (!await db.Persons.AnyAsync(p => p.Id == DemoPersons.ContractPartner, cancellationToken))
        {
            db.Persons.AddRange(
                new Person { Id = DemoPersons.ContractPartner, Name = "Bas Kok", Email = "bas.kok@duinzicht-bouw.example.nl", Roles = [KipRoles.ContractPartner] },
                new Person { Id = DemoPersons.OtherContractPartner, Name = "Linda de Graaf", Email = "l.degraaf@spaarnestad-diensten.example.nl", Roles = [KipRoles.ContractPartner] });
            db.SroiPartnerLinks.AddRange(
                new SroiPartnerLink { PersonId = DemoPersons.ContractPartner, PartnerKvk = DemoPersons.DuinzichtKvk, Since = now },
                new SroiPartnerLink { PersonId = DemoPersons.OtherContractPartner, PartnerKvk = DemoPersons.SpaarnestadKvk, Since = now });
        }

        if (!await db.SroiBuildingBlocks.AnyAsync(cancellationToken))
        {
            var from = new DateOnly(today.Year - 1, 1, 1);
            foreach (var municipality in Municipality.All)
            {
                foreach (var (code, name, unit, value) in DefaultBuildingBlocks)
                {
                    db.SroiBuildingBlocks.Add(new SroiBuildingBlock
                    {
                        Id = Guid.NewGuid(),
                        Municipality = municipality.Code,
                        Code = code,
                        Name = name,
                        Unit = unit,
                        UnitValue = value,
                        ValidFrom = from,
                        RecordedAt = now,
                    });
                }
            }

            // History: Bloemendaal raised the value of a work-experience month this year.
            db.SroiBuildingBlocks.Add(new SroiBuildingBlock
            {
                Id = Guid.NewGuid(),
                Municipality = Municipality.Bloemendaal.Code,
                Code = "werkervaringsplaats",
                Name = "Werkervaringsplaats",
                Unit = "maand",
                UnitValue = 550m,
                ValidFrom = new DateOnly(today.Year, 1, 1),
                RecordedAt = now,
            });
        }

        if (!await db.SroiContracts.AnyAsync(cancellationToken))
        {
            AddContracts(db, today, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddContracts(KipDbContext db, DateOnly today, DateTimeOffset now)
    {
        var bloemendaal = Contract(
            DuinzichtBloemendaalContract, Municipality.Bloemendaal, DemoPersons.DuinzichtKvk, "Aannemersbedrijf Duinzicht B.V.", "Renovatie gemeentehuis Bloemendaal",
            "BLD-2025-014", ContractKind.Works, null, 2_400_000m, today.AddDays(-300), today.AddDays(60), today, now);
        db.SroiContracts.AddRange(
            bloemendaal,
            Contract(
                DuinzichtHaarlemContract, Municipality.Haarlem, DemoPersons.DuinzichtKvk, "Aannemersbedrijf Duinzicht B.V.", "Onderhoud openbare verlichting",
                "HLM-2026-102", ContractKind.Services, null, 850_000m, today.AddDays(-30), today.AddDays(700), today, now),
            Contract(
                SpaarnestadVelsenContract, Municipality.Velsen, DemoPersons.SpaarnestadKvk, "Facilitaire Diensten Spaarnestad B.V.", "Schoonmaak gemeentelijke gebouwen",
                "VLS-2026-007", ContractKind.Services, null, 640_000m, today.AddDays(-120), today.AddDays(600), today, now),
            Contract(
                SpaarnestadHeemstedeContract, Municipality.Heemstede, DemoPersons.SpaarnestadKvk, "Facilitaire Diensten Spaarnestad B.V.", "Levering kantoormeubilair",
                "HST-2026-031", ContractKind.Supplies, 25m, 320_000m, today.AddDays(-60), today.AddDays(300), today, now));

        // Purchases on the Bloemendaal contract: two verified from badge holders, one waiting for the officer.
        db.SroiInvoices.AddRange(
            Invoice(bloemendaal.Id, DemoPersons.SchoonEnSociaalId, "SS-2025-0412", today.AddDays(-200), 18_500m, SroiEntryStatus.Verified, now),
            Invoice(bloemendaal.Id, DemoPersons.CateringMetKansenId, "CMK-7781", today.AddDays(-90), 6_250.50m, SroiEntryStatus.Verified, now),
            Invoice(bloemendaal.Id, DemoPersons.SchoonEnSociaalId, "SS-2025-0533", today.AddDays(-14), 9_800m, SroiEntryStatus.Submitted, now));
    }

    private static SroiContract Contract(
        Guid id, Municipality municipality, string kvk, string partner, string title, string reference, ContractKind kind, decimal? labour, decimal value,
        DateOnly start, DateOnly end, DateOnly today, DateTimeOffset now)
    {
        var computed = new ContractTerms(municipality.Code, kvk, partner, title, reference, kind, labour, value, start, end, false).ComputeObligation(today);
        return new SroiContract
        {
            Id = id,
            Municipality = municipality.Code,
            PartnerKvk = kvk,
            PartnerName = partner,
            Title = title,
            Reference = reference,
            Kind = kind,
            LabourSharePercent = computed.LabourSharePercent,
            ValueExclVat = value,
            PeriodStart = start,
            PeriodEnd = end,
            ComputedObligation = computed.Amount,
            PolicyVersion = computed.PolicyVersion,
            CreatedBy = DemoPersons.SroiOfficer,
            CreatedAt = now,
        };
    }

    private static SroiInvoice Invoice(Guid contract, Guid supplier, string number, DateOnly date, decimal amount, SroiEntryStatus status, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ContractId = contract,
        SupplierOrganisationId = supplier,
        InvoiceNumber = number,
        InvoiceNumberKey = InvoiceNumbers.Key(number),
        InvoiceDate = date,
        AmountExclVat = amount,
        PdfStoredName = DemoPdfName,
        PdfFileName = $"factuur-{number}.pdf",
        PdfSize = 0,
        Status = status,
        DecidedBy = status == SroiEntryStatus.Submitted ? null : DemoPersons.SroiOfficer,
        DecidedAt = status == SroiEntryStatus.Submitted ? null : now,
        SubmittedBy = DemoPersons.ContractPartner,
        SubmittedAt = now,
    };

    /// <summary>Demo invoices have no file; their download answers "not found".</summary>
    public const string DemoPdfName = "demo-zonder-bestand.bin";
}

/// <summary>Invoice numbers as the unique index compares them.</summary>
public static class InvoiceNumbers
{
    public const int MaxLength = 60;

    /// <summary>Upper case, without spaces, dashes, dots, slashes and underscores: "F-2026/001" and "f 2026 001" are one invoice.</summary>
    public static string Key(string number) =>
        new([.. (number ?? string.Empty).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
