using System.Globalization;
using KIP.Web.Data;
using KIP.Web.Localization;
using MimeKit;

namespace KIP.Web.Notifications;

/// <summary>
/// What the notification jobs share: a pass at start-up and then whenever <see cref="UntilNextPass"/> says, on the
/// injected <see cref="TimeProvider"/> (a failed pass is logged and the next one catches up), and their e-mail: written
/// in Dutch whatever the culture of the thread (<see cref="InDutch"/>), one message per person through the outbox, so
/// no one sees another's address (<see cref="Queue"/>).
/// </summary>
public abstract partial class NotificationJob(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo(KipCultures.Dutch);

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>One pass for now; answers how many events it told of.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>How long from <paramref name="now"/> to the next pass.</summary>
    protected abstract TimeSpan UntilNextPass(DateTimeOffset now);

    /// <summary>The subject and body <paramref name="write"/> gives with Dutch as the current culture; the thread's culture is restored after.</summary>
    protected static (string Subject, string Body) InDutch(Func<(string Subject, string Body)> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = Dutch;
            CultureInfo.CurrentUICulture = Dutch;
            return write();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    /// <summary>Puts one e-mail per person with a valid address in the outbox (saved with the caller's changes); answers how many.</summary>
    protected static int Queue(KipDbContext db, IEnumerable<Person> people, (string Subject, string Body) mail, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        var queued = 0;
        foreach (var person in people.Where(p => MailboxAddress.TryParse(p.Email, out _)))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                To = new MailboxAddress(person.Name, person.Email).ToString(),
                Subject = mail.Subject,
                TextBody = mail.Body,
                CreatedAt = now,
                NextAttemptAt = now,
            });
            queued++;
        }

        return queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPassFailed(Logger, GetType().Name, exception);
            }

            try
            {
                await Task.Delay(UntilNextPass(Time.GetUtcNow()), Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of {Job} failed; the next pass catches up.")]
    private static partial void LogPassFailed(ILogger logger, string job, Exception exception);
}
