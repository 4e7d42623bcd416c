namespace KIP.Domain.Applications;

/// <summary>Rulebook §4: Draft → Submitted → InReview → Recognised | Rejected, plus MoreInformationRequested and Withdrawn.</summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    InReview,
    MoreInformationRequested,
    Recognised,
    Rejected,
    Withdrawn,
}

/// <summary>One step in an application's timeline; <see cref="Note"/> carries a question, motivation or deferral note.</summary>
public sealed record ApplicationEvent(ApplicationStatus Status, DateTimeOffset At, string? Note);

/// <summary>An application for recognition (rulebook §4).</summary>
public sealed class Application
{
    /// <summary>The timeline note of a deferral (the item stays InReview).</summary>
    public const string DeferredNote = "deferred";

    /// <summary>The timeline note of an application taken off a meeting's agenda before it was reviewed.</summary>
    public const string OffAgendaNote = "off-agenda";

    private readonly List<CriterionCode> _claimedCriteria = [];
    private readonly List<CriterionCode> _acceptedCriteria = [];
    private readonly List<ApplicationEvent> _timeline = [];

    // For EF Core.
    private Application()
    {
    }

    private Application(Guid id, Guid organisationId, int formVersion)
    {
        Id = id;
        OrganisationId = organisationId;
        FormVersion = formVersion;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    public ApplicationStatus Status { get; private set; }

    /// <summary>§4: the assessment form version it was started on; a draft stays on it.</summary>
    public int FormVersion { get; private set; }

    public IReadOnlyList<CriterionCode> ClaimedCriteria => _claimedCriteria.AsReadOnly();

    /// <summary>The criteria the commission accepted (only after Recognised).</summary>
    public IReadOnlyList<CriterionCode> AcceptedCriteria => _acceptedCriteria.AsReadOnly();

    /// <summary>§3: the Amsterdam date of the first submission; a startup's age is judged on it.</summary>
    public DateOnly? FirstSubmittedOn { get; private set; }

    public string? Motivation { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public IReadOnlyList<ApplicationEvent> Timeline => _timeline.AsReadOnly();

    /// <summary>§4: open means not yet decided or withdrawn.</summary>
    public bool IsOpen => IsOpenStatus(Status);

    public static bool IsOpenStatus(ApplicationStatus status) =>
        status is ApplicationStatus.Draft or ApplicationStatus.Submitted or ApplicationStatus.InReview or ApplicationStatus.MoreInformationRequested;

    /// <summary>Starts a draft. §4: an organisation has at most one open application at a time.</summary>
    public static Application Create(Guid id, Guid organisationId, int formVersion, DateTimeOffset at, bool hasOtherOpenApplication)
    {
        if (hasOtherOpenApplication)
        {
            throw new DomainException("application.one-open", "The organisation already has an open application.");
        }

        if (formVersion < 1)
        {
            throw new DomainException("application.form-version", "The form version starts at 1.");
        }

        var application = new Application(id, organisationId, formVersion);
        application.Record(ApplicationStatus.Draft, at, null);
        return application;
    }

    /// <summary>Sets the claimed criteria, while the applicant holds the application.</summary>
    public void Claim(IEnumerable<CriterionCode> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (Status is not (ApplicationStatus.Draft or ApplicationStatus.MoreInformationRequested))
        {
            throw new DomainException("application.not-editable", $"The claimed criteria cannot change when {Status}.");
        }

        _claimedCriteria.Clear();
        _claimedCriteria.AddRange(criteria.Distinct().OrderBy(c => c.Order));
    }

    /// <summary>§4: only an admitted organisation submits, with at most one open application.</summary>
    public void Submit(DateTimeOffset at, bool organisationIsAdmitted, bool hasOtherOpenApplication)
    {
        RequireStatus("application.not-draft", ApplicationStatus.Draft);
        if (!organisationIsAdmitted)
        {
            throw new DomainException("application.not-admitted", "Only an admitted organisation can submit an application.");
        }

        if (hasOtherOpenApplication)
        {
            throw new DomainException("application.one-open", "The organisation already has an open application.");
        }

        RequireClaims();
        FirstSubmittedOn ??= AmsterdamCalendar.DateOf(at);
        Record(ApplicationStatus.Submitted, at, null);
    }

    /// <summary>§4: Submitted → InReview when put on a meeting's agenda.</summary>
    public void PutOnAgenda(DateTimeOffset at)
    {
        RequireStatus("application.not-submitted", ApplicationStatus.Submitted);
        Record(ApplicationStatus.InReview, at, null);
    }

    /// <summary>
    /// §4 (docs/decisions/008): an application taken off a meeting's agenda before the meeting goes back to where it
    /// came from. One that went InReview by being put on that agenda returns to Submitted; a deferred one (deferred
    /// by an earlier session) stays InReview and is proposed first again. Returns whether the status changed.
    /// </summary>
    public bool TakeOffAgenda(DateTimeOffset at)
    {
        RequireStatus("application.not-in-review", ApplicationStatus.InReview);
        if (IsDeferred)
        {
            return false;
        }

        Record(ApplicationStatus.Submitted, at, OffAgendaNote);
        return true;
    }

    /// <summary>§4/§6: InReview after a deferral — the last step of its timeline is a deferral (a noted InReview step).</summary>
    public bool IsDeferred =>
        Status == ApplicationStatus.InReview && _timeline.Count > 0 && _timeline[^1] is { Status: ApplicationStatus.InReview, Note: not null };

    /// <summary>§4/§6: the commission asks the applicant for more information (no time limit).</summary>
    public void RequestMoreInformation(string question, DateTimeOffset at)
    {
        RequireStatus("application.not-under-review", ApplicationStatus.Submitted, ApplicationStatus.InReview);
        var text = RequireText(question, "application.question-required", "A request for more information needs a question.");
        Record(ApplicationStatus.MoreInformationRequested, at, text);
    }

    /// <summary>§4: resubmitting returns the application to Submitted.</summary>
    public void Resubmit(DateTimeOffset at, string? answer = null)
    {
        RequireStatus("application.no-information-requested", ApplicationStatus.MoreInformationRequested);
        RequireClaims();
        Record(ApplicationStatus.Submitted, at, string.IsNullOrWhiteSpace(answer) ? null : answer.Trim());
    }

    /// <summary>§4: the applicant withdraws, from any state before a decision.</summary>
    public void Withdraw(DateTimeOffset at, string? note = null)
    {
        if (!IsOpen)
        {
            throw new DomainException("application.not-open", $"An application that is {Status} cannot be withdrawn.");
        }

        Record(ApplicationStatus.Withdrawn, at, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }

    /// <summary>§4/§6: a positive decision with a motivation and the accepted criteria (only claimed ones).</summary>
    public void Recognise(IEnumerable<CriterionCode> acceptedCriteria, DecisionMotivation motivation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(acceptedCriteria);
        ArgumentNullException.ThrowIfNull(motivation);
        RequireStatus("application.not-in-review", ApplicationStatus.InReview);
        var accepted = acceptedCriteria.Distinct().OrderBy(c => c.Order).ToList();
        if (accepted.Count == 0)
        {
            throw new DomainException("application.no-criteria-accepted", "A recognition accepts at least one criterion.");
        }

        if (accepted.Any(c => !_claimedCriteria.Contains(c)))
        {
            throw new DomainException("application.criterion-not-claimed", "Only claimed criteria can be accepted.");
        }

        _acceptedCriteria.AddRange(accepted);
        Decide(ApplicationStatus.Recognised, motivation.Text, at);
    }

    /// <summary>§4/§6: a negative decision with a motivation.</summary>
    public void Reject(DecisionMotivation motivation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(motivation);
        RequireStatus("application.not-in-review", ApplicationStatus.InReview);
        Decide(ApplicationStatus.Rejected, motivation.Text, at);
    }

    /// <summary>§4/§6: a deferred item stays InReview and is proposed for the next meeting.</summary>
    public void Defer(DateTimeOffset at, string? note = null)
    {
        RequireStatus("application.not-in-review", ApplicationStatus.InReview);
        _timeline.Add(new ApplicationEvent(ApplicationStatus.InReview, at, string.IsNullOrWhiteSpace(note) ? DeferredNote : note.Trim()));
    }

    private void Decide(ApplicationStatus status, string motivation, DateTimeOffset at)
    {
        Motivation = motivation;
        DecidedAt = at;
        Record(status, at, motivation);
    }

    private void Record(ApplicationStatus status, DateTimeOffset at, string? note)
    {
        Status = status;
        _timeline.Add(new ApplicationEvent(status, at, note));
    }

    private void RequireStatus(string code, params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException(code, $"Not allowed when the application is {Status}.");
        }
    }

    private void RequireClaims()
    {
        if (_claimedCriteria.Count == 0)
        {
            throw new DomainException("application.no-criteria-claimed", "Claim at least one criterion.");
        }
    }

    private static string RequireText(string? text, string code, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(code, message) : text.Trim();
}
