using System.Text;
using KIP.Web.Data;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Why an evidence document is refused.</summary>
public enum UploadError
{
    None,
    Empty,
    TooLarge,
    UnknownType,
    ExtensionMismatch,
}

/// <summary>Evidence documents: PDF, PNG or JPEG by their content, at most 10 MB, stored outside wwwroot under generated names.</summary>
public sealed class EvidenceStore(KipDataFolder dataFolder)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public string Folder { get; } = Path.Combine(dataFolder?.Path ?? throw new ArgumentNullException(nameof(dataFolder)), "evidence");

    /// <summary>The content type the first bytes show, or null when none of PDF, PNG, JPEG.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith(Pdf) ? "application/pdf"
        : head.StartsWith(Png) ? "image/png"
        : head.StartsWith(Jpeg) ? "image/jpeg"
        : null;

    /// <summary>The type an extension claims; a name whose extension says another type than its content is refused.</summary>
    public static string? ClaimedType(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".PDF" => "application/pdf",
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        _ => null,
    };

    /// <summary>The uploaded name without any path, control or unusual characters, at most 100 characters.</summary>
    public static string SafeName(string? uploaded)
    {
        var name = (uploaded ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' ? c : '_');
        }

        var safe = builder.ToString().Trim(' ', '.');
        if (safe.Length > 100)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(100 - extension.Length)] + extension;
        }

        return safe.Length == 0 ? "document" : safe;
    }

    /// <summary>Reads at most <see cref="MaxBytes"/>+1 bytes, checks them, and stores them under a generated name.</summary>
    public async Task<(UploadError Error, string? StoredName, string? ContentType, long Size)> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await BoundedUpload.ReadAsync(content, MaxBytes, cancellationToken) is not { } bytes)
        {
            return (UploadError.TooLarge, null, null, MaxBytes + 1);
        }

        if (bytes.Length == 0)
        {
            return (UploadError.Empty, null, null, 0);
        }

        var type = Sniff(bytes.AsSpan(0, Math.Min(16, bytes.Length)));
        if (type is null)
        {
            return (UploadError.UnknownType, null, null, bytes.Length);
        }

        if (ClaimedType(fileName) is { } claimed && claimed != type || ClaimedType(fileName) is null)
        {
            return (UploadError.ExtensionMismatch, null, null, bytes.Length);
        }

        System.IO.Directory.CreateDirectory(Folder);
        var stored = $"{Guid.NewGuid():N}.bin";
        await File.WriteAllBytesAsync(Path.Combine(Folder, stored), bytes, cancellationToken);
        return (UploadError.None, stored, type, bytes.Length);
    }

    public Stream Open(string storedName) =>
        File.OpenRead(Path.Combine(Folder, Path.GetFileName(storedName)));
}
