using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Live;

/// <summary>A member recused for an agenda item (rulebook §6): self-declared or flagged by the chair.</summary>
public sealed class RecusalRecord
{
    public Guid Id { get; set; }

    public Guid AgendaEntryId { get; set; }

    public Guid PersonId { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>The chair handed an agenda item to another present member, who chairs it from <see cref="At"/>.</summary>
public sealed class HandOverRecord
{
    public Guid Id { get; set; }

    public Guid AgendaEntryId { get; set; }

    public Guid ToPersonId { get; set; }

    public Guid By { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>Who was present in a session when (for the decision list): one row per stay, open while present.</summary>
public sealed class AttendanceRecord
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public DateTimeOffset? LeftAt { get; set; }
}

internal sealed class RecusalConfiguration : IEntityTypeConfiguration<RecusalRecord>
{
    public void Configure(EntityTypeBuilder<RecusalRecord> builder)
    {
        builder.ToTable("Recusals");
        builder.HasKey(r => r.Id);
        builder.HasOne<AgendaEntry>().WithMany().HasForeignKey(r => r.AgendaEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AgendaEntryId, r.PersonId }).IsUnique();
    }
}

internal sealed class HandOverConfiguration : IEntityTypeConfiguration<HandOverRecord>
{
    public void Configure(EntityTypeBuilder<HandOverRecord> builder)
    {
        builder.ToTable("HandOvers");
        builder.HasKey(h => h.Id);
        builder.HasOne<AgendaEntry>().WithMany().HasForeignKey(h => h.AgendaEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(h => h.ToPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.AgendaEntryId);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> builder)
    {
        builder.ToTable("Attendance");
        builder.HasKey(a => a.Id);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.MeetingId, a.PersonId });
    }
}
