using KIP.Web.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data;

/// <summary>
/// A signed-in session, kept on the server (ASVS V7): the browser's cookie carries only <see cref="Key"/>.
/// Signing out deletes the row, so a copied cookie stops working; <see cref="ExpiresAt"/> ends it after
/// inactivity or at the absolute lifetime (docs/decisions/011-server-side-sessions.md).
/// </summary>
public sealed class ServerSession
{
    /// <summary>A random 256-bit key, base64url: the only thing in the browser's cookie.</summary>
    public required string Key { get; set; }

    /// <summary>Who: <c>scheme:subject</c> at the authority.</summary>
    public required string Subject { get; set; }

    /// <summary>KIP's person, when the authority's subject is linked to one.</summary>
    public Guid? PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When the session ends if nothing more happens: the idle timeout after the last activity, never after the absolute lifetime.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The authentication ticket (the authority's claims and id_token), serialized and encrypted with data protection.</summary>
    public required byte[] Ticket { get; set; }
}

internal sealed class ServerSessionConfiguration : IEntityTypeConfiguration<ServerSession>
{
    public void Configure(EntityTypeBuilder<ServerSession> builder)
    {
        builder.ToTable("ServerSessions");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Subject).HasMaxLength(400);
        builder.Property(s => s.CreatedAt).HasConversion(Instants.Converter);
        builder.Property(s => s.LastSeenAt).HasConversion(Instants.Converter);
        builder.Property(s => s.ExpiresAt).HasConversion(Instants.Converter);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasIndex(s => s.PersonId);
    }
}
