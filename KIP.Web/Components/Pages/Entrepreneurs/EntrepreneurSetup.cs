namespace KIP.Web.Components.Pages.Entrepreneurs;

public static class EntrepreneurSetup
{
    /// <summary>Registration, admission, the assessment form and evidence documents.</summary>
    public static IServiceCollection AddEntrepreneurs(this IServiceCollection services)
    {
        services.AddScoped<OrganisationService>();
        services.AddScoped<ApplicationService>();
        services.AddSingleton<EvidenceStore>();
        return services;
    }
}
