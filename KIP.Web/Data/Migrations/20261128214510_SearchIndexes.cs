using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The directory sorts by name without regard to case; this index spares it a sort of every row.
            migrationBuilder.Sql("CREATE INDEX IX_Organisations_Name_NoCase ON Organisations (Name COLLATE NOCASE);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Organisations_Name_NoCase;");
        }
    }
}
