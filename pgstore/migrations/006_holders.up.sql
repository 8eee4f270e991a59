-- motcua pgstore schema, version 6: a work queue for every agency holding a dossier. On a
-- route with parallel steps (electronic liên thông, Decree 118/2025 Art. 20(2)(b)) several
-- agencies hold a dossier at once (onestop.Record.Holders), and the dossier must be in the
-- work queue of each; the column holder kept only the first. It gives way to a table with
-- one row per dossier and agency holding it, written in the transaction of the dossier's
-- row, with the state and due time the queue selects and orders by.
CREATE TABLE dossier_holders (
    code   text     NOT NULL REFERENCES dossiers (code),
    agency text     NOT NULL,              -- an agency of Record.Holders (QCVN 102 code)
    state  smallint NOT NULL,              -- dossiers.state
    due    bigint   NOT NULL,              -- dossiers.due: the queue's order
    PRIMARY KEY (code, agency)
);

-- the work queue of an agency, most urgent first; the state is read from the index
CREATE INDEX dossier_holders_queue ON dossier_holders (agency, due, code, state);

-- The rows written before: a dossier in process, waiting for a supplement or an obligation
-- (dossier.State 6, 7, 8) is held by the agencies of its steps in hand (started and not
-- done, in the record's dossier), which the column holder named only the first of; any
-- other dossier, or one without a step in hand, by its holder. Closed dossiers ('') by none.
INSERT INTO dossier_holders (code, agency, state, due)
WITH in_hand AS (
    SELECT DISTINCT d.code, s.step->>'agency' AS agency
    FROM dossiers d,
         json_array_elements(CASE WHEN json_typeof(d.record->'dossier'->'steps') = 'array'
             THEN d.record->'dossier'->'steps' ELSE '[]'::json END) AS s(step)
    WHERE d.state IN (6, 7, 8)
      AND coalesce(s.step->>'start', '0001-01-01T00:00:00Z') NOT LIKE '0001-01-01T00:00:00%'
      AND coalesce(s.step->>'done', '0001-01-01T00:00:00Z') LIKE '0001-01-01T00:00:00%'
      AND coalesce(s.step->>'agency', '') <> ''
)
SELECT d.code, i.agency, d.state, d.due FROM dossiers d JOIN in_hand i ON i.code = d.code
UNION
SELECT d.code, d.holder, d.state, d.due FROM dossiers d
WHERE d.holder <> '' AND NOT EXISTS (SELECT 1 FROM in_hand i WHERE i.code = d.code);

-- A process of an older version writing after this fails on the missing column rather than
-- leave the queues stale.
DROP INDEX dossiers_queue;
ALTER TABLE dossiers DROP COLUMN holder;
