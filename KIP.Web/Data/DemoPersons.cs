namespace KIP.Web.Data;

/// <summary>
/// The demo persons, with stable ids so the embedded sign-in's demo accounts and tests can name them.
/// Only written in Development (or when <c>Kip:DemoData</c> is on).
/// </summary>
public static class DemoPersons
{
    /// <summary>Entrepreneur of De Fietsenmakerij Haarlem.</summary>
    public static readonly Guid Entrepreneur = new("0d3f6a52-1b8e-4c61-9d0e-000000000001");

    /// <summary>Second entrepreneur, of Schoon &amp; Sociaal (another organisation, for access tests).</summary>
    public static readonly Guid OtherEntrepreneur = new("0d3f6a52-1b8e-4c61-9d0e-000000000002");

    /// <summary>Business seat; also entrepreneur of the recognised Catering Met Kansen: one person, two roles.</summary>
    public static readonly Guid BusinessMember = new("0d3f6a52-1b8e-4c61-9d0e-000000000011");

    public static readonly Guid SroiIJmondMember = new("0d3f6a52-1b8e-4c61-9d0e-000000000012");

    public static readonly Guid SroiZuidKennemerlandMember = new("0d3f6a52-1b8e-4c61-9d0e-000000000013");

    /// <summary>Haarlem Impact Ondernemen seat; chairs the demo meetings.</summary>
    public static readonly Guid Chair = new("0d3f6a52-1b8e-4c61-9d0e-000000000014");

    public static readonly Guid WerkInkomenMember = new("0d3f6a52-1b8e-4c61-9d0e-000000000015");

    public static readonly Guid SroiOfficer = new("0d3f6a52-1b8e-4c61-9d0e-000000000021");

    public static readonly Guid Coordinator = new("0d3f6a52-1b8e-4c61-9d0e-000000000031");

    /// <summary>SROI officer who is also in the coordination team.</summary>
    public static readonly Guid OfficerAndCoordinator = new("0d3f6a52-1b8e-4c61-9d0e-000000000032");

    /// <summary>Noor Bakker, a new entrepreneur: signed in, no organisation and no role yet.</summary>
    public static readonly Guid NewEntrepreneur = new("0d3f6a52-1b8e-4c61-9d0e-000000000041");

    /// <summary>Bas Kok, contract partner for Aannemersbedrijf Duinzicht (KvK <see cref="DuinzichtKvk"/>).</summary>
    public static readonly Guid ContractPartner = new("0d3f6a52-1b8e-4c61-9d0e-000000000051");

    /// <summary>Linda de Graaf, contract partner for Facilitaire Diensten Spaarnestad (KvK <see cref="SpaarnestadKvk"/>).</summary>
    public static readonly Guid OtherContractPartner = new("0d3f6a52-1b8e-4c61-9d0e-000000000052");

    public const string DuinzichtKvk = "60123456";

    public const string SpaarnestadKvk = "60234567";

    public static readonly Guid FietsenmakerijId = new("7a1c0000-0000-4000-8000-000000000001");

    public static readonly Guid SchoonEnSociaalId = new("7a1c0000-0000-4000-8000-000000000002");

    public static readonly Guid CateringMetKansenId = new("7a1c0000-0000-4000-8000-000000000003");
}
