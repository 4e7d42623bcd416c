using KIP.Domain.Applications;
using KIP.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data.Configurations;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.ToTable("Applications");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(a => new { a.OrganisationId, a.Status });
        builder.Property(a => a.ClaimedCriteria).HasField("_claimedCriteria").UsePropertyAccessMode(PropertyAccessMode.Field).HasCriterionList();
        builder.Property(a => a.AcceptedCriteria).HasField("_acceptedCriteria").UsePropertyAccessMode(PropertyAccessMode.Field).HasCriterionList();
        builder.Property(a => a.Motivation).HasMaxLength(4000);
        builder.Ignore(a => a.IsOpen);
        builder.Ignore(a => a.IsDeferred);

        builder.OwnsMany(a => a.Timeline, step =>
        {
            step.ToTable("ApplicationEvents");
            step.WithOwner().HasForeignKey("ApplicationId");
            step.Property<int>("Id");
            step.HasKey("Id");
            step.Property(e => e.Status).HasConversion<string>().HasMaxLength(30);
            step.Property(e => e.Note).HasMaxLength(4000);
        });
        builder.Navigation(a => a.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
