using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KIP.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Sroi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SroiBuildingBlocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Municipality = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    UnitValue = table.Column<decimal>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SroiBuildingBlocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SroiContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Municipality = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PartnerKvk = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PartnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LabourSharePercent = table.Column<decimal>(type: "TEXT", nullable: true),
                    ValueExclVat = table.Column<decimal>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsSubsidy = table.Column<bool>(type: "INTEGER", nullable: false),
                    ComputedObligation = table.Column<decimal>(type: "TEXT", nullable: false),
                    PolicyVersion = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OverrideObligation = table.Column<decimal>(type: "TEXT", nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OverrideBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    OverrideAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SroiContracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SroiPartnerLinks",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerKvk = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SroiPartnerLinks", x => new { x.PersonId, x.PartnerKvk });
                    table.ForeignKey(
                        name: "FK_SroiPartnerLinks_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SroiActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuildingBlockCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SroiActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SroiActivities_SroiContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "SroiContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SroiInvoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupplierOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    InvoiceNumberKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    InvoiceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountExclVat = table.Column<decimal>(type: "TEXT", nullable: false),
                    PdfStoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PdfFileName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    PdfSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SroiInvoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SroiInvoices_Organisations_SupplierOrganisationId",
                        column: x => x.SupplierOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SroiInvoices_SroiContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "SroiContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SroiSentReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SroiSentReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SroiSentReminders_SroiContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "SroiContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SroiActivities_ContractId_Date",
                table: "SroiActivities",
                columns: new[] { "ContractId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_SroiBuildingBlocks_Municipality_Code_ValidFrom",
                table: "SroiBuildingBlocks",
                columns: new[] { "Municipality", "Code", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SroiContracts_Municipality_PeriodEnd",
                table: "SroiContracts",
                columns: new[] { "Municipality", "PeriodEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_SroiContracts_PartnerKvk",
                table: "SroiContracts",
                column: "PartnerKvk");

            migrationBuilder.CreateIndex(
                name: "IX_SroiInvoices_ContractId_InvoiceDate",
                table: "SroiInvoices",
                columns: new[] { "ContractId", "InvoiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_SroiInvoices_SupplierOrganisationId_InvoiceNumberKey",
                table: "SroiInvoices",
                columns: new[] { "SupplierOrganisationId", "InvoiceNumberKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SroiSentReminders_ContractId_PeriodEnd_DaysBefore",
                table: "SroiSentReminders",
                columns: new[] { "ContractId", "PeriodEnd", "DaysBefore" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SroiActivities");

            migrationBuilder.DropTable(
                name: "SroiBuildingBlocks");

            migrationBuilder.DropTable(
                name: "SroiInvoices");

            migrationBuilder.DropTable(
                name: "SroiPartnerLinks");

            migrationBuilder.DropTable(
                name: "SroiSentReminders");

            migrationBuilder.DropTable(
                name: "SroiContracts");
        }
    }
}
