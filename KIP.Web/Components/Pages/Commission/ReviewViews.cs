using KIP.Domain.Applications;
using KIP.Domain.Eligibility;
using KIP.Domain.Organisations;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Eligibility;

namespace KIP.Web.Components.Pages.Commission;

public sealed record AwaitingApplication(
    Guid Id, Guid OrganisationId, string OrganisationName, ApplicationStatus Status, DateOnly? SubmittedOn,
    IReadOnlyList<CriterionOutcome> Checks, DateOnly? MeetingDate, int Comments, bool MyConflict);

public sealed record NoteView(Guid Id, string PersonName, string Text, DateTimeOffset At);

public sealed record QuestionView(Guid Id, string FromName, string Text, DateTimeOffset AskedAt, string? Answer, string? AnsweredByName, DateTimeOffset? AnsweredAt);

public sealed record ApplicationDetail(
    AwaitingApplication Summary, Organisation Organisation, OrganisationProfile? Profile, IReadOnlyList<ApplicationEvent> Timeline,
    IReadOnlyList<NoteView> Comments, IReadOnlyList<NoteView> Conflicts, IReadOnlyList<QuestionView> Questions,
    AssessmentState? Form, IReadOnlyList<EvidenceDocument> Documents);

public sealed record AdviceView(Guid Id, string MemberName, bool Asked, string Subject, string Text, DateTimeOffset GivenAt);
