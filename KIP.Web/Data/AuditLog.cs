namespace KIP.Web.Data;

/// <summary>
/// Who did what when (the record): an append-only table. Add the entry to the same context, so it
/// is saved in the same transaction as the change it records.
/// </summary>
public static class AuditLog
{
    public static void Record(this KipDbContext db, DateTimeOffset at, Guid? personId, string action, string? subject = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(new AuditEntry { At = at, PersonId = personId, Action = action, Subject = subject, Details = details });
    }
}
