-- Prototype (not a migration): the filter data of the search index as small indexed tables keyed by the
-- profile's rowid (= the FTS5 rowid), so a text query's filters are B-tree probes instead of reading the
-- profile and organisation rows and parsing comma lists.
DROP TABLE IF EXISTS SupplierSearchRows;
DROP TABLE IF EXISTS SupplierSearchFacets;
CREATE TABLE SupplierSearchRows (RowId INTEGER PRIMARY KEY, OrganisationId TEXT NOT NULL, Name TEXT NOT NULL, Admitted INTEGER NOT NULL);
CREATE TABLE SupplierSearchFacets (Kind TEXT NOT NULL, Code TEXT NOT NULL, RowId INTEGER NOT NULL, PRIMARY KEY (Kind, Code, RowId)) WITHOUT ROWID;
INSERT INTO SupplierSearchRows SELECT p.rowid, o.Id, o.Name, o.AdmissionStatus = 'Admitted' FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId;
WITH RECURSIVE split(RowId, Kind, rest, code) AS (
  SELECT p.rowid, 'category', p.Categories || ',', NULL FROM OrganisationProfiles p
  UNION ALL SELECT p.rowid, 'theme', p.ImpactThemes || ',', NULL FROM OrganisationProfiles p
  UNION ALL SELECT p.rowid, 'municipality', coalesce(o.EstablishedIn, '') || ',' || o.WorksIn || ',', NULL FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId
  UNION ALL SELECT RowId, Kind, substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1) FROM split WHERE rest <> '')
INSERT OR IGNORE INTO SupplierSearchFacets SELECT Kind, code, RowId FROM split WHERE code IS NOT NULL AND code <> '';
ANALYZE;
