namespace KIP.Tests.Live;

/// <summary>
/// The live session's record under concurrency on PostgreSQL (docs/decisions/014): every test of
/// <see cref="ReviewSessionServiceTests"/> — the 50× parallel tally, the duplicate vote, the vote racing the close —
/// with the meeting's row lock instead of SQLite's write lock, on a database of its own.
/// </summary>
[Collection("postgres-review-session")]
public sealed class PostgresReviewSessionServiceTests(PostgresLiveApp live) : ReviewSessionServiceTests(live), IClassFixture<PostgresLiveApp>;

/// <summary>The seam on PostgreSQL: a second command on the meeting waits for the first's row lock (<see cref="MeetingWriteLockTests"/>).</summary>
[Collection("postgres-meeting-write-lock")]
public sealed class PostgresMeetingWriteLockTests(PostgresLiveApp live) : MeetingWriteLockTests(live), IClassFixture<PostgresLiveApp>;
