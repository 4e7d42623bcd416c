"""Prototype timing: today's candidates SQL (SqliteSupplierSearchSql) against the same query on the side tables of
side-tables.sql, on one connection, in rotating order; checks both return the same ids in the same order."""
import sqlite3, sys, time, datetime, statistics

db, reps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
con = sqlite3.connect(db)
today = datetime.date.today().isoformat()
valid = "c.ValidFrom <= :today AND (c.ValidUntil IS NULL OR :today <= c.ValidUntil) AND (c.EndedOn IS NULL OR :today < c.EndedOn)"
texts = {"prefix-2": '"sc"*', "prefix-3": '"gro"*', "common-word": '"websites"*', "two-words": '"schilder"* "onderhoud"*'}
old_filters = {
    "alone": "",
    "+municipality": " AND (o.EstablishedIn = :code OR instr(',' || o.WorksIn || ',', ',' || :code || ',') > 0)",
    "+category": " AND (instr(',' || p.Categories || ',', ',' || :code || ',') > 0)",
    "+recognised": f" AND EXISTS (SELECT 1 FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND {valid})",
}
new_filters = {
    "alone": "",
    "+municipality": " AND EXISTS (SELECT 1 FROM SupplierSearchFacets f WHERE f.Kind = 'municipality' AND f.Code = :code AND f.RowId = s.rowid)",
    "+category": " AND EXISTS (SELECT 1 FROM SupplierSearchFacets f WHERE f.Kind = 'category' AND f.Code = :code AND f.RowId = s.rowid)",
    "+recognised": f" AND EXISTS (SELECT 1 FROM AcceptedCriteria c WHERE c.OrganisationId = r.OrganisationId AND {valid})",
}
codes = {"+municipality": "haarlem", "+category": "zorg-en-welzijn"}
old_sql = "SELECT o.Id, s.rank, o.Name, NULL FROM SupplierSearch s JOIN OrganisationProfiles p ON p.rowid = s.rowid JOIN Organisations o ON o.Id = p.OrganisationId WHERE o.AdmissionStatus = 'Admitted' AND SupplierSearch MATCH :match{f} LIMIT 1001"
new_sql = "SELECT r.OrganisationId, s.rank, r.Name, NULL FROM SupplierSearch s JOIN SupplierSearchRows r ON r.RowId = s.rowid WHERE SupplierSearch MATCH :match AND r.Admitted = 1{f} LIMIT 1001"

def run(sql, params):
    start = time.perf_counter()
    rows = con.execute(sql, params).fetchall()
    return (time.perf_counter() - start) * 1000, rows

def p95(xs):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]

print(f"db {db}  reps {reps}  sqlite {sqlite3.sqlite_version}")
print(f"{'shape':32} {'rows':>5} | {'old p50':>8} {'old p95':>8} | {'new p50':>8} {'new p95':>8} | same")
all_old, all_new = [], []
for tname, match in texts.items():
    for fname in old_filters:
        params = {"match": match, "today": today, "code": codes.get(fname, "")}
        o_sql, n_sql = old_sql.format(f=old_filters[fname]), new_sql.format(f=new_filters[fname])
        old_t, new_t = [], []
        for i in range(reps):
            pair = [(o_sql, old_t), (n_sql, new_t)]
            if i % 2: pair.reverse()
            for sql, bucket in pair:
                t, rows = run(sql, params); bucket.append(t)
        _, o_rows = run(o_sql, params); _, n_rows = run(n_sql, params)
        same = [r[0] for r in o_rows] == [r[0] for r in n_rows] and [r[1] for r in o_rows] == [r[1] for r in n_rows]
        all_old += old_t; all_new += new_t
        print(f"{tname + ' ' + fname:32} {len(o_rows):5} | {statistics.median(old_t):8.2f} {p95(old_t):8.2f} | {statistics.median(new_t):8.2f} {p95(new_t):8.2f} | {same}")
print(f"{'ALL':32} {'':5} | {statistics.median(all_old):8.2f} {p95(all_old):8.2f} | {statistics.median(all_new):8.2f} {p95(all_new):8.2f} |")
for fname in ("+category", "+recognised"):
    print(f"plan new {fname}:")
    for row in con.execute("EXPLAIN QUERY PLAN " + new_sql.format(f=new_filters[fname]), {"match": '"sc"*', "today": today, "code": codes.get(fname, "")}):
        print("   ", row[3])
