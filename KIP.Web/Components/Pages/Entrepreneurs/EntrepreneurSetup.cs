namespace KIP.Web.Components.Pages.Entrepreneurs;

public static class EntrepreneurSetup
{
    /// <summary>Registration, admission, the assessment form, evidence documents and logos.</summary>
    public static IServiceCollection AddEntrepreneurs(this IServiceCollection services)
    {
        services.AddScoped<OrganisationService>();
        services.AddScoped<AdmissionService>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<EvidenceService>();
        services.AddSingleton<EvidenceStore>();
        services.AddSingleton<LogoStore>();
        services.AddScoped<LogoService>();
        return services;
    }
}
