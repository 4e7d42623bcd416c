using KIP.Domain;

namespace KIP.Web.Data.Search;

public enum SupplierSort
{
    Relevance,
    Name,
    RecentlyRecognised,
}

/// <summary>A directory search (product.md, <c>GET /api/v1/suppliers</c>); all filters combine.</summary>
public sealed record SupplierQuery
{
    public const int MinimumTextLength = 2;
    public const int DefaultPageSize = 20;
    public const int MaximumPageSize = 100;

    /// <summary>Broad text queries count at most this many results (product.md).</summary>
    public const int TotalCap = 1000;

    /// <summary>The most rows an export takes (product.md: up to 10,000).</summary>
    public const int ExportLimit = 10_000;

    public string? Text { get; init; }

    public IReadOnlyList<Municipality> Municipalities { get; init; } = [];

    public IReadOnlyList<CriterionCode> Criteria { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>true: only organisations on the SROI page today; false: only those not on it.</summary>
    public bool? Recognised { get; init; }

    public SupplierSort Sort { get; init; } = SupplierSort.Relevance;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The words searched: each at least 2 characters, matched as word prefixes; a shorter query is ignored.</summary>
    public IReadOnlyList<string> Words =>
        string.IsNullOrWhiteSpace(Text) || Text.Trim().Length < MinimumTextLength
            ? []
            : [.. System.Text.RegularExpressions.Regex.Split(Text, @"[^\p{L}\p{Nd}]+")
                .Where(w => w.Length >= MinimumTextLength)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(8)];
}

/// <summary>One organisation in a result list: public data only, never a contact person.</summary>
public sealed record SupplierItem(
    Guid Id,
    string KvkNumber,
    string Name,
    string? Municipality,
    IReadOnlyList<string> MunicipalitiesServed,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> ImpactThemes,
    bool Recognised,
    bool TemporaryBadge,
    IReadOnlyList<string> RecognisedCriteria,
    DateOnly? RecognisedUntil,
    string Summary,
    string? Website,
    string? Place);

public sealed record SupplierPage(IReadOnlyList<SupplierItem> Items, int Page, int PageSize, int Total, bool TotalIsCapped);

/// <summary>The contact person: only for SROI officers, the commission and the coordination team.</summary>
public sealed record ContactPerson(string? Name, string? Email, string? Phone);

/// <summary>A criterion an organisation is recognised on today, and its last valid day (null: until revoked).</summary>
public sealed record ValidCriterion(string Code, DateOnly? ValidUntil);

/// <summary>An organisation's public profile page.</summary>
public sealed record SupplierProfile(
    SupplierItem Item, string Description, string Offer, string? PublicEmail, string? PublicPhone, IReadOnlyList<ValidCriterion> ValidCriteria);

