using KIP.Web.Data;
using KIP.Web.Identity;

namespace KIP.Web.Sroi;

public static class SroiSetup
{
    /// <summary>SROI obligations (rulebook §7): the contract partner's and the officer's policies and services (the reminders run with the other notification jobs).</summary>
    public static IServiceCollection AddSroi(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(KipPolicies.ContractPartner, p => p.RequireRole(KipRoles.ContractPartner))
            .AddPolicy(KipPolicies.SroiContract, p => p.RequireRole(KipRoles.SroiOfficer, KipRoles.ContractPartner));
        services.AddScoped<SroiContractService>();
        services.AddScoped<SroiInvoiceService>();
        services.AddScoped<SroiActivityService>();
        services.AddScoped<SroiVerificationService>();
        return services;
    }
}
