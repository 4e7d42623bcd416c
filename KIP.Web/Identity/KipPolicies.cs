using KIP.Web.Data;
using Microsoft.AspNetCore.Authorization;

namespace KIP.Web.Identity;

/// <summary>The authorization policies every page and endpoint names (product.md, "People and roles").</summary>
public static class KipPolicies
{
    public const string Entrepreneur = KipRoles.Entrepreneur;
    public const string Commission = KipRoles.Commission;
    public const string SroiOfficer = KipRoles.SroiOfficer;
    public const string Coordination = KipRoles.Coordination;
    public const string ContractPartner = KipRoles.ContractPartner;

    /// <summary>A contract's page (rulebook §7): SROI officers, and contract partners (the page shows only their own contracts).</summary>
    public const string SroiContract = "sroi-contract";

    /// <summary>Product.md: an organisation's contact person is for SROI officers, the commission and the coordination team.</summary>
    public const string SupplierContact = "supplier-contact";

    /// <summary>Held meetings and their decision lists: the commission and the coordination team.</summary>
    public const string DecisionRecord = "decision-record";

    /// <summary>The region's picture (<c>/coordinatie/overzicht</c>): the coordination team and the SROI officers.</summary>
    public const string RegionOverview = "region-overview";

    /// <summary>An entrepreneur of the organisation named by the route's <c>id</c>, whatever id is in the URL.</summary>
    public const string OwnOrganisation = "own-organisation";

    /// <summary>Any signed-in person (e.g. to register an organisation).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>The live-update benchmark's baseline (bench/README.md): anyone, only when <c>Kip:Bench:Enabled</c> is true.</summary>
    public const string Bench = "bench";

    /// <summary>
    /// An endpoint that names no policy needs a signed-in user. A request that matches no endpoint at all
    /// passes, so that it gets the Dutch "page not found" rather than a sign-in loop.
    /// </summary>
    public static readonly AuthorizationPolicy DenyByDefault = new AuthorizationPolicyBuilder()
        .RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && http.GetEndpoint() is null))
        .Build();

    /// <summary>Access denied by default, and each policy by the roles it takes.</summary>
    public static IServiceCollection AddKipPolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, OwnOrganisationRequirement>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(DenyByDefault)
            .AddPolicy(Entrepreneur, p => p.RequireRole(KipRoles.Entrepreneur))
            .AddPolicy(Commission, p => p.RequireRole(KipRoles.Commission))
            .AddPolicy(SroiOfficer, p => p.RequireRole(KipRoles.SroiOfficer))
            .AddPolicy(Coordination, p => p.RequireRole(KipRoles.Coordination))
            .AddPolicy(DecisionRecord, p => p.RequireRole(KipRoles.Commission, KipRoles.Coordination))
            .AddPolicy(RegionOverview, p => p.RequireRole(KipRoles.Coordination, KipRoles.SroiOfficer))
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(SupplierContact, p => p.RequireRole(KipRoles.SroiOfficer, KipRoles.Commission, KipRoles.Coordination))
            .AddPolicy(OwnOrganisation, p => p.RequireRole(KipRoles.Entrepreneur).AddRequirements(new OwnOrganisationRequirement()));
        return services;
    }
}

/// <summary>The claim types KIP itself puts in the session, whatever the authority called them.</summary>
public static class KipClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";

    /// <summary>Id of an organisation the person acts for (one claim per organisation).</summary>
    public const string Organisation = "kip:organisation";

    /// <summary>The KvK number the authority vouched for (eHerkenning).</summary>
    public const string Kvk = "kip:kvk";

    /// <summary>The configured scheme the person signed in with, so sign-out ends the session there.</summary>
    public const string Scheme = "kip:scheme";

    /// <summary>KIP's <see cref="Data.Person"/> id, when the person is known in KIP's data.</summary>
    public const string PersonId = "kip:person";

    /// <summary>The key of the server-side session (<see cref="DatabaseTicketStore"/>), so an open page can ask whether it still holds.</summary>
    public const string Session = "kip:session";
}
