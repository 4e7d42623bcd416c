using KIP.Web.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations
{
    /// <summary>The search index also holds the names of each organisation's categories and impact themes, so a buyer typing a category's name finds its organisations.</summary>
    public partial class SearchCategoryNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SupplierSearchIndex.Drop)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.Sql(SupplierSearchIndex.CreateNamesTable);
            migrationBuilder.Sql(SupplierSearchIndex.InsertNames());
            foreach (var sql in SupplierSearchIndex.Create)
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

            migrationBuilder.Sql($"DROP TABLE IF EXISTS {SupplierSearchIndex.NamesTable};");
            foreach (var sql in SupplierSearchIndex.CreateWithoutCatalog)
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
