using KIP.Web.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data;

/// <summary>
/// One of the embedded sign-in provider's RSA key pairs (<c>signing</c> or <c>encryption</c>), kept in the database so
/// every instance signs and decrypts tokens with the same key and they survive a restart
/// (docs/decisions/016-several-servers.md). The name is the key: the first instance to store a pair wins, the others read
/// it. The private key is never stored plain: <see cref="ProtectedKey"/> is its PEM text protected with ASP.NET Core data
/// protection, whose own keys are in <c>DataProtectionKeys</c>.
/// </summary>
public sealed class ProviderKeyRecord
{
    /// <summary><c>signing</c> or <c>encryption</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The PKCS#8 private key as PEM, protected with data protection (base64url).</summary>
    public required string ProtectedKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ProviderKeyRecordConfiguration : IEntityTypeConfiguration<ProviderKeyRecord>
{
    public void Configure(EntityTypeBuilder<ProviderKeyRecord> builder)
    {
        builder.ToTable("ProviderKeys");
        builder.HasKey(k => k.Name);
        builder.Property(k => k.Name).HasMaxLength(32);
        builder.Property(k => k.CreatedAt).HasConversion(Instants.Converter);
    }
}
