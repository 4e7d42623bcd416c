using KIP.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.KvkNumber).HasConversion(Conversions.Kvk).HasMaxLength(8).IsRequired();
        builder.HasIndex(o => o.KvkNumber).IsUnique(); // rulebook §1: one organisation per KvK number
        builder.Property(o => o.Name).HasMaxLength(200).IsRequired();
        builder.Property(o => o.LegalForm).HasConversion(Conversions.LegalForm).HasMaxLength(40).IsRequired();
        builder.Property(o => o.EstablishedIn).HasConversion(Conversions.Municipality!).HasMaxLength(20);
        builder.Property(o => o.WorksIn).HasField("_worksIn").UsePropertyAccessMode(PropertyAccessMode.Field).HasMunicipalityList();
        builder.Property(o => o.AdmissionStatus).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.SocialMission).HasMaxLength(4000);
        builder.Property(o => o.ImpactAmbition).HasMaxLength(4000);
        builder.Property(o => o.DeclineReason).HasMaxLength(2000);
        builder.Ignore(o => o.GracePeriod);
        builder.Ignore(o => o.IsInRegion);

        builder.OwnsMany(o => o.AcceptedCriteria, criterion =>
        {
            // Each accepted criterion with its validity interval, so "recognised on date D" is a date comparison.
            criterion.ToTable("AcceptedCriteria");
            criterion.WithOwner().HasForeignKey("OrganisationId");
            criterion.HasKey(c => c.Id);
            criterion.Property(c => c.Id).ValueGeneratedNever();
            criterion.Property(c => c.Code).HasConversion(Conversions.Criterion).HasMaxLength(40);
            criterion.Property(c => c.EndReason).HasMaxLength(2000);
            criterion.HasIndex("OrganisationId", nameof(AcceptedCriterion.ValidFrom), nameof(AcceptedCriterion.ValidUntil));
        });
        builder.Navigation(o => o.AcceptedCriteria).HasField("_acceptedCriteria").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(o => o.KvkNumberHistory, change =>
        {
            change.ToTable("KvkNumberChanges");
            change.WithOwner().HasForeignKey("OrganisationId");
            change.Property<int>("Id");
            change.HasKey("Id");
            change.Property(c => c.Previous).HasConversion(Conversions.Kvk).HasMaxLength(8);
            change.Property(c => c.Current).HasConversion(Conversions.Kvk).HasMaxLength(8);
        });
        builder.Navigation(o => o.KvkNumberHistory).HasField("_kvkNumberHistory").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrganisationProfileConfiguration : IEntityTypeConfiguration<OrganisationProfile>
{
    public void Configure(EntityTypeBuilder<OrganisationProfile> builder)
    {
        builder.ToTable("OrganisationProfiles");
        builder.HasKey(p => p.OrganisationId);
        builder.HasOne<Organisation>().WithOne().HasForeignKey<OrganisationProfile>(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Categories).HasStringList();
        builder.Property(p => p.ImpactThemes).HasStringList();
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Offer).HasMaxLength(4000);
    }
}

internal sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> builder)
    {
        builder.ToTable("OrganisationMembers");
        builder.HasKey(m => new { m.OrganisationId, m.PersonId });
        builder.HasIndex(m => m.PersonId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("Persons");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.Subject).HasMaxLength(200);
        builder.HasIndex(p => p.Subject).IsUnique();
        builder.Property(p => p.Roles).HasStringList();
    }
}
