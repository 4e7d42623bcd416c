using KIP.Tests.Infrastructure;
using KIP.Web.Data;

namespace KIP.Tests.Identity;

/// <summary>A demo account as the tests know it: who, which KIP roles, which organisations.</summary>
public sealed record DemoAccount(string Name, Guid Person, string[] Roles, Guid[] Organisations)
{
    public override string ToString() => Name;
}

/// <summary>KIP.Web on Kestrel with one signed-in session per demo account, each signed in through the real flow once.</summary>
public class SignedInApp : IAsyncLifetime
{
    public SignedInApp()
        : this(null)
    {
    }

    /// <param name="settings">The app's settings, e.g. another database (<see cref="PostgresSignedInApp"/>).</param>
    protected SignedInApp(IDictionary<string, string?>? settings) => App = new KipAppFactory(settings);

    public static readonly DemoAccount Sanne = new("Sanne (entrepreneur)", DemoPersons.Entrepreneur, [KipRoles.Entrepreneur], [DemoPersons.FietsenmakerijId]);
    public static readonly DemoAccount Mehmet = new("Mehmet (entrepreneur)", DemoPersons.OtherEntrepreneur, [KipRoles.Entrepreneur], [DemoPersons.SchoonEnSociaalId]);
    public static readonly DemoAccount Marieke = new("Marieke (chair)", DemoPersons.Chair, [KipRoles.Commission], []);
    public static readonly DemoAccount Pieter = new("Pieter (commission + entrepreneur)", DemoPersons.BusinessMember, [KipRoles.Commission, KipRoles.Entrepreneur], [DemoPersons.CateringMetKansenId]);
    public static readonly DemoAccount Lotte = new("Lotte (sroi-officer)", DemoPersons.SroiOfficer, [KipRoles.SroiOfficer], []);
    public static readonly DemoAccount Ahmed = new("Ahmed (coordination)", DemoPersons.Coordinator, [KipRoles.Coordination], []);
    public static readonly DemoAccount Eva = new("Eva (sroi-officer + coordination)", DemoPersons.OfficerAndCoordinator, [KipRoles.SroiOfficer, KipRoles.Coordination], []);

    /// <summary>A new entrepreneur: signed in, no organisation and no role yet.</summary>
    public static readonly DemoAccount Noor = new("Noor (no role yet)", DemoPersons.NewEntrepreneur, [], []);

    /// <summary>Contract partners (rulebook §7): each sees only the contracts of their own company.</summary>
    public static readonly DemoAccount Bas = new("Bas (contract-partner)", DemoPersons.ContractPartner, [KipRoles.ContractPartner], []);

    public static readonly DemoAccount Linda = new("Linda (contract-partner)", DemoPersons.OtherContractPartner, [KipRoles.ContractPartner], []);

    public static readonly DemoAccount[] Accounts = [Sanne, Mehmet, Marieke, Pieter, Lotte, Ahmed, Eva, Noor, Bas, Linda];

    private readonly Dictionary<Guid, KipSession> _sessions = [];

    public KipAppFactory App { get; }

    public KipSession Anonymous { get; private set; } = default!;

    public KipSession SessionOf(DemoAccount account) => _sessions[account.Person];

    public async Task InitializeAsync()
    {
        App.StartServer();
        Anonymous = new KipSession(App.BaseUrl);
        foreach (var account in Accounts)
        {
            var session = new KipSession(App.BaseUrl);
            var (response, url) = await session.SignInAsDemoAsync(account.Person);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("/", url.AbsolutePath);
            _sessions[account.Person] = session;
        }
    }

    public async Task DisposeAsync()
    {
        Anonymous.Dispose();
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        await App.DisposeAsync();
    }
}

/// <summary>The same signed-in sessions on a database of its own of the run's scratch PostgreSQL (<see cref="PostgresServer"/>).</summary>
public sealed class PostgresSignedInApp() : SignedInApp(PostgresServer.AppSettings("signedin"));

[CollectionDefinition(Name)]
public sealed class SignedInCollection : ICollectionFixture<SignedInApp>
{
    public const string Name = "signed-in";
}
