using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KIP.Web.Notifications;

/// <summary>
/// Sends the outbox's due e-mails through the configured <see cref="IMailTransport"/>, once a minute (by the injected
/// <see cref="TimeProvider"/>). A failed send is kept: attempts + 1, the error, and a next attempt after an
/// exponential back-off (1, 2, 4 … minutes, at most an hour). A row is never deleted and only marked sent once sent.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<KipDbContext> dbFactory,
    TimeProvider time,
    IOptions<KipMailOptions> mail,
    ILogger<OutboxDispatcher> logger,
    IMailTransport? transport = null) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    /// <summary>How long a claimed row is held by one dispatcher, so a second dispatcher does not send it too.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    private const int BatchSize = 50;

    /// <summary>The wait after the given number of failed attempts: 1, 2, 4 … minutes, capped at an hour.</summary>
    public static TimeSpan BackOff(int attempts)
    {
        var minutes = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30)) * FirstRetry.TotalMinutes;
        return minutes >= LongestRetry.TotalMinutes ? LongestRetry : TimeSpan.FromMinutes(minutes);
    }

    /// <summary>Sends every due, unsent message once; answers how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        if (transport is null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        List<OutboxMessage> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var message in due)
        {
            if (await TrySendAsync(message, now, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> TrySendAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Claim the row: only the dispatcher that moves its next attempt on from the value it read sends it.
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == message.Id && m.SentAt == null && m.NextAttemptAt == message.NextAttemptAt)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + ClaimFor), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        try
        {
            await transport!.SendAsync(ToMime(message, mail.Value.From, now), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempts = message.Attempts + 1;
            var error = exception.Message.Length > 2000 ? exception.Message[..2000] : exception.Message;
            await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAt, now + BackOff(attempts)),
                CancellationToken.None);
            LogSendFailed(logger, message.Id, attempts, exception);
            return false;
        }

        await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, message.Attempts + 1)
                .SetProperty(m => m.SentAt, (DateTimeOffset?)now)
                .SetProperty(m => m.LastError, (string?)null),
            CancellationToken.None);
        return true;
    }

    /// <summary>The outbox row as an RFC 5322 message: plain text, with an HTML alternative when there is one.</summary>
    public static MimeMessage ToMime(OutboxMessage message, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = date,
            MessageId = $"{message.Id:N}@kip",
        };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.AddRange(InternetAddressList.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (transport is null)
        {
            LogNoTransport(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogDispatchFailed(logger, exception);
            }

            try
            {
                await Task.Delay(PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No mail transport configured (Kip:Mail:Smtp:Host): e-mails stay queued in the outbox.")]
    private static partial void LogNoTransport(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending outbox message {Id} failed (attempt {Attempts}); it will be retried.")]
    private static partial void LogSendFailed(ILogger logger, Guid id, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher's pass failed.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
