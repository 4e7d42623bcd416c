using KIP.Web;
using KIP.Web.Api;
using KIP.Web.Components;
using KIP.Web.Components.Pages.Bench;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Components.Pages.Overview;
using KIP.Web.Components.Pages.Privacy;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Live;
using KIP.Web.Localization;
using KIP.Web.Notifications;
using KIP.Web.Security;
using KIP.Web.Settings;
using KIP.Web.Sroi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using MudBlazor;
using MudBlazor.Services;

// `dotnet KIP.Web.dll migrate`: migrations, demo data and the shared keys, once, then exit (docs/decisions/016-several-servers.md).
var migrateOnly = args is ["migrate", ..];
var builder = WebApplication.CreateBuilder(migrateOnly ? args[1..] : args);
if (!builder.Environment.IsDevelopment())
{
    // Run from the build output (not a publish folder) outside Development, the pages still need their packages' static
    // files (MudBlazor, blazor.web.js): the build's static web assets manifest names where they are. Without it, nothing changes.
    builder.WebHost.UseStaticWebAssets();
}

// Every Kip:* setting, bound and checked before anything else: a wrong one stops the start here, naming its key.
var settings = builder.AddKipSettings();

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents(circuit =>
    {
        // Each circuit holds its pages' server memory; these bound what closed and slow pages keep (docs/decisions/017).
        circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(2);
        circuit.DisconnectedCircuitMaxRetained = 500;
        circuit.MaxBufferedUnacknowledgedRenderBatches = 3;
    });
builder.Services.AddMudServices();
builder.Services.AddTransient<MudLocalizer, ResxMudLocalizer>();
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.AddSingleton(TimeProvider.System);

builder.AddKipAccess(settings);
builder.AddKipSecurity(settings);
builder.Services.AddKipApi();
builder.Services.AddKipStorage(settings.Get<KipOptions>(), builder.Configuration, builder.Environment);
builder.Services.AddScoped<KIP.Web.Search.SupplierSearch>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Procurement.ShortlistService>();
builder.Services.AddKipLiveSessions();
builder.Services.AddKipBench();
builder.Services.AddScoped<PolicyGuard>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Coordination.SeatService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Coordination.MeetingService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Coordination.RevocationService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Coordination.KvkNumberService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Commission.ReviewPreparationService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Commission.ReviewQueries>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Commission.ConflictDeclarations>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Commission.MeetingArchiveService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Overview.RegionOverviewService>();
builder.Services.AddScoped<KIP.Web.Components.Pages.Overview.SroiRealisationService>();
builder.Services.AddEntrepreneurs();
builder.Services.AddScoped<PrivacyService>();
builder.Services.AddScoped<PersonalDataExport>();
builder.Services.AddKipNotifications(settings.Get<KIP.Web.Notifications.KipMailOptions>(), builder.Environment);
builder.Services.AddSroi();
builder.Services.AddSroiApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();
if (migrateOnly)
{
    return await MigrateStep.RunAsync(app);
}

app.UseKipForwardedHeaders();
app.UseKipHardening();

if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KipDatabaseOptions>>().Value.MigrateAtStart)
{
    await app.Services.MigrateKipDatabaseAsync(() => Task.Run(app.Services.EnsureSharedKeys));
}
else
{
    await app.Services.RequireMigratedDatabaseAsync();
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(KIP.Web.Components.Pages.Public.Error.Url, createScopeForErrors: true);
}

app.UseKipSignInErrors();
app.UseStatusCodePagesWithReExecute(KIP.Web.Components.Pages.Public.NotFound.Url, createScopeForStatusCodePages: true);
app.UseKipApiProblems();
app.UseRequestLocalization(options =>
{
    options.SetDefaultCulture(KipCultures.Dutch)
        .AddSupportedCultures([.. KipCultures.Supported])
        .AddSupportedUICultures([.. KipCultures.Supported]);
    options.ApplyCurrentCultureToResponseHeaders = true;
});
app.UseAuthentication();
app.UseKipSessions();
app.UseKipLimits();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapLanguageSwitch();
app.MapKipApi();
app.MapSroiApi();
app.MapKipAccess();
app.MapProcurementExports();
app.MapSroiExport();
app.MapEvidenceDocuments();
app.MapPrivacy();
app.MapKipBench();
app.MapLogos();
app.MapSroi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .Add(endpoint =>
    {
        // Pages state their own access ([Authorize]/[AllowAnonymous]); the circuit's own endpoints
        // (_blazor hub, negotiate, disconnect) carry no page and are open, as every page checks again.
        if (!endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
        }
    });

app.Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

/// <summary>The <c>migrate</c> verb: migrate and seed under the lock, make the shared keys, exit 0; on failure one clear message and exit 1.</summary>
internal static class MigrateStep
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KIP.Web.Migrate");
        try
        {
            await app.Services.MigrateKipDatabaseAsync(() => Task.Run(app.Services.EnsureSharedKeys));
            logger.LogInformation("KIP migrate: de database is bijgewerkt. / the database is up to date.");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"KIP migrate mislukt / failed: {e.GetType().Name}: {e.Message}");
            logger.LogError(e, "KIP migrate failed");
            return 1;
        }
    }
}
