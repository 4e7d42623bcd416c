using KIP.Domain.Applications;
using KIP.Domain.Commission;
using KIP.Domain.Organisations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Data;

/// <summary>
/// The unit of work: one context per operation, created by <see cref="IDbContextFactory{TContext}"/>. On SQLite (the
/// default) this type itself, with the migrations in <c>Data/Migrations</c>; on PostgreSQL its derived
/// <see cref="Postgres.PostgresKipDbContext"/>, whose type picks the migrations in <c>Data/Migrations/Postgres</c>.
/// </summary>
public class KipDbContext : DbContext, IDataProtectionKeyContext
{
    public KipDbContext(DbContextOptions<KipDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type (its own migrations, same model).</summary>
    protected KipDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationProfile> Profiles => Set<OrganisationProfile>();

    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();

    public DbSet<Person> Persons => Set<Person>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<SeatTerm> SeatTerms => Set<SeatTerm>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<AgendaEntry> AgendaEntries => Set<AgendaEntry>();

    public DbSet<MotionRecord> Motions => Set<MotionRecord>();

    public DbSet<VoteRecord> Votes => Set<VoteRecord>();

    public DbSet<DecisionRecord> Decisions => Set<DecisionRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Shortlist> Shortlists => Set<Shortlist>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<ConflictOfInterest> ConflictsOfInterest => Set<ConflictOfInterest>();

    public DbSet<ApplicantQuestion> ApplicantQuestions => Set<ApplicantQuestion>();

    public DbSet<Advice> Advice => Set<Advice>();

    public DbSet<ShortlistEntry> ShortlistEntries => Set<ShortlistEntry>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

    public DbSet<ApplicationDraft> ApplicationDrafts => Set<ApplicationDraft>();

    public DbSet<FormVersionRecord> FormVersions => Set<FormVersionRecord>();

    public DbSet<EvidenceDocument> EvidenceDocuments => Set<EvidenceDocument>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<SentReminder> SentReminders => Set<SentReminder>();

    public DbSet<SentCoordinationAlert> SentCoordinationAlerts => Set<SentCoordinationAlert>();

    /// <summary>Signed-in sessions (Identity/DatabaseTicketStore.cs).</summary>
    public DbSet<ServerSession> ServerSessions => Set<ServerSession>();

    // SROI obligations (rulebook §7, KIP.Web/Sroi).
    public DbSet<Sroi.SroiContract> SroiContracts => Set<Sroi.SroiContract>();

    public DbSet<Sroi.SroiInvoice> SroiInvoices => Set<Sroi.SroiInvoice>();

    public DbSet<Sroi.SroiActivity> SroiActivities => Set<Sroi.SroiActivity>();

    public DbSet<Sroi.SroiBuildingBlock> SroiBuildingBlocks => Set<Sroi.SroiBuildingBlock>();

    public DbSet<Sroi.SroiPartnerLink> SroiPartnerLinks => Set<Sroi.SroiPartnerLink>();

    public DbSet<Sroi.SroiSentReminder> SroiSentReminders => Set<Sroi.SroiSentReminder>();

    /// <summary>ASP.NET Core's data-protection keys (session, antiforgery and provider-key protection), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The embedded sign-in provider's key pairs, their private keys protected (<see cref="ProviderKeyRecord"/>).</summary>
    public DbSet<ProviderKeyRecord> ProviderKeys => Set<ProviderKeyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KipDbContext).Assembly);

        // The embedded sign-in provider's clients, authorizations and tokens (Identity/EmbeddedProvider.cs).
        modelBuilder.UseOpenIddict();
    }
}
