using KIP.Web.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupplierSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SupplierSearchIndex.CreateWithoutCatalog)
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SupplierSearchIndex.Drop)
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
