using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>Evidence uploads: type by content, not name; at most 10 MB; never empty; no path from the uploaded name.</summary>
public sealed class EvidenceStoreTests : IDisposable
{
    private static readonly byte[] PdfBytes = [.. "%PDF-1.7\n1 0 obj\n"u8.ToArray(), .. new byte[100]];
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kip-evidence-" + Guid.NewGuid().ToString("N"));
    private readonly EvidenceStore _store;

    public EvidenceStoreTests() => _store = new EvidenceStore(new KipDataFolder(_folder));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<(UploadError Error, string? StoredName, string? ContentType, long Size)> SaveAsync(byte[] bytes, string name) =>
        _store.SaveAsync(new MemoryStream(bytes), name);

    [Fact]
    public async Task V5_3_1_A_pdf_is_stored_outside_wwwroot_under_a_generated_name()
    {
        var (error, stored, type, size) = await SaveAsync(PdfBytes, "statuten.pdf");

        Assert.Equal(UploadError.None, error);
        Assert.Equal("application/pdf", type);
        Assert.Equal(PdfBytes.Length, size);
        Assert.Matches("^[0-9a-f]{32}\\.bin$", stored);
        Assert.Equal(PdfBytes, await File.ReadAllBytesAsync(Path.Combine(_folder, "evidence", stored!)));
        Assert.DoesNotContain("wwwroot", _store.Folder, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V5_2_2_An_extension_that_lies_about_the_content_is_refused()
    {
        Assert.Equal(UploadError.ExtensionMismatch, (await SaveAsync(PngBytes, "certificaat.pdf")).Error);
        Assert.Equal(UploadError.UnknownType, (await SaveAsync("MZ\u0090\0 not a pdf"u8.ToArray(), "certificaat.pdf")).Error);
        Assert.Equal(UploadError.UnknownType, (await SaveAsync("<html><script>alert(1)</script>"u8.ToArray(), "bewijs.png")).Error);
        Assert.False(Directory.Exists(Path.Combine(_folder, "evidence")) && Directory.EnumerateFiles(Path.Combine(_folder, "evidence")).Any());
    }

    [Fact]
    public async Task V5_2_1_A_file_over_10_MB_is_refused_and_not_stored()
    {
        var big = new byte[EvidenceStore.MaxBytes + 1];
        PdfBytes.CopyTo(big, 0);

        Assert.Equal(UploadError.TooLarge, (await SaveAsync(big, "groot.pdf")).Error);

        var exactly = new byte[EvidenceStore.MaxBytes];
        PdfBytes.CopyTo(exactly, 0);
        Assert.Equal(UploadError.None, (await SaveAsync(exactly, "precies-10-mb.pdf")).Error);
    }

    [Fact]
    public async Task An_empty_file_is_refused() =>
        Assert.Equal(UploadError.Empty, (await SaveAsync([], "leeg.pdf")).Error);

    [Theory]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\sanne\\Documenten\\kvk uittreksel.pdf", "kvk uittreksel.pdf")]
    [InlineData("..\\..\\web.config.png", "web.config.png")]
    [InlineData("rapport\"; filename=evil.exe.pdf", "rapport__ filename_evil.exe.pdf")]
    [InlineData("/", "document")]
    public void V5_3_2_A_path_in_the_name_is_dropped(string uploaded, string expected) =>
        Assert.Equal(expected, EvidenceStore.SafeName(uploaded));

    [Fact]
    public async Task V5_3_2_A_name_with_a_path_is_stored_under_a_generated_name_only()
    {
        var (error, stored, _, _) = await SaveAsync(PdfBytes, "../../../evil.pdf");

        Assert.Equal(UploadError.None, error);
        Assert.Single(Directory.EnumerateFiles(Path.Combine(_folder, "evidence")));
        Assert.False(File.Exists(Path.Combine(_folder, "..", "evil.pdf")));
        Assert.DoesNotContain("evil", stored!, StringComparison.Ordinal);
    }
}
