using KIP.Tests.Infrastructure;
using KIP.Web.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KIP.Tests.Settings;

/// <summary>
/// Every <c>Kip:*</c> setting is bound to a typed options class and checked before KIP starts: a wrong one stops the
/// start with one line naming its key and what is allowed, never a silent default (a mistyped mail transport used to
/// write production mail to disk).
/// </summary>
public sealed class KipSettingsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Kip:DataFolder"] = "/var/lib/kip",
        ["Kip:DemoData"] = "false",
        ["Kip:PublicUrl"] = "https://kip.example.nl",
        ["Kip:ForwardedHeaders:Enabled"] = "true",
        ["Kip:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
        ["Kip:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
        ["Kip:Auth:AllowDemoAccounts"] = "false",
        ["Kip:Auth:Schemes:gemeente:DisplayName"] = "Medewerkers gemeente (Entra ID)",
        ["Kip:Auth:Schemes:gemeente:Authority"] = "https://login.microsoftonline.com/tenant/v2.0",
        ["Kip:Auth:Schemes:gemeente:ClientId"] = "kip",
        ["Kip:Auth:Schemes:gemeente:ClientSecret"] = "geheim",
        ["Kip:Auth:Schemes:gemeente:Scopes:0"] = "email",
        ["Kip:Auth:Schemes:gemeente:RoleClaim"] = "groups",
        ["Kip:Auth:Schemes:gemeente:GroupMapping:KIP-Inkoopconsulenten"] = "sroi-officer",
        ["Kip:Auth:Schemes:eherkenning:Authority"] = "https://broker.example.nl/oidc",
        ["Kip:Auth:Schemes:eherkenning:ClientId"] = "kip-eherkenning",
        ["Kip:Auth:Schemes:eherkenning:KvkClaim"] = "urn:etoegang:1.9:EntityConcernedID:KvKnr",
        ["Kip:Auth:Schemes:eherkenning:TrustEmail"] = "true",
        ["Kip:Sessions:StaffIdleTimeout"] = "00:15:00",
        ["Kip:Sessions:AbsoluteLifetime"] = "08:00:00",
        ["Kip:Limits:Api:PermitLimit"] = "600",
        ["Kip:Limits:Api:WindowSeconds"] = "60",
        ["Kip:Limits:CircuitsTotal"] = "2000",
        ["Kip:Mail:Transport"] = "smtp",
        ["Kip:Mail:From"] = "KIP <noreply@kip.example.nl>",
        ["Kip:Mail:Smtp:Host"] = "smtp.example.nl",
        ["Kip:Mail:Smtp:Port"] = "25",
        ["Kip:Mail:Smtp:UseStartTls"] = "false",
        ["Kip:Api:ContactName"] = "Coördinatieteam KIP",
        ["Kip:Api:ContactEmail"] = "kip@gemeente.nl",
        ["Kip:Api:ContactUrl"] = "https://kip.example.nl/contact",
        ["Kip:Bench:Enabled"] = "false",
        ["Kip:Database:Provider"] = "Postgres",
        ["Kip:Database:ConnectionString"] = "Host=db.example.nl;Database=kip;Username=kip;Password=geheim",
        ["Kip:Database:MigrateAtStart"] = "false",
        ["Kip:InstanceName"] = "kip-a",
    };

    private static IConfigurationRoot Configuration(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IReadOnlyList<string> ProblemsWith(string key, string? value) =>
        KipSettings.Problems(Configuration(new Dictionary<string, string?>(Valid) { [key] = value }));

    [Fact]
    public void A_full_configuration_as_the_README_describes_has_no_wrong_setting_and_binds_to_the_typed_options()
    {
        var configuration = Configuration(Valid);

        Assert.Empty(KipSettings.Problems(configuration));
        var settings = new ServiceCollection().AddKipSettings(configuration);
        Assert.Equal(new Uri("https://kip.example.nl"), settings.Get<KipOptions>().PublicAddress);
        Assert.Equal("smtp.example.nl", settings.Get<KIP.Web.Notifications.KipMailOptions>().Smtp.Host);
        Assert.Equal(2, settings.Get<KIP.Web.Identity.KipAuthOptions>().Schemes.Count);
        Assert.Equal(KIP.Web.Data.DatabaseProvider.Postgres, settings.Get<KIP.Web.Data.KipDatabaseOptions>().Provider);
    }

    [Fact]
    public void No_settings_at_all_is_fine_every_one_has_a_default()
    {
        Assert.Empty(KipSettings.Problems(Configuration(new Dictionary<string, string?>())));
    }

    [Theory]
    [InlineData("Kip:Mail:Transport", "Smpt", "kies Pickup (e-mails als bestanden in <datamap>/mail) of Smtp")]
    [InlineData("Kip:Mail:From", "noreply", "een afzender zoals KIP <noreply@kip.example.nl>")]
    [InlineData("Kip:Mail:Smtp:Port", "0", "een geheel getal van 1 tot en met 65535")]
    [InlineData("Kip:Mail:Smtp:Port", "submission", "verwacht een geheel getal")]
    [InlineData("Kip:Mail:Smtp:UseStartTls", "ja", "kies true of false")]
    [InlineData("Kip:PublicUrl", "kip.example.nl", "geen volledig http(s)-adres zoals https://kip.example.nl")]
    [InlineData("Kip:PublicUrl", "https://kip.example.nl/?taal=nl", "(zonder ? of #)")]
    [InlineData("Kip:DataFolder", " ", "noem een map")]
    [InlineData("Kip:DemoData", "ja", "kies true of false")]
    [InlineData("Kip:ForwardedHeaders:Enabled", "aan", "kies true of false")]
    [InlineData("Kip:ForwardedHeaders:KnownProxies:0", "proxy.local", "een IP-adres zoals 10.0.0.5")]
    [InlineData("Kip:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/40", "een netwerk zoals 10.0.0.0/8")]
    [InlineData("Kip:Auth:AllowDemoAccounts", "yes", "kies true of false")]
    [InlineData("Kip:Auth:Schemes:gemeente:Authority", "http://login.example.nl", "een https-adres")]
    [InlineData("Kip:Auth:Schemes:gemeente:GroupMapping:KIP-Inkoopconsulenten", "sroi-oficer", "kies een KIP-rol: entrepreneur, commission, sroi-officer, coordination")]
    [InlineData("Kip:Auth:Schemes:gemeente:RequireHttpsMetadata", "nee", "kies true of false")]
    [InlineData("Kip:Sessions:IdleTimeout", "2 uur", "een duur zoals 00:30:00")]
    [InlineData("Kip:Sessions:StaffIdleTimeout", "00:00:00", "een duur langer dan nul")]
    [InlineData("Kip:Sessions:RevalidationInterval", "-00:01:00", "een duur langer dan nul")]
    [InlineData("Kip:Limits:Api:PermitLimit", "0", "een geheel getal van 1 tot en met")]
    [InlineData("Kip:Limits:SignIn:WindowSeconds", "-1", "een geheel getal van 1 tot en met 86400")]
    [InlineData("Kip:Limits:CircuitsTotal", "veel", "verwacht een geheel getal")]
    [InlineData("Kip:Api:ContactEmail", "kip at gemeente.nl", "een e-mailadres zoals kip@gemeente.nl")]
    [InlineData("Kip:Api:ContactUrl", "/contact", "een volledig http(s)-adres zoals https://kip.example.nl/contact")]
    [InlineData("Kip:Bench:Enabled", "aan", "kies true of false")]
    [InlineData("Kip:Database:Provider", "MySql", "kies uit Sqlite, Postgres")]
    [InlineData("Kip:Database:MigrateAtStart", "ja", "kies true of false")]
    [InlineData("Kip:InstanceName", "kip a/1", "een korte naam van letters, cijfers, - _ of ., zoals kip-a")]
    public void A_wrong_value_is_one_line_naming_its_key_the_value_and_what_is_allowed(string key, string value, string allowed)
    {
        var problem = Assert.Single(ProblemsWith(key, value));

        Assert.StartsWith($"{key} = '{value}': ", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(allowed, problem, StringComparison.Ordinal);
        Assert.Contains(" / ", problem, StringComparison.Ordinal); // and in English
    }

    [Theory]
    [InlineData("Kip:Mail:Smtp:Host", "Kip:Mail:Smtp:Host: ontbreekt; Kip:Mail:Transport is Smtp, dus noem de SMTP-server")]
    [InlineData("Kip:Auth:Schemes:gemeente:Authority", "Kip:Auth:Schemes:gemeente:Authority: ontbreekt; het adres van de authority")]
    [InlineData("Kip:Auth:Schemes:gemeente:ClientId", "Kip:Auth:Schemes:gemeente:ClientId: ontbreekt; KIP's registratie bij de authority")]
    [InlineData("Kip:Api:ContactName", "Kip:Api:ContactName: ontbreekt; een naam")]
    [InlineData("Kip:Database:ConnectionString", "Kip:Database:ConnectionString: ontbreekt; Kip:Database:Provider is Postgres, dus noem de PostgreSQL-server")]
    public void A_required_setting_left_empty_is_named(string key, string expected)
    {
        var problem = Assert.Single(ProblemsWith(key, string.Empty));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kip:Mail:Trasnport", "Kip:Mail:Trasnport: onbekende instelling; bekend onder Kip:Mail: Transport, From, Smtp.")]
    [InlineData("Kip:Sesions:IdleTimeout", "Kip:Sesions: onbekende instelling; bekend onder Kip: DataFolder, DemoData, PublicUrl, InstanceName, Api, Auth, Bench, Database, ForwardedHeaders, Limits, Mail, Redis, Sessions.")]
    [InlineData("Kip:Auth:Schemes:gemeente:Scope:0", "Kip:Auth:Schemes:gemeente:Scope: onbekende instelling; bekend onder Kip:Auth:Schemes:gemeente: DisplayName, Authority")]
    [InlineData("Kip:Limits:Api:Permits", "Kip:Limits:Api:Permits: onbekende instelling; bekend onder Kip:Limits:Api: PermitLimit, WindowSeconds.")]
    public void A_misspelt_key_is_named_with_the_keys_that_exist_there(string key, string expected)
    {
        var problem = Assert.Single(ProblemsWith(key, "Smtp"));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Postgres", "Host=db.example.nl;Pasword=geheim", "geen geldige Postgres-verbinding")]
    [InlineData("Postgres", "Database=kip;Password=geheim", "geen geldige Postgres-verbinding (Host ontbreekt")]
    [InlineData("Sqlite", "Data Sourse=kip.db;Password=geheim", "geen geldige Sqlite-verbinding")]
    public void A_connection_string_that_cannot_work_is_named_without_repeating_it(string provider, string connectionString, string expected)
    {
        var settings = new Dictionary<string, string?>(Valid) { ["Kip:Database:Provider"] = provider, ["Kip:Database:ConnectionString"] = connectionString };

        var problem = Assert.Single(KipSettings.Problems(Configuration(settings)));

        Assert.StartsWith("Kip:Database:ConnectionString: " + expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kip:Auth:Schemes:gemeente:Scopes", "email", "verwacht onderdelen, geen enkele waarde")]
    [InlineData("Kip:ForwardedHeaders:KnownProxies:eerste", "10.0.0.6", "een lijst telt zijn onderdelen 0, 1, 2")]
    [InlineData("Kip:Auth:Schemes:gemeente haarlem:ClientId", "kip", "een naam van letters, cijfers, - en _")]
    public void A_list_or_a_name_in_the_wrong_form_is_named(string key, string value, string expected)
    {
        var configuration = new Dictionary<string, string?>(Valid) { [key] = value };
        if (key.Contains("gemeente haarlem", StringComparison.Ordinal))
        {
            configuration["Kip:Auth:Schemes:gemeente haarlem:Authority"] = "https://login.example.nl";
        }

        var problem = Assert.Single(KipSettings.Problems(Configuration(configuration)));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_wrong_settings_stop_the_start_together_one_line_each()
    {
        var configuration = Configuration(new Dictionary<string, string?>(Valid)
        {
            ["Kip:Mail:Transport"] = "Smpt",
            ["Kip:PublicUrl"] = "kip.example.nl",
            ["Kip:Limits:CircuitsTotal"] = "0",
        });

        var refused = Assert.Throws<KipSettingsException>(() => new ServiceCollection().AddKipSettings(configuration));

        Assert.Equal(3, refused.Problems.Count);
        Assert.StartsWith("KIP start niet: 3 instellingen kloppen niet. / KIP refuses to start: 3 settings are wrong.", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{Environment.NewLine}- Kip:Mail:Transport = 'Smpt': ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{Environment.NewLine}- Kip:PublicUrl = 'kip.example.nl': ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{Environment.NewLine}- Kip:Limits:CircuitsTotal = '0': ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_section_is_validated_on_start_by_the_same_checks()
    {
        var configuration = Configuration(new Dictionary<string, string?>(Valid));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddKipSettings(configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        configuration["Kip:Mail:Transport"] = "Smpt";
        configuration["Kip:Sessions:IdleTimeout"] = "lang";
        using var later = services.BuildServiceProvider();
        var refused = Assert.Throws<AggregateException>(() => later.GetRequiredService<IStartupValidator>().Validate());

        var failures = refused.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Kip:Mail:Transport = 'Smpt': kies Pickup", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kip:Sessions:IdleTimeout = 'lang': verwacht een duur", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_real_start_with_wrong_settings_stops_before_anything_runs_and_names_each()
    {
        await using var app = new AppProcess(new Dictionary<string, string>
        {
            ["Kip__Mail__Transport"] = "Smpt",
            ["Kip__Sessions__IdleTimeout"] = "2 uur",
        });

        var exitCode = await app.RunToExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("KIP start niet: 2 instellingen kloppen niet.", app.Output, StringComparison.Ordinal);
        Assert.Contains("- Kip:Mail:Transport = 'Smpt': kies Pickup (e-mails als bestanden in <datamap>/mail) of Smtp", app.Output, StringComparison.Ordinal);
        Assert.Contains("- Kip:Sessions:IdleTimeout = '2 uur': verwacht een duur zoals 00:30:00", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", app.Output, StringComparison.Ordinal);
    }
}
