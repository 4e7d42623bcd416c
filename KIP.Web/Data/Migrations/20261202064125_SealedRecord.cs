using KIP.Web.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations
{
    /// <summary>
    /// The record sealed (docs/decisions/013-sealed-record.md): closed motions frozen, REPLACE refused on the
    /// append-only tables. Triggers only; the model does not change.
    /// </summary>
    public partial class SealedRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnly.SealTriggers)
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnly.DropSealTriggers)
            {
                migrationBuilder.Sql(sql);
            }
        }
    }
}
