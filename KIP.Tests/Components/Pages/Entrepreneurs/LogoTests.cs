using System.Buffers.Binary;
using System.Net;
using System.Security.Claims;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>
/// PNG/JPEG/WebP by content, at most 5 MB and 8000 px a side (read from the header, before
/// decoding), resized to fit 256×256 and re-encoded; stored outside wwwroot, replaced cleanly, served only for
/// admitted organisations.
/// </summary>
public sealed class LogoTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>An image of the size asked, with a coloured diagonal so the content is not trivial.</summary>
    internal static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.DarkGreen, StrokeWidth = Math.Max(1, width / 20f), IsAntialias = true };
            canvas.DrawLine(0, 0, width, height, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static SKImageInfo Decode(byte[] png)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(png));
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        return codec.Info;
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 1000, 500, 256, 128)]
    [InlineData(SKEncodedImageFormat.Jpeg, 300, 900, 85, 256)]
    [InlineData(SKEncodedImageFormat.Webp, 600, 600, 256, 256)]
    [InlineData(SKEncodedImageFormat.Png, 120, 40, 120, 40)]
    public void A_valid_image_comes_out_a_png_that_fits_256_keeping_its_aspect_ratio(SKEncodedImageFormat format, int width, int height, int expectedWidth, int expectedHeight)
    {
        var (error, logo) = LogoStore.Process(Image(width, height, format));

        Assert.Equal(LogoError.None, error);
        Assert.NotNull(logo);
        Assert.Equal((expectedWidth, expectedHeight), (logo.Width, logo.Height));
        var decoded = Decode(logo.Png);
        Assert.Equal((expectedWidth, expectedHeight), (decoded.Width, decoded.Height));
        Assert.True(decoded.Width <= LogoStore.MaxSide && decoded.Height <= LogoStore.MaxSide);
    }

    [Fact]
    public void V5_2_2_A_png_that_is_really_a_pdf_or_text_is_refused_by_its_content()
    {
        Assert.Equal(LogoError.UnknownType, LogoStore.Process([.. "%PDF-1.7\n"u8.ToArray(), .. new byte[200]]).Error);
        Assert.Equal(LogoError.UnknownType, LogoStore.Process("Dit is geen afbeelding maar gewone tekst."u8.ToArray()).Error);
        Assert.Equal(LogoError.UnknownType, LogoStore.Process("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"u8.ToArray()).Error);
    }

    [Fact]
    public void V5_2_2_Image_magic_bytes_on_a_body_that_does_not_decode_is_refused_as_unreadable()
    {
        var png = Image(64, 64, SKEncodedImageFormat.Png);
        Assert.Equal(LogoError.Unreadable, LogoStore.Process([.. png.AsSpan(0, 8), .. "garbage after a PNG signature"u8.ToArray()]).Error);

        // A JPEG signature on a PNG body: the decoder's format must match what the bytes claimed.
        Assert.Equal(LogoError.Unreadable, LogoStore.Process([0xFF, 0xD8, 0xFF, .. png.AsSpan(3)]).Error);

        // Cut off half-way: not a whole image.
        Assert.Equal(LogoError.Unreadable, LogoStore.Process(png[..(png.Length / 2)]).Error);
    }

    [Fact]
    public async Task V5_2_1_An_empty_file_and_one_over_5_MB_are_refused_without_reading_further()
    {
        Assert.Equal(LogoError.Empty, (await LogoStore.ReadAsync(new MemoryStream())).Error);

        var png = Image(32, 32, SKEncodedImageFormat.Png);
        var large = new byte[LogoStore.MaxBytes + 1];
        png.CopyTo(large, 0);
        Assert.Equal(LogoError.TooLarge, (await LogoStore.ReadAsync(new MemoryStream(large))).Error);
        Assert.Equal(LogoError.TooLarge, LogoStore.Process(large).Error);
    }

    [Fact]
    public void Absurd_dimensions_are_refused_from_the_header_before_decoding()
    {
        // A real, small file that is 9000 pixels wide.
        Assert.Equal(LogoError.DimensionsTooLarge, LogoStore.Process(Image(9000, 1, SKEncodedImageFormat.Png)).Error);

        // A decompression bomb: a tiny file whose header says 60000 × 60000 (14 GB decoded). Refused at once.
        var bomb = PngFiles.WithSize(Image(1, 1, SKEncodedImageFormat.Png), 60_000, 60_000);
        Assert.True(bomb.Length < 1024);
        Assert.Equal(LogoError.DimensionsTooLarge, LogoStore.Process(bomb).Error);
    }

    private T Service<T>()
        where T : notnull => fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static ClaimsPrincipal As(Guid person, string[] roles, params Guid[] organisations)
    {
        var claims = new List<Claim> { new(KipClaims.PersonId, person.ToString()), new(KipClaims.Name, "test") };
        claims.AddRange(roles.Select(r => new Claim(KipClaims.Role, r)));
        claims.AddRange(organisations.Select(o => new Claim(KipClaims.Organisation, o.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", KipClaims.Name, KipClaims.Role));
    }

    private async Task<string?> StoredLogoAsync(Guid organisationId)
    {
        await using var db = await Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        return (await db.Profiles.AsNoTracking().SingleAsync(p => p.OrganisationId == organisationId)).LogoFile;
    }

    [Fact]
    public async Task V5_3_1_A_logo_is_stored_outside_wwwroot_replaced_cleanly_and_served_only_for_admitted_organisations()
    {
        var organisations = Service<OrganisationService>();
        var admissions = Service<AdmissionService>();
        var store = Service<LogoStore>();
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };

        // Registration with a logo: stored under a generated name in the data folder, not served before admission.
        var form = new RegistrationForm
        {
            Kvk = "55667788",
            Name = "Logo Lab",
            LegalForm = "bv",
            EstablishedIn = "haarlem",
            ContactName = "Iris",
            Categories = ["catering"],
            Logo = LogoStore.Process(Image(800, 400, SKEncodedImageFormat.Jpeg)).Logo,
        };
        var registered = await organisations.RegisterAsync(As(DemoPersons.SroiOfficer, []), form);
        Assert.Empty(registered.FieldErrors);
        var id = registered.Value;
        var first = await StoredLogoAsync(id);
        Assert.NotNull(first);
        Assert.Matches("^[0-9a-f]{32}\\.png$", first);
        Assert.True(File.Exists(Path.Combine(fixture.App.DataFolder, "logos", first)));
        Assert.StartsWith(fixture.App.DataFolder, store.Folder, StringComparison.Ordinal);
        Assert.DoesNotContain(
            Directory.EnumerateFiles(Path.Combine(AppProcess.SolutionRoot(), "KIP.Web", "wwwroot"), "*", SearchOption.AllDirectories),
            f => f.Contains(first, StringComparison.Ordinal));

        using (var notAdmitted = await anonymous.GetAsync(new Uri($"/logos/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, notAdmitted.StatusCode);
        }

        Assert.Empty(await Service<LogoService>().UrlsAsync([id]));

        // Admitted: anyone gets it, as a PNG that the browser must not sniff, cacheable.
        var coordinator = As(DemoPersons.Coordinator, [KipRoles.Coordination]);
        var owner = As(DemoPersons.SroiOfficer, [KipRoles.Entrepreneur], id);
        await admissions.RequestAdmissionAsync(owner, id, "Lunches met mensen die een kans verdienen.");
        await admissions.DecideAdmissionAsync(coordinator, id, admit: true, null);
        var url = Assert.Single(await Service<LogoService>().UrlsAsync([id, DemoPersons.FietsenmakerijId])).Value;
        using (var served = await anonymous.GetAsync(new Uri(url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", string.Join(",", served.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(served.Headers.CacheControl?.Public);
            Assert.NotNull(served.Headers.ETag);
            var info = Decode(await served.Content.ReadAsByteArrayAsync());
            Assert.Equal((256, 128), (info.Width, info.Height));
        }

        // Replacing: the new file is saved and named, then the old one removed.
        var edit = await organisations.LoadAsync(owner, id);
        Assert.NotNull(edit!.LogoPreview);
        Assert.StartsWith("data:image/png;base64,", edit.LogoPreview, StringComparison.Ordinal);
        edit.Logo = LogoStore.Process(Image(100, 300, SKEncodedImageFormat.Webp)).Logo;
        Assert.Equal(ActionResult.Done, await organisations.UpdateAsync(owner, id, edit));
        var second = await StoredLogoAsync(id);
        Assert.NotEqual(first, second);
        Assert.False(File.Exists(Path.Combine(store.Folder, first)));
        Assert.True(File.Exists(Path.Combine(store.Folder, second!)));
        Assert.Equal([second], Directory.GetFiles(store.Folder).Select(Path.GetFileName));

        // Saving the profile without choosing a new logo keeps it.
        var again = await organisations.LoadAsync(owner, id);
        Assert.Equal(ActionResult.Done, await organisations.UpdateAsync(owner, id, again!));
        Assert.Equal(second, await StoredLogoAsync(id));

        // Another entrepreneur cannot replace it.
        var other = await organisations.LoadAsync(owner, id);
        other!.Logo = LogoStore.Process(Image(10, 10, SKEncodedImageFormat.Png)).Logo;
        Assert.Equal(ActionResult.NotAllowed, await organisations.UpdateAsync(As(DemoPersons.OtherEntrepreneur, [KipRoles.Entrepreneur], DemoPersons.SchoonEnSociaalId), id, other));
        Assert.Equal(second, await StoredLogoAsync(id));

        // An unknown organisation and one without a logo: 404.
        using var unknown = await anonymous.GetAsync(new Uri($"/logos/{Guid.NewGuid()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var none = await anonymous.GetAsync(new Uri($"/logos/{DemoPersons.FietsenmakerijId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }
}
