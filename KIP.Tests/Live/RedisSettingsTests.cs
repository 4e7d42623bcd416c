using KIP.Web.Live.Redis;
using KIP.Web.Settings;
using Microsoft.Extensions.Configuration;

namespace KIP.Tests.Live;

/// <summary><c>Kip:Redis:Configuration</c> is checked at start like every Kip:* setting, never echoing a password.</summary>
public sealed class RedisSettingsTests
{
    private static IReadOnlyList<string> Problems(string key, string value) =>
        KipSettings.Problems(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());

    [Fact]
    public void Without_the_setting_live_updates_stay_in_process_and_with_a_server_they_go_through_Redis()
    {
        var none = KipSettings.Bind<KipRedisOptions>(new ConfigurationBuilder().Build());
        Assert.False(none.Enabled);
        Assert.Empty(Problems("Kip:Redis:Configuration", ""));
        Assert.Empty(Problems("Kip:Redis:Configuration", "redis.example.nl:6379,password=geheim,ssl=true"));
        Assert.Empty(Problems("Kip:Redis:Configuration", "10.0.0.7:6379,10.0.0.8:6379,channelPrefix=kip-test"));
    }

    [Theory]
    [InlineData("redis.example.nl:6379,password=geheim,wachtwoord=geheim", "geen geldige StackExchange.Redis-configuratie")]
    [InlineData("password=geheim,ssl=true", "noem de Redis-server, zoals 127.0.0.1:6379")]
    public void A_wrong_configuration_stops_the_start_naming_the_key_without_echoing_the_value(string value, string allowed)
    {
        var problem = Assert.Single(Problems("Kip:Redis:Configuration", value));

        Assert.StartsWith("Kip:Redis:Configuration: ", problem, StringComparison.Ordinal);
        Assert.Contains(allowed, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_names_the_one_Redis_setting()
    {
        var problem = Assert.Single(Problems("Kip:Redis:Configuratie", "127.0.0.1:6379"));

        Assert.Contains("onbekende instelling; bekend onder Kip:Redis: Configuration", problem, StringComparison.Ordinal);
    }
}
