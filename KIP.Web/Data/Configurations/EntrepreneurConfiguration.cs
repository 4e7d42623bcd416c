using KIP.Domain.Applications;
using KIP.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data.Configurations;

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RefusalReason).HasMaxLength(2000);
        builder.HasIndex(r => new { r.Status, r.RequestedAt });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApplicationDraftConfiguration : IEntityTypeConfiguration<ApplicationDraft>
{
    public void Configure(EntityTypeBuilder<ApplicationDraft> builder)
    {
        builder.ToTable("ApplicationDrafts");
        builder.HasKey(d => d.ApplicationId);
        builder.HasOne<Application>().WithOne().HasForeignKey<ApplicationDraft>(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.StateJson).HasMaxLength(200_000);
    }
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersionRecord>
{
    public void Configure(EntityTypeBuilder<FormVersionRecord> builder)
    {
        builder.ToTable("FormVersions");
        builder.HasKey(v => v.Version);
        builder.Property(v => v.Version).ValueGeneratedNever();
        builder.Property(v => v.Title).HasMaxLength(200);
        builder.Property(v => v.Explanation).HasMaxLength(8000);
        builder.Property(v => v.GuidanceJson).HasMaxLength(40_000);

        // Version 1 is seeded by the migration, so every environment has a published form.
        builder.HasData(new FormVersionRecord
        {
            Version = 1,
            Title = "Aanvraag erkenning sociaal ondernemer",
            Explanation = "Kies de criteria waarop u erkenning vraagt en vul per criterium het bewijs in. Uw antwoorden worden automatisch bewaard.",
            GuidanceJson = """{"code-sociale-ondernemingen":"Geef de datum van inschrijving in het Register van de Code Sociale Ondernemingen.","social-enterprise-nl":"Vink aan als u lid bent van Social Enterprise NL en voeg het lidmaatschapsbewijs toe.","pso-30-plus":"Geef de einddatum van uw PSO 30+-certificaat en voeg het certificaat toe.","non-profit":"Een stichting is altijd zonder winstoogmerk; anders: vink aan en voeg de statuten toe.","b-corp":"Geef de certificeringsdatum en, als bekend, de einddatum van uw B Corp-certificaat.","startup-zzp":"Beschrijf uw sociale missie (minstens 50 tekens)."}""",
            PublishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });
    }
}

internal sealed class EvidenceDocumentConfiguration : IEntityTypeConfiguration<EvidenceDocument>
{
    public void Configure(EntityTypeBuilder<EvidenceDocument> builder)
    {
        builder.ToTable("EvidenceDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Criterion).HasMaxLength(40);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.StoredName).HasMaxLength(100);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.HasIndex(d => d.ApplicationId);
        builder.HasOne<Application>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
