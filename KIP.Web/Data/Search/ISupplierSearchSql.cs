using System.Data.Common;

namespace KIP.Web.Data.Search;

/// <summary>
/// The SQL part of the directory search, one implementation per database engine (chosen in
/// <c>StorageSetup</c>): SQLite's FTS5 (<c>KIP.Web/Data/Sqlite</c>) and PostgreSQL's <c>tsvector</c> + <c>unaccent</c>
/// (<c>KIP.Web/Data/Postgres</c>). Both give the same answer: accent-blind word prefixes from two letters, bm25 ranking,
/// every filter, "valid today" (rulebook §2), the cap of <see cref="SupplierQuery.TotalCap"/> (docs/decisions/006, 015).
/// </summary>
public interface ISupplierSearchSql
{
    /// <summary>On an open connection: the total (capped for text) and the ids of the page.</summary>
    Task<(int Total, bool TotalIsCapped, List<Guid> Ids)> FindIdsAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>The ids of all rows of a search in order, up to <see cref="SupplierQuery.ExportLimit"/> (the CSV export).</summary>
    Task<List<Guid>> AllIdsAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>The engine's plan of the main query (text: its candidates; otherwise its page), for the benchmark.</summary>
    Task<IReadOnlyList<string>> PlanAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default);
}

/// <summary>A match of a text query: its bm25 rank (lower is better, as FTS5 gives it), name and latest recognition start.</summary>
public sealed record SupplierCandidate(Guid Id, double Rank, string Name, DateOnly? RecognisedFrom);

/// <summary>
/// What both engines share, so they cannot drift apart: a text query reads its first
/// <see cref="SupplierQuery.TotalCap"/> + 1 matches once, in index order, with their rank, and both counts and orders
/// those (docs/decisions/006); a query without text counts all matches and reads its page in SQL.
/// </summary>
public abstract class SupplierSearchSql : ISupplierSearchSql
{
    public async Task<(int Total, bool TotalIsCapped, List<Guid> Ids)> FindIdsAsync(
        DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, SupplierQuery.MaximumPageSize);
        var skip = (Math.Max(1, query.Page) - 1) * pageSize;
        if (query.Words.Count == 0)
        {
            var total = await CountAsync(connection, query, today, cancellationToken);
            return (total, false, await PageAsync(connection, query, today, pageSize, skip, cancellationToken));
        }

        var candidates = await CandidatesAsync(connection, query, today, SupplierQuery.TotalCap + 1, cancellationToken);
        var capped = candidates.Count > SupplierQuery.TotalCap;
        var ordered = Order(candidates.Take(SupplierQuery.TotalCap), query.Sort);
        return (Math.Min(candidates.Count, SupplierQuery.TotalCap), capped, [.. ordered.Skip(skip).Take(pageSize).Select(c => c.Id)]);
    }

    public abstract Task<List<Guid>> AllIdsAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<string>> PlanAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default);

    /// <summary>The number of matches of a query without text.</summary>
    protected abstract Task<int> CountAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken);

    /// <summary>A page of a query without text, in the query's order (name: case-insensitive as SQLite's NOCASE).</summary>
    protected abstract Task<List<Guid>> PageAsync(DbConnection connection, SupplierQuery query, DateOnly today, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> matches of a text query in index order (insertion order of the profiles), with their rank.</summary>
    protected abstract Task<List<SupplierCandidate>> CandidatesAsync(DbConnection connection, SupplierQuery query, DateOnly today, int limit, CancellationToken cancellationToken);

    /// <summary>Candidates in the order a page shows them: rank, name, or the most recent recognition first.</summary>
    protected static IEnumerable<SupplierCandidate> Order(IEnumerable<SupplierCandidate> candidates, SupplierSort sort) => sort switch
    {
        SupplierSort.Name => candidates.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
        SupplierSort.RecentlyRecognised => candidates.OrderByDescending(c => c.RecognisedFrom is not null)
            .ThenByDescending(c => c.RecognisedFrom).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
        _ => candidates.OrderBy(c => c.Rank).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
    };
}
