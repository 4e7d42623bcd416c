using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;

namespace KIP.Web.Notifications;

public static class NotificationSetup
{
    /// <summary>Reminders (rulebook §3), in-app notifications and the e-mail outbox with its transport (<see cref="KipMailOptions"/>).</summary>
    public static IServiceCollection AddKipNotifications(this IServiceCollection services, KipMailOptions mail, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(mail);
        switch (mail.ChosenTransport(environment))
        {
            case KipMailOptions.PickupTransport:
                services.AddSingleton<IMailTransport>(sp => new PickupFolderMailTransport(Path.Combine(sp.GetRequiredService<KipDataFolder>().Path, "mail")));
                break;
            case KipMailOptions.SmtpTransport:
                services.AddSingleton<IMailTransport>(new SmtpMailTransport(mail.Smtp));
                break;
            default:
                break; // no transport: mail stays queued and the dispatcher says so in the log
        }

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<RecognitionReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RecognitionReminderJob>());
        services.AddSingleton<SroiReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<SroiReminderJob>());
        services.AddSingleton<CoordinationAlertService>();
        services.AddSingleton<CoordinationAlertJob>();
        services.AddHostedService(sp => sp.GetRequiredService<CoordinationAlertJob>());
        services.AddScoped<NotificationService>();
        services.AddScoped<AdmissionNotices>();
        return services;
    }
}
