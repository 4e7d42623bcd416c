using KIP.Domain.Applications;
using KIP.Domain.Voting;
using KIP.Web.Data;

namespace KIP.Web.Live;

/// <summary>
/// A review session as <see cref="SessionRebuild"/> rebuilt it from the stored record: the meeting row (tracked when
/// read for a command), the domain's session holding every rule, the applications on the agenda and the record.
/// </summary>
public sealed record SessionState(
    Meeting Meeting,
    ReviewSession Session,
    IReadOnlyDictionary<Guid, Application> Applications,
    IReadOnlyList<RecusalRecord> Recusals,
    IReadOnlyList<MotionRecord> Motions,
    IReadOnlyList<VoteRecord> Votes,
    IReadOnlyList<ConflictOfInterest> DeclaredAhead);
