using KIP.Domain.Applications;
using KIP.Domain.Commission;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data.Configurations;

internal sealed class SeatTermConfiguration : IEntityTypeConfiguration<SeatTerm>
{
    public void Configure(EntityTypeBuilder<SeatTerm> builder)
    {
        builder.ToTable("SeatTerms");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Seat).HasConversion(Conversions.Seat).HasMaxLength(40);
        builder.HasIndex(t => new { t.Seat, t.Start });
        builder.HasIndex(t => t.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(t => t.LastDay);
    }
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("Meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Place).HasMaxLength(200);
        builder.Property(m => m.OnlineLink).HasMaxLength(500);
        builder.HasIndex(m => m.Date);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.ChairPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AgendaEntryConfiguration : IEntityTypeConfiguration<AgendaEntry>
{
    public void Configure(EntityTypeBuilder<AgendaEntry> builder)
    {
        builder.ToTable("AgendaEntries");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.MeetingId, a.ApplicationId }).IsUnique();
        builder.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Result).HasMaxLength(40);
    }
}

internal sealed class MotionConfiguration : IEntityTypeConfiguration<MotionRecord>
{
    public void Configure(EntityTypeBuilder<MotionRecord> builder)
    {
        builder.ToTable("Motions");
        builder.HasKey(m => m.Id);
        builder.HasOne<AgendaEntry>().WithMany().HasForeignKey(m => m.AgendaEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.Criteria).HasCriterionList();
        builder.Property(m => m.Outcome).HasMaxLength(20);
    }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<VoteRecord>
{
    public void Configure(EntityTypeBuilder<VoteRecord> builder)
    {
        builder.ToTable("Votes");
        builder.HasKey(v => v.Id);
        builder.HasOne<MotionRecord>().WithMany().HasForeignKey(v => v.MotionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.MotionId, v.PersonId }).IsUnique(); // rulebook §6: one vote per member per motion
        builder.Property(v => v.Choice).HasMaxLength(20);
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<DecisionRecord>
{
    public void Configure(EntityTypeBuilder<DecisionRecord> builder)
    {
        builder.ToTable("Decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Outcome).HasMaxLength(20);
        builder.Property(d => d.AcceptedCriteria).HasCriterionList();
        builder.Property(d => d.Recusals).HasStringList();
        builder.Property(d => d.Motivation).HasMaxLength(4000);
        builder.HasIndex(d => d.OrganisationId);
        builder.HasIndex(d => d.ApplicationId);
        builder.HasIndex(d => d.MeetingId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.HasIndex(a => a.At);
    }
}
