using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace KIP.Web.Identity;

/// <summary>
/// The embedded provider's RSA keys, kept as PEM files in the data folder so tokens it issued (and the
/// id token kept in a session for sign-out) stay valid across a restart.
/// </summary>
internal static class ProviderKeys
{
    public static RsaSecurityKey Load(string keyFolder, string name)
    {
        Directory.CreateDirectory(keyFolder);
        var path = Path.Combine(keyFolder, $"provider-{name}.pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
        }

        var id = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = $"{name}-{id}" };
    }
}
