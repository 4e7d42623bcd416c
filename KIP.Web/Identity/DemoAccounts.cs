using KIP.Web.Data;

namespace KIP.Web.Identity;

/// <summary>The embedded provider's demo accounts: the demo persons, one or more per role (README, "Signing in").</summary>
public static class DemoAccounts
{
    /// <summary>Each person with the resource key describing what they are in the demo.</summary>
    public static readonly IReadOnlyList<(Guid Person, string DescriptionKey)> All =
    [
        (DemoPersons.Entrepreneur, "Account.Demo.Entrepreneur"),
        (DemoPersons.OtherEntrepreneur, "Account.Demo.OtherEntrepreneur"),
        (DemoPersons.NewEntrepreneur, "Account.Demo.NewEntrepreneur"),
        (DemoPersons.Chair, "Account.Demo.Chair"),
        (DemoPersons.BusinessMember, "Account.Demo.BusinessMember"),
        (DemoPersons.SroiIJmondMember, "Account.Demo.SeatSroiIJmond"),
        (DemoPersons.SroiZuidKennemerlandMember, "Account.Demo.SeatSroiZuidKennemerland"),
        (DemoPersons.WerkInkomenMember, "Account.Demo.SeatWerkInkomen"),
        (DemoPersons.SroiOfficer, "Account.Demo.SroiOfficer"),
        (DemoPersons.Coordinator, "Account.Demo.Coordinator"),
        (DemoPersons.OfficerAndCoordinator, "Account.Demo.OfficerAndCoordinator"),
        (DemoPersons.ContractPartner, "Account.Demo.ContractPartner"),
        (DemoPersons.OtherContractPartner, "Account.Demo.OtherContractPartner"),
    ];

    public static bool IsDemoAccount(Guid person) => All.Any(a => a.Person == person);
}
