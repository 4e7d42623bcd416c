namespace KIP.Domain.Voting;

/// <summary>An application on a review session's agenda (rulebook §6).</summary>
public sealed class AgendaItem
{
    private readonly List<CriterionCode> _claimedCriteria = [];
    private readonly List<Guid> _recusals = [];
    private readonly List<Guid> _declaredAhead = [];
    private readonly List<Motion> _motions = [];

    // For EF Core.
    private AgendaItem()
    {
    }

    internal AgendaItem(Guid id, Guid applicationId, IEnumerable<CriterionCode> claimedCriteria)
    {
        Id = id;
        ApplicationId = applicationId;
        _claimedCriteria.AddRange(claimedCriteria.Distinct().OrderBy(c => c.Order));
    }

    public Guid Id { get; private set; }

    public Guid ApplicationId { get; private set; }

    public IReadOnlyList<CriterionCode> ClaimedCriteria => _claimedCriteria.AsReadOnly();

    /// <summary>
    /// Members recused for this item, in the session or declared ahead: they cannot vote and do not count for its
    /// quorum (rulebook §6 Recusal — a conflict declared ahead acts exactly like one declared in the session).
    /// </summary>
    public IReadOnlyCollection<Guid> Recusals => _declaredAhead.Concat(_recusals.Where(r => !_declaredAhead.Contains(r))).ToList().AsReadOnly();

    /// <summary>Members who declared a conflict on this application before it came to the floor.</summary>
    public IReadOnlyCollection<Guid> DeclaredAhead => _declaredAhead.AsReadOnly();

    /// <summary>The member the chair handed this item to; null when the session chair chairs it.</summary>
    public Guid? ActingChairPersonId { get; private set; }

    public IReadOnlyList<Motion> Motions => _motions.AsReadOnly();

    /// <summary>Null while nothing was decided; <see cref="ItemResult.StillOpenForAnotherMotion"/> keeps it open.</summary>
    public ItemResult? Result { get; private set; }

    /// <summary>§6: every seat was recused, so the coordination team must be told.</summary>
    public bool CoordinationMustBeTold { get; private set; }

    public bool IsOpen => Result is null or ItemResult.StillOpenForAnotherMotion;

    public Motion? OpenMotion => _motions.Find(m => m.IsOpen);

    public bool IsRecused(Guid personId) => _recusals.Contains(personId) || _declaredAhead.Contains(personId);


    internal void Recuse(Guid personId)
    {
        if (!_recusals.Contains(personId))
        {
            _recusals.Add(personId);
        }
    }

    internal void DeclareAhead(Guid personId)
    {
        if (!_declaredAhead.Contains(personId))
        {
            _declaredAhead.Add(personId);
        }
    }

    internal void WithdrawAhead(Guid personId) => _declaredAhead.Remove(personId);

    internal void HandOver(Guid personId) => ActingChairPersonId = personId;

    internal void AddMotion(Motion motion) => _motions.Add(motion);

    internal void Conclude(ItemResult result, bool coordinationMustBeTold = false)
    {
        Result = result;
        CoordinationMustBeTold = coordinationMustBeTold;
    }
}
