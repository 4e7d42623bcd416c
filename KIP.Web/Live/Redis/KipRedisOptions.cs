using KIP.Web.Settings;
using StackExchange.Redis;

namespace KIP.Web.Live.Redis;

/// <summary>
/// <c>Kip:Redis</c>: the Redis that carries live updates and presence between KIP servers. Without it (the default)
/// live updates stay inside the one process, exactly as before; with it every server publishes and listens through
/// Redis (<see cref="RedisSessionNotifier"/>, <see cref="RedisPresence"/>).
/// </summary>
public sealed class KipRedisOptions : IKipSettings<KipRedisOptions>
{
    public static string Section => "Kip:Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis.example.nl:6379,password=…,ssl=true</c>; empty: live updates in process (one server).
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Whether live updates go through Redis.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public static void Check(KipRedisOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (!settings.Enabled)
        {
            return;
        }

        // The value itself is never echoed: a configuration string may hold a password.
        var key = $"{Section}:{nameof(Configuration)}";
        try
        {
            if (ConfigurationOptions.Parse(settings.Configuration!).EndPoints.Count == 0)
            {
                errors.Add(key, null, "noem de Redis-server, zoals 127.0.0.1:6379; laat de instelling weg voor live bijwerken binnen één server.",
                    "name the Redis server, like 127.0.0.1:6379; leave it out for live updates within one server.");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            var problem = e.Message.Split('\n')[0].Trim();
            errors.Add(key, null, $"geen geldige StackExchange.Redis-configuratie ({problem}); bijvoorbeeld 127.0.0.1:6379 of redis.example.nl:6379,password=…,ssl=true.",
                $"not a valid StackExchange.Redis configuration ({problem}); for example 127.0.0.1:6379 or redis.example.nl:6379,password=…,ssl=true.");
        }
    }
}
