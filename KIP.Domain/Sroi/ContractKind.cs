namespace KIP.Domain.Sroi;

/// <summary>Rulebook §7: what a contract buys; supplies carry an SROI obligation only with enough labour in them.</summary>
public enum ContractKind
{
    Works,
    Services,
    Supplies,
}

/// <summary>Where an invoice or another activity stands: entered by the contract partner, then decided by an SROI officer.</summary>
public enum SroiEntryStatus
{
    Submitted,
    Verified,
    Refused,
}
