using KIP.Domain;
using KIP.Domain.Organisations;

namespace KIP.Tests.Domain;

internal static class DomainBuilders
{
    public static Organisation NewOrganisation(Municipality? establishedIn = null, params Municipality[] worksIn) =>
        Organisation.Register(Guid.NewGuid(), KvkNumber.Parse("01234567"), "De Werkplaats", LegalForm.Bv, establishedIn, worksIn);

    public static Organisation AdmittedOrganisation()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.RequestAdmission("Werk voor iedereen in Haarlem.");
        organisation.Admit(TestDates.D("2026-01-05"));
        return organisation;
    }
}
