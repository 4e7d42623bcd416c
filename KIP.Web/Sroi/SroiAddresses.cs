namespace KIP.Web.Sroi;

/// <summary>The addresses of the SROI pages that mails and other features link to.</summary>
public static class SroiAddresses
{
    /// <summary>The route of a contract's page.</summary>
    public const string Contract = "/sroi/contracten/{Id:guid}";

    public static string ContractFor(Guid id) => $"/sroi/contracten/{id}";
}
