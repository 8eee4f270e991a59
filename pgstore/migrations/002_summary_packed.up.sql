-- motcua pgstore schema, version 2: each summary also in one compact binary column, so a report
-- over a million dossiers reads one value per row instead of eighteen (the server's work and
-- the transfer are then mostly the bytes themselves; Biểu 06 over 1,000,000 summaries about
-- three times faster). The column is generated: every writer, old or new, keeps it exact.

-- summary_text is t as UTF-8 bytes after their length (int4, big-endian). convert_to is only
-- "stable" because a conversion could in principle change; from the server's encoding to UTF-8
-- it never does for a database, so this function is declared immutable, as a generated column
-- requires.
CREATE FUNCTION summary_text(t text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT int4send(octet_length(convert_to(t, 'UTF8'))) || convert_to(t, 'UTF8') $$;

-- packed: received, original_due, due, ended, returned, waiting_since, applicant_time (int8),
-- outcome, supplements, contacts, step_score, rating (int2), online, complaint (bool: one byte,
-- 0 or 1), then code, level, field and agency (summary_text), all big-endian: 68 bytes and the
-- four texts. pgstore decodes it in Store.Summaries; a change of layout is a new migration.
ALTER TABLE summaries ADD COLUMN packed bytea NOT NULL GENERATED ALWAYS AS (
    int8send(received) || int8send(original_due) || int8send(due) || int8send(ended) ||
    int8send(returned) || int8send(waiting_since) || int8send(applicant_time) ||
    int2send(outcome) || int2send(supplements) || int2send(contacts) || int2send(step_score) ||
    int2send(rating) || boolsend(online) || boolsend(complaint) ||
    summary_text(code) || summary_text(level) || summary_text(field) || summary_text(agency)
) STORED;
