using KIP.Web.Addresses;

namespace KIP.Web.Sroi;

/// <summary>The addresses of the SROI pages that mails and other features link to.</summary>
public static class SroiAddresses
{
    /// <summary>The route of a contract's page.</summary>
    public const string Contract = "/sroi/contracten/{id:guid}";

    public static string ContractFor(Guid id) => PageAddress.Fill(Contract, id);
}
