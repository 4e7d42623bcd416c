namespace KIP.Domain.Organisations;

/// <summary>Admission to the platform (rulebook §1); admission is not recognition.</summary>
public enum AdmissionStatus
{
    Registered,
    AdmissionRequested,
    Admitted,
    Declined,
}

/// <summary>A recorded change of KvK number; the organisation keeps its history (rulebook §3).</summary>
public sealed record KvkNumberChange(KvkNumber Previous, KvkNumber Current, DateOnly ChangedOn);

/// <summary>An organisation on the platform, identified by its KvK number (rulebook §1), with its recognition (§2–§3).</summary>
public sealed class Organisation
{
    private const string RenewedReason = "renewed";

    private readonly List<Municipality> _worksIn = [];
    private readonly List<AcceptedCriterion> _acceptedCriteria = [];
    private readonly List<KvkNumberChange> _kvkNumberHistory = [];

    // For EF Core.
    private Organisation()
    {
        KvkNumber = null!;
        Name = null!;
        LegalForm = null!;
    }

    private Organisation(Guid id, KvkNumber kvkNumber, string name, LegalForm legalForm)
    {
        Id = id;
        KvkNumber = kvkNumber;
        Name = name;
        LegalForm = legalForm;
    }

    public Guid Id { get; private set; }

    public KvkNumber KvkNumber { get; private set; }

    public string Name { get; private set; }

    public LegalForm LegalForm { get; private set; }

    public DateOnly? FoundedOn { get; private set; }

    /// <summary>Null when unknown (an unknown number is not 0, rulebook §3).</summary>
    public int? Employees { get; private set; }

    /// <summary>The municipality of establishment; null when established outside the seven.</summary>
    public Municipality? EstablishedIn { get; private set; }

    public IReadOnlyCollection<Municipality> WorksIn => _worksIn.AsReadOnly();

    public string? SocialMission { get; private set; }

    public string? ImpactAmbition { get; private set; }

    public AdmissionStatus AdmissionStatus { get; private set; }

    public DateOnly? AdmittedOn { get; private set; }

    public string? DeclineReason { get; private set; }

    public IReadOnlyList<KvkNumberChange> KvkNumberHistory => _kvkNumberHistory.AsReadOnly();

    public IReadOnlyList<AcceptedCriterion> AcceptedCriteria => _acceptedCriteria.AsReadOnly();

    public static Organisation Register(
        Guid id,
        KvkNumber kvkNumber,
        string name,
        LegalForm legalForm,
        Municipality? establishedIn,
        IEnumerable<Municipality>? worksIn = null,
        DateOnly? foundedOn = null,
        int? employees = null)
    {
        ArgumentNullException.ThrowIfNull(kvkNumber);
        ArgumentNullException.ThrowIfNull(legalForm);
        var organisation = new Organisation(id, kvkNumber, RequireName(name), legalForm);
        organisation.UpdateDetails(organisation.Name, legalForm, establishedIn, worksIn ?? [], foundedOn, employees);
        return organisation;
    }

    public void UpdateDetails(
        string name,
        LegalForm legalForm,
        Municipality? establishedIn,
        IEnumerable<Municipality> worksIn,
        DateOnly? foundedOn,
        int? employees)
    {
        ArgumentNullException.ThrowIfNull(legalForm);
        ArgumentNullException.ThrowIfNull(worksIn);
        if (employees is < 0)
        {
            throw new DomainException("organisation.employees-negative", "The number of employees cannot be negative.");
        }

        Name = RequireName(name);
        LegalForm = legalForm;
        EstablishedIn = establishedIn;
        _worksIn.Clear();
        _worksIn.AddRange(worksIn.Distinct());
        FoundedOn = foundedOn;
        Employees = employees;
    }

    public void DescribeMission(string? socialMission) =>
        SocialMission = string.IsNullOrWhiteSpace(socialMission) ? null : socialMission.Trim();

    /// <summary>§1: established in, or works in, at least one of the seven municipalities.</summary>
    public bool IsInRegion => EstablishedIn is not null || _worksIn.Count > 0;

    /// <summary>§1: asks the coordination team for admission, stating an impact ambition.</summary>
    public void RequestAdmission(string impactAmbition)
    {
        if (AdmissionStatus is not (AdmissionStatus.Registered or AdmissionStatus.Declined))
        {
            throw new DomainException("admission.not-requestable", $"Admission cannot be requested when {AdmissionStatus}.");
        }

        if (!IsInRegion)
        {
            throw new DomainException("admission.outside-region", "The organisation must be established or work in one of the seven municipalities.");
        }

        if (string.IsNullOrWhiteSpace(impactAmbition))
        {
            throw new DomainException("admission.ambition-required", "State the impact ambition.");
        }

        ImpactAmbition = impactAmbition.Trim();
        DeclineReason = null;
        AdmissionStatus = AdmissionStatus.AdmissionRequested;
    }

    public void Admit(DateOnly on)
    {
        if (AdmissionStatus != AdmissionStatus.AdmissionRequested)
        {
            throw new DomainException("admission.not-requested", "Only a requested admission can be granted.");
        }

        AdmissionStatus = AdmissionStatus.Admitted;
        AdmittedOn = on;
    }

