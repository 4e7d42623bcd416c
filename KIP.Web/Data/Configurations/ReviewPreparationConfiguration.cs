using KIP.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KIP.Web.Data.Configurations;

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> builder)
    {
        builder.ToTable("ReviewComments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Text).HasMaxLength(4000);
        builder.HasIndex(c => c.ApplicationId);
        builder.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConflictOfInterestConfiguration : IEntityTypeConfiguration<ConflictOfInterest>
{
    public void Configure(EntityTypeBuilder<ConflictOfInterest> builder)
    {
        builder.ToTable("ConflictsOfInterest");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reason).HasMaxLength(2000);
        builder.HasIndex(c => new { c.ApplicationId, c.PersonId }).IsUnique();
        builder.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicantQuestionConfiguration : IEntityTypeConfiguration<ApplicantQuestion>
{
    public void Configure(EntityTypeBuilder<ApplicantQuestion> builder)
    {
        builder.ToTable("ApplicantQuestions");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Text).HasMaxLength(4000);
        builder.Property(q => q.Answer).HasMaxLength(4000);
        builder.HasIndex(q => q.ApplicationId);
        builder.HasOne<Application>().WithMany().HasForeignKey(q => q.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.FromPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AdviceConfiguration : IEntityTypeConfiguration<Advice>
{
    public void Configure(EntityTypeBuilder<Advice> builder)
    {
        builder.ToTable("Advice");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.Text).HasMaxLength(4000);
        builder.HasIndex(a => a.GivenAt);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
