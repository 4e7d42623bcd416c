namespace KIP.Web.Sroi;

/// <summary>The names of the fields of the SROI entry forms, as keys of the messages beside them.</summary>
public static class SroiFields
{
    public const string Supplier = "supplier";
    public const string InvoiceNumber = "invoiceNumber";
    public const string InvoiceDate = "invoiceDate";
    public const string Amount = "amount";
    public const string Pdf = "pdf";
    public const string BuildingBlock = "buildingBlock";
    public const string Description = "description";
    public const string Date = "date";
    public const string Quantity = "quantity";
    public const string Reason = "reason";
}