    public void Decline(string reason)
    {
        if (AdmissionStatus != AdmissionStatus.AdmissionRequested)
        {
            throw new DomainException("admission.not-requested", "Only a requested admission can be declined.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("admission.reason-required", "A decline needs a reason.");
        }

        AdmissionStatus = AdmissionStatus.Declined;
        DeclineReason = reason.Trim();
    }

    /// <summary>§3: a new KvK number (the legal form changed) keeps the organisation's history, grace period included.</summary>
    public void ChangeKvkNumber(KvkNumber newNumber, DateOnly changedOn)
    {
        ArgumentNullException.ThrowIfNull(newNumber);
        if (newNumber == KvkNumber)
        {
            throw new DomainException("kvk.unchanged", "The KvK number is the same.");
        }

        _kvkNumberHistory.Add(new KvkNumberChange(KvkNumber, newNumber, changedOn));
        KvkNumber = newNumber;
    }

    // ---- Recognition (rulebook §2), computed from dates whenever asked. ----

    /// <summary>§3: the grace period started with the first accepted <c>startup-zzp</c>; revocation does not give it back.</summary>
    public DateOnly? GraceStartedOn =>
        _acceptedCriteria.Where(c => c.Code == CriterionCode.StartupZzp)
            .Select(c => (DateOnly?)c.ValidFrom)
            .Min();

    public GracePeriod? GracePeriod => GraceStartedOn is { } start ? new GracePeriod(start) : null;

    /// <summary>
    /// Adds a criterion the commission accepted (rulebook §2). Open-ended criteria take no
    /// valid-until; PSO 30+ and B Corp need one (see <see cref="RecognitionPolicy.BCorpDefaultValidUntil"/>);
    /// <c>startup-zzp</c> starts the once-only grace period and its valid-until is the grace end date.
    /// A criterion of the same code that still holds is superseded from <paramref name="validFrom"/>.
    /// </summary>
    public AcceptedCriterion Accept(CriterionCode code, DateOnly validFrom, DateOnly? validUntil, Guid? decisionId, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code == CriterionCode.StartupZzp)
        {
            if (GraceStartedOn is { } earlier)
            {
                throw new DomainException("recognition.grace-used", $"The startup/ZZP grace period was already used (started {earlier:yyyy-MM-dd}).");
            }

            var graceEnd = RecognitionPolicy.GraceEndDate(validFrom);
            if (validUntil is not null && validUntil != graceEnd)
            {
                throw new DomainException("recognition.grace-valid-until", "The startup/ZZP criterion is valid until the end of its grace period.");
            }

            validUntil = graceEnd;
        }
        else if (RecognitionPolicy.IsOpenEnded(code))
        {
            if (validUntil is not null)
            {
                throw new DomainException("recognition.open-ended", $"Criterion {code} is open-ended and takes no valid-until date.");
            }
        }
        else if (validUntil is null)
        {
            throw new DomainException("recognition.valid-until-required", $"Criterion {code} needs a valid-until date.");
        }

        if (validUntil < validFrom)
        {
            throw new DomainException("recognition.valid-until-before-from", "The valid-until date lies before the valid-from date.");
        }

        foreach (var existing in _acceptedCriteria.Where(c => c.Code == code && c.HoldsOnOrAfter(validFrom)))
        {
            existing.End(validFrom, RenewedReason, revoked: false);
        }

        var accepted = new AcceptedCriterion(id ?? Guid.NewGuid(), code, validFrom, validUntil, decisionId);
        _acceptedCriteria.Add(accepted);
        return accepted;
    }

    /// <summary>§2: the coordination team revokes one accepted criterion, with a reason; effective at once (not valid on <paramref name="onDate"/>).</summary>
    public void RevokeCriterion(CriterionCode code, DateOnly onDate, string reason)
    {
        ArgumentNullException.ThrowIfNull(code);
        Revoke(_acceptedCriteria.Where(c => c.Code == code && c.HoldsOnOrAfter(onDate)).ToList(), onDate, reason);
    }

    /// <summary>§2: the coordination team revokes the whole recognition, with a reason; effective at once.</summary>
    public void RevokeAll(DateOnly onDate, string reason) =>
        Revoke(_acceptedCriteria.Where(c => c.HoldsOnOrAfter(onDate)).ToList(), onDate, reason);

    private static void Revoke(List<AcceptedCriterion> criteria, DateOnly onDate, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("recognition.reason-required", "A revocation needs a reason.");
        }

        if (criteria.Count == 0)
        {
            throw new DomainException("recognition.nothing-to-revoke", "There is no valid criterion to revoke.");
        }

        foreach (var criterion in criteria)
        {
            criterion.End(onDate, reason.Trim(), revoked: true);
        }
    }

    public IReadOnlyList<AcceptedCriterion> ValidCriteriaOn(DateOnly date) => Recognition(date).ValidCriteria;

    /// <summary>§2: recognised when at least one accepted criterion is valid on the date.</summary>
    public bool IsRecognisedOn(DateOnly date) => _acceptedCriteria.Any(c => c.IsValidOn(date));

    /// <summary>§2: the latest valid-until of the criteria valid on the date; null when one is open-ended or none is valid.</summary>
    public DateOnly? ValidUntilOn(DateOnly date) => Recognition(date).ValidUntil;

    /// <summary>§2 on <paramref name="date"/>: the valid criteria, until when and whether temporary, in one answer.</summary>
    public RecognitionOn Recognition(DateOnly date) => RecognitionOn.Of(_acceptedCriteria, date);

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name)
            ? throw new DomainException("organisation.name-required", "An organisation needs a name.")
            : name.Trim();
}
