using System.Buffers;
using System.Net;
using System.Net.Sockets;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace KIP.Tests.Notifications;

/// <summary>The outbox: .eml files in Development, SMTP with retry and back-off, nothing lost, nothing sent twice.</summary>
public sealed class OutboxTests
{
    private static readonly DateOnly ValidUntil = new(2027, 6, 30);

    private static readonly (string, string)[] OneMember = [("Fenna de Vries", "fenna@werkplaats.example")];

    private static async Task<OutboxMessage> RowAsync(NotificationHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync();
    }

    /// <summary>The reminder pass at 90 days before: one outbox row.</summary>
    private static async Task<NotificationHost> WithReminderAsync(IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var host = await NotificationHost.StartAsync(ValidUntil.AddDays(-90), settings, environment);
        await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, OneMember);
        Assert.Equal(1, await host.Job.RunOnceAsync(default));
        return host;
    }

    [Fact]
    public void A_failed_send_waits_1_2_4_minutes_and_so_on_at_most_an_hour()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(a => OutboxDispatcher.BackOff(a).TotalMinutes));
    }

    [Fact]
    public async Task In_Development_a_reminder_mail_is_written_as_an_eml_file_in_the_data_folders_mail_folder()
    {
        await using var host = await WithReminderAsync();

        Assert.Equal(1, await host.Dispatcher.DispatchDueAsync(default));

        var file = Assert.Single(Directory.GetFiles(Path.Combine(host.Folder, "mail"), "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("De erkenning van De Werkplaats als sociaal ondernemer loopt af op 30 juni 2027", message.Subject);
        Assert.Equal(["fenna@werkplaats.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("kip@kip.example.nl", message.From.Mailboxes.Single().Address);
        Assert.Contains("geldig tot en met 30 juni 2027", message.TextBody, StringComparison.Ordinal);
        var row = await RowAsync(host);
        Assert.Equal((1, host.Time.GetUtcNow()), (row.Attempts, row.SentAt));

        // Sent is sent: a second dispatch writes nothing more.
        Assert.Equal(0, await host.Dispatcher.DispatchDueAsync(default));
        Assert.Single(Directory.GetFiles(Path.Combine(host.Folder, "mail"), "*.eml"));
    }

    [Fact]
    public async Task In_Production_without_an_SMTP_host_mail_stays_queued()
    {
        await using var host = await WithReminderAsync(environment: "Production");

        Assert.Null(host.Services.GetService<IMailTransport>());
        Assert.Equal(0, await host.Dispatcher.DispatchDueAsync(default));
        var row = await RowAsync(host);
        Assert.Equal((0, (DateTimeOffset?)null), (row.Attempts, row.SentAt));
    }

    [Fact]
    public async Task In_Production_an_SMTP_host_chooses_SMTP()
    {
        await using var host = await WithReminderAsync(new Dictionary<string, string?> { ["Kip:Mail:Smtp:Host"] = "smtp.example.nl" }, "Production");

        Assert.IsType<SmtpMailTransport>(host.Services.GetService<IMailTransport>());
    }

    [Fact]
    public async Task A_send_the_SMTP_server_refuses_is_retried_after_its_back_off_and_then_marked_sent()
    {
        var port = KipAppFactory.FreePort();
        var store = new RefuseFirstStore();
        using var stop = new CancellationTokenSource();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(),
            services);
        var running = server.StartAsync(stop.Token);
        await ListeningAsync(port);

        await using var host = await WithReminderAsync(
            new Dictionary<string, string?>
            {
                ["Kip:Mail:Transport"] = "Smtp",
                ["Kip:Mail:Smtp:Host"] = "127.0.0.1",
                ["Kip:Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Kip:Mail:Smtp:UseStartTls"] = "false",
            },
            "Production");
        var start = host.Time.GetUtcNow();

        Assert.Equal(0, await host.Dispatcher.DispatchDueAsync(default));
        var failed = await RowAsync(host);
        Assert.Equal((1, (DateTimeOffset?)null, start + TimeSpan.FromMinutes(1)), (failed.Attempts, failed.SentAt, failed.NextAttemptAt));
        Assert.Contains("Probeer het later", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1, store.Refused);
        Assert.Empty(store.Accepted);

        // Not yet due: nothing is tried.
        host.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await host.Dispatcher.DispatchDueAsync(default));
        Assert.Equal(1, (await RowAsync(host)).Attempts);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await host.Dispatcher.DispatchDueAsync(default));

        var received = Assert.Single(store.Accepted);
        Assert.Equal("De erkenning van De Werkplaats als sociaal ondernemer loopt af op 30 juni 2027", received.Subject);
        Assert.Equal("fenna@werkplaats.example", Assert.Single(received.To.Mailboxes).Address);
        var sent = await RowAsync(host);
        Assert.Equal((2, host.Time.GetUtcNow()), (sent.Attempts, sent.SentAt));

        await stop.CancelAsync();
        server.Shutdown();
        await running.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Waits until the SMTP server accepts connections.</summary>
    private static async Task ListeningAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>Refuses the first message with a transient failure (451), keeps the ones after.</summary>
    private sealed class RefuseFirstStore : MessageStore
    {
        private int _seen;

        public int Refused { get; private set; }

        public List<MimeMessage> Accepted { get; } = [];

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _seen) == 1)
            {
                Refused++;
                return Task.FromResult(new SmtpResponse(SmtpReplyCode.Aborted, "Probeer het later nog eens"));
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Accepted.Add(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
