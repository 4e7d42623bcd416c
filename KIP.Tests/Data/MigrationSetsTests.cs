using KIP.Web.Data;
using KIP.Web.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KIP.Tests.Data;

/// <summary>
/// KIP keeps one set of migrations per database engine (docs/decisions/015-postgresql.md): SQLite's in
/// <c>Data/Migrations</c>, PostgreSQL's in <c>Data/Migrations/Postgres</c>. A model change needs a migration in both;
/// these tests fail until both sets describe the same model.
/// </summary>
public sealed class MigrationSetsTests
{
    private static KipDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<KipDbContext>().UseSqlite("Data Source=:memory:").Options);

    private static PostgresKipDbContext Postgres() =>
        new(new DbContextOptionsBuilder<PostgresKipDbContext>().UseNpgsql("Host=127.0.0.1;Database=kip_model_only").Options);

    [Fact]
    public void Each_engine_has_a_migration_for_every_change_of_the_model()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();

        Assert.False(sqlite.Database.HasPendingModelChanges(), "the model changed: dotnet ef migrations add <Name> --context KipDbContext");
        Assert.False(postgres.Database.HasPendingModelChanges(),
            "the model changed: dotnet ef migrations add <Name> --context PostgresKipDbContext --output-dir Data/Migrations/Postgres");
    }

    [Fact]
    public void The_two_snapshots_have_the_same_tables_columns_keys_indexes_and_references()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();

        var sqliteShape = Shape(Snapshot(sqlite));
        var postgresShape = Shape(Snapshot(postgres));

        Assert.True(sqliteShape.Count > 200, "the shape covers the whole model");
        Assert.True(sqliteShape.SetEquals(postgresShape),
            "only in SQLite's:\n" + string.Join("\n", sqliteShape.Except(postgresShape).Order(StringComparer.Ordinal))
            + "\nonly in PostgreSQL's:\n" + string.Join("\n", postgresShape.Except(sqliteShape).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Each_context_type_finds_only_its_own_engine_s_migrations()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();

        var sqliteMigrations = sqlite.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Migrations.Values;
        var postgresMigrations = postgres.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().Migrations.Values;

        Assert.All(sqliteMigrations, m => Assert.Equal("KIP.Web.Data.Migrations", m.Namespace));
        Assert.All(postgresMigrations, m => Assert.Equal("KIP.Web.Data.Migrations.Postgres", m.Namespace));
        Assert.NotEmpty(postgresMigrations);
        Assert.True(sqliteMigrations.Count() > postgresMigrations.Count(), "PostgreSQL starts from one migration of today's model");
    }

    private static IReadOnlyModel Snapshot(DbContext db) =>
        db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly>().ModelSnapshot?.Model
        ?? throw new InvalidOperationException($"{db.GetType().Name} has no model snapshot.");

    /// <summary>
    /// Everything of a model that is not the engine's own, by table (a snapshot keeps the .NET type names of the day it
    /// was made): columns with their .NET type, nullability and length, keys, indexes, references.
    /// </summary>
    private static HashSet<string> Shape(IReadOnlyModel model) =>
    [
        .. model.GetEntityTypes().SelectMany(entity => (IEnumerable<string>)
        [
            $"table {entity.GetTableName()}",
            .. entity.GetDeclaredProperties().Select(p =>
                $"column {entity.GetTableName()}.{p.GetColumnName()} {p.ClrType.Name} {(p.IsNullable ? "null" : "not null")} max {p.GetMaxLength()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"),
            .. entity.GetDeclaredKeys().Select(k => $"{(k.IsPrimaryKey() ? "primary key" : "key")} {entity.GetTableName()}({Names(k.Properties)})"),
            .. entity.GetDeclaredIndexes().Select(i => $"{(i.IsUnique ? "unique index" : "index")} {entity.GetTableName()}({Names(i.Properties)}) {i.GetDatabaseName()}"),
            .. entity.GetDeclaredForeignKeys().Select(f =>
                $"reference {entity.GetTableName()}({Names(f.Properties)}) -> {f.PrincipalEntityType.GetTableName()} on delete {f.DeleteBehavior}"),
        ]),
    ];

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));
}
