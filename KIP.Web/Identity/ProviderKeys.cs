using System.Collections.Concurrent;
using System.Security.Cryptography;
using KIP.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace KIP.Web.Identity;

/// <summary>
/// The embedded provider's RSA keys, kept in the database (<see cref="ProviderKeyRecord"/>, table <c>ProviderKeys</c>) so
/// that every instance signs and decrypts with the same keys and tokens it issued (and the id token kept in a session for
/// sign-out) stay valid across a restart. The private key is stored protected with data protection, never plain. Two
/// instances starting together may both make a key: the name is the primary key, so one insert wins and the other
/// instance reads the stored key and uses that one.
/// </summary>
public sealed class ProviderKeys(IDbContextFactory<KipDbContext> factory, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary>The data-protection purpose of the stored private keys.</summary>
    public const string Purpose = "KIP.Identity.ProviderKeys.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly ConcurrentDictionary<string, Lazy<RsaSecurityKey>> _keys = new(StringComparer.Ordinal);

    /// <summary>The key pair <paramref name="name"/>: the stored one, or a new one stored now (once per process).</summary>
    public RsaSecurityKey Get(string name) =>
        _keys.GetOrAdd(name, n => new Lazy<RsaSecurityKey>(() => Load(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Makes both key pairs when they are missing (the <c>migrate</c> step), so instances started later only read them.</summary>
    public void EnsureStored()
    {
        Get(Signing);
        Get(Encryption);
    }

    private RsaSecurityKey Load(string name)
    {
        using var db = factory.CreateDbContext();
        var stored = Stored(db, name);
        if (stored is null)
        {
            using var fresh = RSA.Create(2048);
            var record = new ProviderKeyRecord { Name = name, ProtectedKey = _protector.Protect(fresh.ExportPkcs8PrivateKeyPem()), CreatedAt = time.GetUtcNow() };
            db.ProviderKeys.Add(record);
            try
            {
                db.SaveChanges();
                stored = record.ProtectedKey;
            }
            catch (DbUpdateException e) when (StorageErrors.IsUniqueViolation(e))
            {
                // Another instance stored its key first: every instance uses that one.
                db.ChangeTracker.Clear();
                stored = Stored(db, name) ?? throw new InvalidOperationException($"The provider key '{name}' was stored by another instance but cannot be read.", e);
            }
        }

        string pem;
        try
        {
            pem = _protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"De sleutel '{name}' van de ingebouwde aanmeldserver (tabel ProviderKeys) kan niet worden ontsleuteld: de data-protection-sleutels " +
                "(tabel DataProtectionKeys) horen er niet bij. Verwijder de rij; KIP maakt een nieuwe sleutel en iedereen meldt zich opnieuw aan. / " +
                $"The embedded provider's key '{name}' cannot be decrypted with the data-protection keys in the database; delete its row to make a new one.", e);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var id = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = $"{name}-{id}" };
    }

    private static string? Stored(KipDbContext db, string name) =>
        db.ProviderKeys.AsNoTracking().Where(k => k.Name == name).Select(k => k.ProtectedKey).FirstOrDefault();
}

/// <summary>
/// Gives OpenIddict its signing and encryption credentials from <see cref="ProviderKeys"/> when its options are first
/// asked for (the first sign-in request), that is after the database has been migrated, not while the app is being built.
/// The algorithms are those OpenIddict's own <c>AddSigningKey</c>/<c>AddEncryptionKey</c> pick for an RSA key.
/// </summary>
internal sealed class ProviderKeyOptions(ProviderKeys keys) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SigningCredentials.Add(new SigningCredentials(keys.Get(ProviderKeys.Signing), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(keys.Get(ProviderKeys.Encryption), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
