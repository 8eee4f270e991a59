-- motcua pgstore schema, version 4: what the escalation sweep reads of each dossier, in one
-- compact binary column written with the record: the dossier with its whole log in the binary
-- encoding of dossier.Dossier.AppendBinary, then its route plan (JSON), route and locality.
-- A sweep of the 10,000 dossiers at risk among a million then decodes about 1 kB of binary
-- each instead of the record's JSON and its log's. NULL for a row written before this version:
-- the sweep reads that one from "record" and dossier_events, as before, until its next write.
ALTER TABLE dossiers ADD COLUMN sweep bytea;
