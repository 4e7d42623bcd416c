using System.Buffers.Binary;
using KIP.Tests.Components.Pages.Entrepreneurs;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Entrepreneurs;
using SkiaSharp;

namespace KIP.Tests.Security;

/// <summary>
/// Logo decoding within a memory budget (ASVS 5.0 V2.4.1; an accepted 8000 × 8000 PNG cost +175 MB): an image whose
/// header names more than <see cref="LogoStore.MaxSourceSide"/> pixels a side is refused, with the message that says
/// so, before a pixel is decoded; large photos that fit are decoded at a reduced size.
/// </summary>
public sealed class ImageBudgetTests
{
    [Fact]
    public void V2_4_1_An_8000_by_8000_PNG_is_refused_from_its_header_without_a_big_allocation()
    {
        var huge = PngFiles.WithSize(LogoTests.Image(1, 1, SKEncodedImageFormat.Png), 8000, 8000);
        LogoStore.Process(huge); // JIT and Skia's first use outside the measurement

        var before = GC.GetAllocatedBytesForCurrentThread();
        var (error, logo) = LogoStore.Process(huge);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(LogoError.DimensionsTooLarge, error);
        Assert.Null(logo);
        Assert.True(allocated < 64 * 1024, $"refusing took {allocated} bytes");
    }

    [Fact]
    public void V2_4_1_The_pixel_limit_is_3000_a_side_one_pixel_more_is_refused()
    {
        Assert.Equal(3000, LogoStore.MaxSourceSide);
        Assert.Equal(LogoError.DimensionsTooLarge, LogoStore.Process(LogoTests.Image(3001, 2, SKEncodedImageFormat.Png)).Error);
        Assert.Equal(LogoError.DimensionsTooLarge, LogoStore.Process(LogoTests.Image(2, 3001, SKEncodedImageFormat.Jpeg)).Error);

        var (error, logo) = LogoStore.Process(LogoTests.Image(3000, 1500, SKEncodedImageFormat.Png));
        Assert.Equal(LogoError.None, error);
        Assert.Equal((256, 128), (logo!.Width, logo.Height));
    }

    [Fact]
    public void V2_4_1_A_large_photo_that_fits_is_decoded_at_a_reduced_size_and_still_fills_the_logo()
    {
        var (error, logo) = LogoStore.Process(LogoTests.Image(2800, 2100, SKEncodedImageFormat.Jpeg));
        Assert.Equal(LogoError.None, error);
        Assert.Equal((256, 192), (logo!.Width, logo.Height));
        using var decoded = SKBitmap.Decode(logo.Png);
        Assert.Equal(256, decoded.Width);
    }
}
