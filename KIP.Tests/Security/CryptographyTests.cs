using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace KIP.Tests.Security;

/// <summary>
/// The cryptography KIP itself configures (ASVS 5.0 V11, level 1): ASP.NET Core data protection (session and
/// antiforgery cookies) and the embedded provider's token keys, as stored in the database and loaded at start-up.
/// </summary>
[Collection(SecurityAppCollection.Name)]
public sealed class CryptographyTests(SecurityApp app)
{
    private static readonly string[] AuthenticatedContentEncryption = [SecurityAlgorithms.Aes256CbcHmacSha512, SecurityAlgorithms.Aes256Gcm, SecurityAlgorithms.Aes192Gcm];

    /// <summary>The algorithms named in the data-protection key ring in the database (one key is made on first use).</summary>
    private List<(string Encryption, string Validation)> KeyRing()
    {
        var protector = app.Service<IDataProtectionProvider>().CreateProtector("asvs");
        Assert.Equal("x", protector.Unprotect(protector.Protect("x")));
        using var db = app.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<KIP.Web.Data.KipDbContext>>().CreateDbContext();
        var keys = db.DataProtectionKeys.AsEnumerable()
            .Select(k => XDocument.Parse(k.Xml!))
            .Select(x => (
                x.Descendants("encryption").Single().Attribute("algorithm")!.Value,
                x.Descendants("validation").SingleOrDefault()?.Attribute("algorithm")?.Value ?? string.Empty))
            .ToList();
        Assert.NotEmpty(keys);
        return keys;
    }

    private OpenIddictServerOptions Provider => app.App.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

    [Fact]
    public void V11_3_1_No_ECB_mode_and_no_PKCS1_v1_5_encryption_padding_are_configured()
    {
        Assert.All(KeyRing(), key => Assert.DoesNotContain("ECB", key.Encryption, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(Provider.EncryptionCredentials);
        Assert.All(Provider.EncryptionCredentials, credentials =>
        {
            Assert.NotEqual(SecurityAlgorithms.RsaPKCS1, credentials.Alg);
            Assert.Contains(credentials.Alg, new[] { SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.RsaOaepKeyWrap, "RSA-OAEP-256" });
        });
    }

    [Fact]
    public void V11_3_2_Encryption_is_AES_256_and_authenticated_so_a_changed_byte_is_noticed()
    {
        Assert.All(KeyRing(), key =>
        {
            Assert.StartsWith("AES_256_", key.Encryption, StringComparison.Ordinal);
            if (key.Encryption.EndsWith("_CBC", StringComparison.Ordinal))
            {
                Assert.Contains(key.Validation, new[] { "HMACSHA256", "HMACSHA512" });
            }
        });
        Assert.All(Provider.EncryptionCredentials, credentials => Assert.Contains(credentials.Enc, AuthenticatedContentEncryption));

        var protector = app.Service<IDataProtectionProvider>().CreateProtector("asvs");
        var sealedBytes = protector.Protect("geheim"u8.ToArray());
        sealedBytes[^5] ^= 0x01;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(sealedBytes));
    }

    [Fact]
    public void V11_4_1_Only_SHA_2_hashes_sign_and_authenticate_and_no_MD5_or_SHA_1_is_used()
    {
        Assert.All(KeyRing(), key => Assert.DoesNotContain("SHA1", key.Validation, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(Provider.SigningCredentials);
        Assert.All(Provider.SigningCredentials, credentials =>
            Assert.Contains(credentials.Algorithm, new[]
            {
                SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
                SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
            }));

        var weak = new Regex(@"\b(MD5|SHA1|HMACSHA1|RIPEMD160|SHA1Managed|MD5CryptoServiceProvider)\b");
        var uses = RepositoryFiles.WebSources(".cs", ".razor")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => weak.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepositoryFiles.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(uses.Count == 0, "weak hash functions in KIP.Web:\n" + string.Join("\n", uses));
    }
}
