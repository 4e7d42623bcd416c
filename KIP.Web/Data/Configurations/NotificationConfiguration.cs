using KIP.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KIP.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    private const char ArgumentSeparator = '\u001F';

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(n => n.OrganisationId).IsRequired(false).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.TextKey).HasMaxLength(100);
        // Positional and possibly empty, names may hold commas: separated by the ASCII unit separator.
        builder.Property(n => n.Arguments).HasConversion(
            new ValueConverter<IReadOnlyList<string>, string>(v => string.Join(ArgumentSeparator, v), v => v.Split(ArgumentSeparator, StringSplitOptions.None).ToList()),
            new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i.GetHashCode(StringComparison.Ordinal))), v => v.ToList()))
            .HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(400);
        builder.Property(n => n.OrganisationName).HasMaxLength(200);
        builder.Property(n => n.Criteria).HasStringList().HasMaxLength(400);
        builder.Property(n => n.CreatedAt).HasConversion(Instants.Converter);
        builder.Property(n => n.ReadAt).HasConversion(Instants.Converter);
        builder.HasIndex(n => new { n.PersonId, n.CreatedAt });
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.To).HasMaxLength(4000);
        builder.Property(m => m.Subject).HasMaxLength(400);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.CreatedAt).HasConversion(Instants.Converter);
        builder.Property(m => m.NextAttemptAt).HasConversion(Instants.Converter);
        builder.Property(m => m.SentAt).HasConversion(Instants.Converter);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> builder)
    {
        builder.ToTable("SentReminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.At).HasConversion(Instants.Converter);

        // Rulebook §3 "each reminder is sent once": a second pass, even a concurrent one, cannot insert it again.
        builder.HasIndex(r => new { r.OrganisationId, r.ValidUntil, r.DaysBefore }).IsUnique();
    }
}

internal sealed class SentCoordinationAlertConfiguration : IEntityTypeConfiguration<SentCoordinationAlert>
{
    public void Configure(EntityTypeBuilder<SentCoordinationAlert> builder)
    {
        builder.ToTable("SentCoordinationAlerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Key).HasMaxLength(200);
        builder.Property(a => a.Kind).HasMaxLength(60);
        builder.Property(a => a.At).HasConversion(Instants.Converter);

        // "Once per event": a second pass, even a concurrent one, cannot insert the same event again.
        builder.HasIndex(a => a.Key).IsUnique();
    }
}

/// <summary>Instants as UTC ticks, so SQLite can order and compare them (it has no DateTimeOffset type).</summary>
internal static class Instants
{
    public static readonly ValueConverter<DateTimeOffset, long> Converter =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
