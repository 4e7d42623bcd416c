using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace KIP.Tests.Identity;

/// <summary>
/// Two instances on one PostgreSQL database share what used to sit in one data folder (docs/decisions/016-several-servers.md):
/// the data-protection key ring (so a session or antiforgery cookie of one instance is read by the other) and the embedded
/// provider's signing and encryption keys, whose private keys are stored protected, never as plain PEM.
/// </summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task Two_instances_on_one_database_read_each_others_protected_data_and_sign_with_the_same_stored_keys()
    {
        var settings = PostgresServer.AppSettings("sharedkeys");
        await using var a = new KipAppFactory(settings);
        a.StartServer();
        await using var b = new KipAppFactory(settings);
        b.StartServer();

        var sealedByA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KIP.Tests.Cookie").Protect("sessie van instantie A");
        Assert.Equal("sessie van instantie A", b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KIP.Tests.Cookie").Unprotect(sealedByA));

        var providerA = a.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        var providerB = b.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        Assert.Equal(providerA.SigningCredentials.Single().Key.KeyId, providerB.SigningCredentials.Single().Key.KeyId);
        Assert.Equal(providerA.EncryptionCredentials.Single().Key.KeyId, providerB.EncryptionCredentials.Single().Key.KeyId);

        await using var db = await a.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        var stored = await db.ProviderKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync();
        Assert.Equal([ProviderKeys.Encryption, ProviderKeys.Signing], stored.Select(k => k.Name));
        var protector = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProviderKeys.Purpose);
        Assert.All(stored, key =>
        {
            Assert.DoesNotContain("PRIVATE KEY", key.ProtectedKey, StringComparison.Ordinal);
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", protector.Unprotect(key.ProtectedKey), StringComparison.Ordinal);
        });
        Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
    }
}
