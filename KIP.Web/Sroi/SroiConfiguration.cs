using KIP.Domain.Organisations;
using KIP.Web.Data;
using KIP.Web.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Sroi;

internal sealed class SroiContractConfiguration : IEntityTypeConfiguration<SroiContract>
{
    public void Configure(EntityTypeBuilder<SroiContract> builder)
    {
        builder.ToTable("SroiContracts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Municipality).HasMaxLength(20);
        builder.Property(c => c.PartnerKvk).HasMaxLength(8);
        builder.Property(c => c.PartnerName).HasMaxLength(200);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Reference).HasMaxLength(200);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.PolicyVersion).HasMaxLength(60);
        builder.Property(c => c.OverrideReason).HasMaxLength(2000);
        builder.Property(c => c.OverrideAt).HasConversion(Instants.Converter);
        builder.Property(c => c.CreatedAt).HasConversion(Instants.Converter);
        builder.Ignore(c => c.Obligation);
        builder.HasIndex(c => new { c.Municipality, c.PeriodEnd });
        builder.HasIndex(c => c.PartnerKvk);
    }
}

internal sealed class SroiInvoiceConfiguration : IEntityTypeConfiguration<SroiInvoice>
{
    public void Configure(EntityTypeBuilder<SroiInvoice> builder)
    {
        builder.ToTable("SroiInvoices");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<SroiContract>().WithMany().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.SupplierOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.InvoiceNumber).HasMaxLength(60);
        builder.Property(i => i.InvoiceNumberKey).HasMaxLength(60);
        builder.Property(i => i.PdfStoredName).HasMaxLength(100);
        builder.Property(i => i.PdfFileName).HasMaxLength(120);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.RefusalReason).HasMaxLength(2000);
        builder.Property(i => i.DecidedAt).HasConversion(Instants.Converter);
        builder.Property(i => i.SubmittedAt).HasConversion(Instants.Converter);

        // Rulebook §7: the same invoice number of the same supplier counts once, whichever contract it is entered on.
        builder.HasIndex(i => new { i.SupplierOrganisationId, i.InvoiceNumberKey }).IsUnique();
        builder.HasIndex(i => new { i.ContractId, i.InvoiceDate });
    }
}

internal sealed class SroiActivityConfiguration : IEntityTypeConfiguration<SroiActivity>
{
    public void Configure(EntityTypeBuilder<SroiActivity> builder)
    {
        builder.ToTable("SroiActivities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<SroiContract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.BuildingBlockCode).HasMaxLength(60);
        builder.Property(a => a.Description).HasMaxLength(500);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.RefusalReason).HasMaxLength(2000);
        builder.Property(a => a.DecidedAt).HasConversion(Instants.Converter);
        builder.Property(a => a.SubmittedAt).HasConversion(Instants.Converter);
        builder.HasIndex(a => new { a.ContractId, a.Date });
    }
}

internal sealed class SroiBuildingBlockConfiguration : IEntityTypeConfiguration<SroiBuildingBlock>
{
    public void Configure(EntityTypeBuilder<SroiBuildingBlock> builder)
    {
        builder.ToTable("SroiBuildingBlocks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Municipality).HasMaxLength(20);
        builder.Property(b => b.Code).HasMaxLength(60);
        builder.Property(b => b.Name).HasMaxLength(200);
        builder.Property(b => b.Unit).HasMaxLength(60);
        builder.Property(b => b.RecordedAt).HasConversion(Instants.Converter);

        // History: one row per block and valid-from date; a correction on the same date is a new row on another date.
        builder.HasIndex(b => new { b.Municipality, b.Code, b.ValidFrom }).IsUnique();
    }
}

internal sealed class SroiPartnerLinkConfiguration : IEntityTypeConfiguration<SroiPartnerLink>
{
    public void Configure(EntityTypeBuilder<SroiPartnerLink> builder)
    {
        builder.ToTable("SroiPartnerLinks");
        builder.HasKey(l => new { l.PersonId, l.PartnerKvk });
        builder.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(l => l.PartnerKvk).HasMaxLength(8);
        builder.Property(l => l.Since).HasConversion(Instants.Converter);
    }
}

internal sealed class SroiSentReminderConfiguration : IEntityTypeConfiguration<SroiSentReminder>
{
    public void Configure(EntityTypeBuilder<SroiSentReminder> builder)
    {
        builder.ToTable("SroiSentReminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<SroiContract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.At).HasConversion(Instants.Converter);
        builder.HasIndex(r => new { r.ContractId, r.PeriodEnd, r.DaysBefore }).IsUnique();
    }
}
