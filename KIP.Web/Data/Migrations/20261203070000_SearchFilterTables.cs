using KIP.Web.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations
{
    /// <summary>A text search's filters (municipality, category, theme, admitted) as indexed tables beside the search index (issue 17 point 4).</summary>
    public partial class SearchFilterTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SupplierSearchFilters.Create)
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SupplierSearchFilters.Drop)
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
