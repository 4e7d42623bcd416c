using System.Net;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;

namespace KIP.Tests.Identity;

/// <summary>KIP.Web as a real process: outside Development the demo accounts need an explicit opt-in, and a session survives a crash.</summary>
public sealed class StartupAndRestartTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task V6_3_2_Outside_Development_the_demo_accounts_refuse_to_start_and_say_why_in_Dutch_and_English(string environment)
    {
        await using var app = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["Kip__DemoData"] = "true" });

        var exitCode = await app.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"KIP start niet: de omgeving is '{environment}'", app.Output, StringComparison.Ordinal);
        Assert.Contains("demo-accounts", app.Output, StringComparison.Ordinal);
        Assert.Contains($"KIP refuses to start: the environment is '{environment}'", app.Output, StringComparison.Ordinal);
        Assert.Contains("Kip:Auth:AllowDemoAccounts=true", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V6_3_2_Staging_starts_with_the_demo_accounts_only_when_that_is_explicitly_enabled()
    {
        await using var app = new AppProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Kip__DemoData"] = "true",
            ["Kip__Auth__AllowDemoAccounts"] = "true",
        });

        await app.StartAsync();

        using var session = new KipSession(app.BaseUrl);
        var (signedIn, url) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("/inkoop", url.AbsolutePath);
    }

    [Fact]
    public async Task A_signed_in_session_survives_a_kill_and_restart_and_can_still_sign_out()
    {
        await using var app = new AppProcess();
        await app.StartAsync();
        using var session = new KipSession(app.BaseUrl);
        var (signedIn, url) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("/inkoop", url.AbsolutePath);

        await app.KillAsync();
        await app.StartAsync();

        using var afterRestart = await session.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
        Assert.Contains("Lotte Mulder", await afterRestart.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (signedOut, home) = await session.SignOutAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal("/", home.AbsolutePath);
        using var again = await session.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }
}
