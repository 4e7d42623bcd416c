using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Domain.Sroi;
using static KIP.Tests.Domain.DomainBuilders;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Sroi;

/// <summary>Rulebook §7, what counts: the supplier's badge on the invoice date, excl. VAT, verified, never refused.</summary>
public class SroiCountingTests
{
    private static Organisation SupplierWithPsoUntil(string lastValidDay)
    {
        var supplier = NewOrganisation(Municipality.Bloemendaal);
        supplier.Accept(CriterionCode.Pso30Plus, D("2025-01-01"), D(lastValidDay), Guid.NewGuid());
        return supplier;
    }

    [Fact]
    public void An_invoice_dated_the_badges_last_day_counts_and_one_dated_the_day_after_does_not()
    {
        var supplier = SupplierWithPsoUntil("2026-06-30");

        var lastDay = SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-06-30"), 10_000m, SroiEntryStatus.Verified);
        var dayAfter = SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-07-01"), 10_000m, SroiEntryStatus.Verified);

        Assert.True(lastDay.Counts);
        Assert.Equal(10_000m, lastDay.Amount);
        Assert.Equal(CountReason.SupplierNotRecognised, dayAfter.Reason);
        Assert.Equal(0m, dayAfter.Amount);
    }

    [Fact]
    public void A_temporary_badge_counts_through_the_last_day_of_its_grace_period()
    {
        var startup = NewOrganisation(Municipality.Haarlem);
        startup.Accept(CriterionCode.StartupZzp, D("2025-03-15"), null, Guid.NewGuid());
        var lastDay = RecognitionPolicy.GraceEndDate(D("2025-03-15"));
        Assert.Equal(D("2027-03-14"), lastDay);
        Assert.True(startup.Recognition(lastDay).IsTemporary);

        Assert.True(SroiCounting.Invoice(startup.AcceptedCriteria, lastDay, 5_000m, SroiEntryStatus.Verified).Counts);
        Assert.False(SroiCounting.Invoice(startup.AcceptedCriteria, lastDay.AddDays(1), 5_000m, SroiEntryStatus.Verified).Counts);
    }

    [Fact]
    public void A_badge_the_supplier_gained_after_the_invoice_date_does_not_make_it_count()
    {
        var supplier = SupplierWithPsoUntil("2027-12-31");
        Assert.False(SroiCounting.Invoice(supplier.AcceptedCriteria, D("2024-12-31"), 1_000m, SroiEntryStatus.Verified).Counts);
    }

    [Fact]
    public void A_revoked_recognition_stops_counting_from_the_revocation_date()
    {
        var supplier = SupplierWithPsoUntil("2027-12-31");
        supplier.RevokeAll(D("2026-05-01"), "Certificaat ingetrokken");

        Assert.True(SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-04-30"), 1_000m, SroiEntryStatus.Verified).Counts);
        Assert.False(SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-05-01"), 1_000m, SroiEntryStatus.Verified).Counts);
    }

    [Fact]
    public void The_whole_amount_excl_vat_counts_and_vat_never_does()
    {
        var supplier = SupplierWithPsoUntil("2027-12-31");
        const decimal exclVat = 12_100.50m;

        var count = SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), exclVat, SroiEntryStatus.Verified);

        // Incl. 21% VAT the invoice is 14,641.61; only the amount excl. VAT is ever counted, all of it.
        Assert.Equal(exclVat, count.Amount);
        Assert.Equal(1.00m, SroiCounting.InvoiceShareCounted);
        var progress = SroiProgress.Of(60_000m, [count], D("2027-12-31"), D("2026-12-02"));
        Assert.Equal(exclVat, progress.Realised);
    }

    [Fact]
    public void A_refused_invoice_never_counts_and_an_unverified_one_not_yet()
    {
        var supplier = SupplierWithPsoUntil("2027-12-31");

        Assert.Equal(CountReason.Refused, SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), 1_000m, SroiEntryStatus.Refused).Reason);
        Assert.Equal(CountReason.NotVerified, SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), 1_000m, SroiEntryStatus.Submitted).Reason);
        var progress = SroiProgress.Of(
            10_000m,
            [SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), 1_000m, SroiEntryStatus.Refused),
             SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), 2_000m, SroiEntryStatus.Submitted),
             SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), 3_000m, SroiEntryStatus.Verified)],
            D("2027-12-31"),
            D("2026-12-02"));
        Assert.Equal(3_000m, progress.Realised);
    }

    [Fact]
    public void An_amount_with_more_than_two_decimals_or_below_zero_is_refused()
    {
        var supplier = SupplierWithPsoUntil("2027-12-31");
        Assert.Equal("sroi.amount-invalid", Assert.Throws<DomainException>(() => SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), 10.001m, SroiEntryStatus.Verified)).Code);
        Assert.Equal("sroi.amount-invalid", Assert.Throws<DomainException>(() => SroiCounting.Invoice(supplier.AcceptedCriteria, D("2026-03-01"), -1m, SroiEntryStatus.Verified)).Code);
    }

    [Fact]
    public void Building_blocks_are_valued_by_the_row_valid_on_the_activitys_date()
    {
        BuildingBlockValue[] rows =
        [
            new("werkervaringsplaats", D("2025-01-01"), 2_500m),
            new("werkervaringsplaats", D("2026-07-01"), 2_750m),
            new("stageplaats", D("2025-01-01"), 1_000m),
        ];

        Assert.Null(BuildingBlockTable.ValueOn(rows, "werkervaringsplaats", D("2024-12-31"), 1m));
        Assert.Equal(5_000m, BuildingBlockTable.ValueOn(rows, "werkervaringsplaats", D("2026-06-30"), 2m));
        Assert.Equal(5_500m, BuildingBlockTable.ValueOn(rows, "werkervaringsplaats", D("2026-07-01"), 2m));
        Assert.Equal(CountReason.NoBuildingBlockValue, SroiCounting.Activity(null, SroiEntryStatus.Verified).Reason);
        Assert.Equal(1_500m, SroiCounting.Activity(BuildingBlockTable.ValueOn(rows, "stageplaats", D("2026-01-01"), 1.5m), SroiEntryStatus.Verified).Amount);
    }

    [Fact]
    public void Reminders_come_90_and_30_days_before_the_period_ends_while_not_met()
    {
        var end = D("2027-03-31");
        SroiProgress NotMet(string today) => SroiProgress.Of(60_000m, [new SroiCount(CountReason.Counts, 10_000m)], end, D(today));

        Assert.Null(NotMet("2026-12-30").RemindersDueOn(D("2026-12-30")).Send);
        Assert.Equal(90, NotMet("2026-12-31").RemindersDueOn(D("2026-12-31")).Send);
        Assert.Equal(30, NotMet("2027-03-01").RemindersDueOn(D("2027-03-01")).Send);
        Assert.Equal([90], NotMet("2027-03-01").RemindersDueOn(D("2027-03-01")).Moot);
        Assert.Null(NotMet("2027-04-01").RemindersDueOn(D("2027-04-01")).Send);

        var met = SroiProgress.Of(60_000m, [new SroiCount(CountReason.Counts, 60_000m)], end, D("2027-03-01"));
        Assert.True(met.Met);
        Assert.Null(met.RemindersDueOn(D("2027-03-01")).Send);
        Assert.Equal(30, NotMet("2027-03-01").DaysLeft);
        Assert.Equal(16, NotMet("2027-03-01").Percent);
        Assert.Equal(50_000m, NotMet("2027-03-01").Remaining);
    }
}
