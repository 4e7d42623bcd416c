namespace KIP.Web.Components.Pages.Entrepreneurs;

public static class EntrepreneurSetup
{
    /// <summary>Registration, admission, the assessment form, evidence documents and logos.</summary>
    public static IServiceCollection AddEntrepreneurs(this IServiceCollection services)
    {
        services.AddScoped<OrganisationService>();
        services.AddScoped<ApplicationService>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<LogoStore>();
        services.AddScoped<LogoService>();
        return services;
    }
}
