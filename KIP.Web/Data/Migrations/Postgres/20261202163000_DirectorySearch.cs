using KIP.Web.Data.Postgres;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The directory's full-text search on PostgreSQL (<see cref="PostgresSupplierSearchIndex"/>; docs/decisions/015):
    /// raw SQL only — the unaccent extension, the index table and its triggers, the name order index. The EF model does
    /// not change, so this migration has no target model and the snapshot stays as it is.
    /// </summary>
    [DbContext(typeof(PostgresKipDbContext))]
    [Migration("20261202163000_DirectorySearch")]
    public partial class DirectorySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresSupplierSearchIndex.Create())
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresSupplierSearchIndex.Drop)
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
