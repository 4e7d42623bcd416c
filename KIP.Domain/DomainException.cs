namespace KIP.Domain;

/// <summary>
/// The one exception type for a rule the domain refuses. <see cref="Code"/> is a stable,
/// machine-readable key (e.g. <c>application.one-open</c>) the web layer maps to a message.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException()
        : this("domain.error", "A domain rule was violated.")
    {
    }

    public DomainException(string message)
        : this("domain.error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "domain.error";
    }

    public DomainException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
