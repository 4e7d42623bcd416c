using System.Security.Cryptography;
using KIP.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data;

/// <summary>An SROI officer's named list of suppliers, shareable as a read-only link (product.md, "SROI officer").</summary>
public sealed class Shortlist
{
    public Guid Id { get; set; }

    public Guid OwnerPersonId { get; set; }

    public required string Name { get; set; }

    /// <summary>The secret in the read-only link; a new one revokes the old link.</summary>
    public required string ShareToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ShortlistEntry> Entries { get; set; } = [];

    public static string NewShareToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}

/// <summary>A supplier on a shortlist, with the officer's note; only a note marked shared shows on the link.</summary>
public sealed class ShortlistEntry
{
    public Guid ShortlistId { get; set; }

    public Guid OrganisationId { get; set; }

    public string? Note { get; set; }

    public bool NoteShared { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class ShortlistConfiguration : IEntityTypeConfiguration<Shortlist>
{
    public void Configure(EntityTypeBuilder<Shortlist> builder)
    {
        builder.ToTable("Shortlists");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.ShareToken).HasMaxLength(40);
        builder.HasIndex(s => s.ShareToken).IsUnique();
        builder.HasIndex(s => s.OwnerPersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.OwnerPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Entries).WithOne().HasForeignKey(e => e.ShortlistId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShortlistEntryConfiguration : IEntityTypeConfiguration<ShortlistEntry>
{
    public void Configure(EntityTypeBuilder<ShortlistEntry> builder)
    {
        builder.ToTable("ShortlistEntries");
        builder.HasKey(e => new { e.ShortlistId, e.OrganisationId });
        builder.Property(e => e.Note).HasMaxLength(2000);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
