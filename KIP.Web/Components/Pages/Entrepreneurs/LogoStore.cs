using KIP.Web.Data;
using SkiaSharp;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Why a logo is refused.</summary>
public enum LogoError
{
    None,
    Empty,
    TooLarge,
    UnknownType,
    Unreadable,
    DimensionsTooLarge,
}

/// <summary>A logo checked, decoded and resized: PNG bytes, at most <see cref="LogoStore.MaxSide"/> pixels a side.</summary>
public sealed record ProcessedLogo(byte[] Png, int Width, int Height);

/// <summary>
/// Organisation logos: PNG, JPEG or WebP by their content (magic bytes and a real decode), at most 5 MB and
/// <see cref="MaxSourceSide"/> pixels a side (read from the header before decoding, against decompression bombs;
/// JPEG and WebP are decoded straight at a reduced size where the codec can, and at most
/// <see cref="ConcurrentDecodes"/> images are decoded at once, so decoding needs at most 2 × 36 MB),
/// resized to fit <see cref="MaxSide"/>×<see cref="MaxSide"/> and re-encoded as PNG, stored outside wwwroot under generated names.
/// </summary>
public sealed class LogoStore(KipDataFolder dataFolder)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public const int MaxSide = 256;

    /// <summary>3000 × 3000 × 4 bytes = 36 MB for a decoded image at most (8000 × 8000 cost 256 MB).</summary>
    public const int MaxSourceSide = 3000;

    /// <summary>Images decoded at the same time; a further upload waits its turn.</summary>
    public const int ConcurrentDecodes = 2;

    private static readonly SemaphoreSlim Decoding = new(ConcurrentDecodes, ConcurrentDecodes);

    public const string ContentType = "image/png";

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Riff = "RIFF"u8.ToArray();
    private static readonly byte[] Webp = "WEBP"u8.ToArray();

    public string Folder { get; } = Path.Combine(dataFolder?.Path ?? throw new ArgumentNullException(nameof(dataFolder)), "logos");

    /// <summary>The image format the first bytes show, or null when none of PNG, JPEG, WebP.</summary>
    public static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith(Png) ? SKEncodedImageFormat.Png
        : head.StartsWith(Jpeg) ? SKEncodedImageFormat.Jpeg
        : head.Length >= 12 && head.StartsWith(Riff) && head[8..12].SequenceEqual(Webp) ? SKEncodedImageFormat.Webp
        : null;

    /// <summary>Reads at most <see cref="MaxBytes"/>+1 bytes and processes them.</summary>
    public static async Task<(LogoError Error, ProcessedLogo? Logo)> ReadAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return await BoundedUpload.ReadAsync(content, MaxBytes, cancellationToken) is { } bytes ? Process(bytes) : (LogoError.TooLarge, null);
    }

    /// <summary>Checks the bytes (type by content, size, header dimensions), decodes them and resizes to fit <see cref="MaxSide"/>.</summary>
    public static (LogoError Error, ProcessedLogo? Logo) Process(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            return (LogoError.Empty, null);
        }

        if (data.Length > MaxBytes)
        {
            return (LogoError.TooLarge, null);
        }

        var format = Sniff(data.AsSpan(0, Math.Min(16, data.Length)));
        if (format is null)
        {
            return (LogoError.UnknownType, null);
        }

        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream);
        if (codec is null || codec.EncodedFormat != format)
        {
            return (LogoError.Unreadable, null);
        }

        // The header's dimensions, before a single pixel is decoded.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            return (LogoError.Unreadable, null);
        }

        if (width > MaxSourceSide || height > MaxSourceSide)
        {
            return (LogoError.DimensionsTooLarge, null);
        }

        // JPEG (1/2, 1/4, 1/8) and WebP decode at a smaller size directly; PNG only at its own size.
        var reduced = codec.GetScaledDimensions((float)Math.Min(1d, 2d * MaxSide / Math.Max(width, height)));
        if (reduced.Width > 0 && reduced.Height > 0 && reduced.Width <= width && reduced.Height <= height)
        {
            (width, height) = (reduced.Width, reduced.Height);
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        Decoding.Wait();
        try
        {
            return Resize(codec, info);
        }
        finally
        {
            Decoding.Release();
        }
    }

    private static (LogoError Error, ProcessedLogo? Logo) Resize(SKCodec codec, SKImageInfo info)
    {
        var (width, height) = (info.Width, info.Height);
        using var decoded = new SKBitmap(info);
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return (LogoError.Unreadable, null);
        }

        var scale = Math.Min(1d, (double)MaxSide / Math.Max(width, height));
        var target = new SKImageInfo(
            Math.Clamp((int)Math.Round(width * scale), 1, MaxSide),
            Math.Clamp((int)Math.Round(height * scale), 1, MaxSide),
            SKColorType.Rgba8888,
            SKAlphaType.Premul);
        using var resized = target.Width == width && target.Height == height
            ? decoded.Copy()
            : decoded.Resize(target, new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return (LogoError.Unreadable, null);
        }

        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded is null ? (LogoError.Unreadable, null) : (LogoError.None, new ProcessedLogo(encoded.ToArray(), target.Width, target.Height));
    }

    /// <summary>Writes a processed logo under a new generated name and returns that name.</summary>
    public async Task<string> SaveAsync(ProcessedLogo logo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logo);
        System.IO.Directory.CreateDirectory(Folder);
        var stored = $"{Guid.NewGuid():N}.png";
        var path = Path.Combine(Folder, stored);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, logo.Png, cancellationToken);
        File.Move(temporary, path);
        return stored;
    }

    /// <summary>Removes a stored logo; a file already gone is fine.</summary>
    public void Delete(string? storedName)
    {
        if (string.IsNullOrEmpty(storedName))
        {
            return;
        }

        try
        {
            File.Delete(Path.Combine(Folder, Path.GetFileName(storedName)));
        }
        catch (IOException)
        {
            // Left behind; it is never served once no profile names it.
        }
    }

    public bool Exists(string storedName) => File.Exists(Path.Combine(Folder, Path.GetFileName(storedName)));

    public Task<byte[]> ReadAllAsync(string storedName) =>
        File.ReadAllBytesAsync(Path.Combine(Folder, Path.GetFileName(storedName)));

    public Stream Open(string storedName) =>
        File.OpenRead(Path.Combine(Folder, Path.GetFileName(storedName)));
}
