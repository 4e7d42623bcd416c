using KIP.Domain;
using KIP.Domain.Organisations;
using static KIP.Tests.Domain.DomainBuilders;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class AdmissionTests
{
    [Fact]
    public void An_organisation_established_in_the_region_is_admitted_after_requesting()
    {
        var organisation = NewOrganisation(Municipality.Zandvoort);

        organisation.RequestAdmission("Schone stranden en werk.");
        Assert.Equal(AdmissionStatus.AdmissionRequested, organisation.AdmissionStatus);
        organisation.Admit(D("2026-02-01"));

        Assert.Equal(AdmissionStatus.Admitted, organisation.AdmissionStatus);
        Assert.Equal(D("2026-02-01"), organisation.AdmittedOn);
    }

    [Fact]
    public void An_organisation_established_elsewhere_that_works_in_the_region_may_request_admission()
    {
        var organisation = NewOrganisation(null, Municipality.Velsen);

        organisation.RequestAdmission("Werk in de IJmond.");

        Assert.Equal(AdmissionStatus.AdmissionRequested, organisation.AdmissionStatus);
    }

    [Fact]
    public void An_organisation_outside_the_region_cannot_request_admission() =>
        Assert.Equal("admission.outside-region", Assert.Throws<DomainException>(() => NewOrganisation(null).RequestAdmission("Impact")).Code);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Admission_needs_an_impact_ambition(string ambition) =>
        Assert.Equal("admission.ambition-required", Assert.Throws<DomainException>(() => NewOrganisation(Municipality.Haarlem).RequestAdmission(ambition)).Code);

    [Fact]
    public void Admission_cannot_be_granted_without_a_request() =>
        Assert.Equal("admission.not-requested", Assert.Throws<DomainException>(() => NewOrganisation(Municipality.Haarlem).Admit(D("2026-01-01"))).Code);

    [Fact]
    public void A_declined_organisation_may_request_again()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.RequestAdmission("Impact");
        organisation.Decline("Geen impact in de regio aangetoond.");
        Assert.Equal(AdmissionStatus.Declined, organisation.AdmissionStatus);

        organisation.RequestAdmission("Impact in Haarlem-Oost");

        Assert.Equal(AdmissionStatus.AdmissionRequested, organisation.AdmissionStatus);
    }

    [Fact]
    public void Changing_the_KvK_number_keeps_history_and_the_grace_period()
    {
        var organisation = NewOrganisation(Municipality.Haarlem);
        organisation.Accept(CriterionCode.StartupZzp, D("2026-01-01"), null, null);

        organisation.ChangeKvkNumber(KvkNumber.Parse("76543210"), D("2026-06-01"));

        Assert.Equal("76543210", organisation.KvkNumber.Value);
        Assert.Equal("01234567", Assert.Single(organisation.KvkNumberHistory).Previous.Value);
        Assert.Equal(D("2026-01-01"), organisation.GraceStartedOn);
    }
}
