-- motcua pgstore schema, version 5: the corrections of a wrong result in each summary
-- (onestop.Summary.Corrections and CorrectionsLate: the results the desk sent back to the
-- agency for correction, Decree 118/2025 Art. 23(1), and those returned after the agency's
-- 3 working days), reported in Biểu 06's informative columns Corrected and CorrectedLate.
ALTER TABLE summaries ADD COLUMN corrections smallint NOT NULL DEFAULT 0;
ALTER TABLE summaries ADD COLUMN corrections_late smallint NOT NULL DEFAULT 0;

-- packed as in version 2, with the two numbers (int2, big-endian) after the four texts: a
-- generated column cannot change its expression, so it is dropped and added again (the server
-- computes it for every row).
ALTER TABLE summaries DROP COLUMN packed;
ALTER TABLE summaries ADD COLUMN packed bytea NOT NULL GENERATED ALWAYS AS (
    int8send(received) || int8send(original_due) || int8send(due) || int8send(ended) ||
    int8send(returned) || int8send(waiting_since) || int8send(applicant_time) ||
    int2send(outcome) || int2send(supplements) || int2send(contacts) || int2send(step_score) ||
    int2send(rating) || boolsend(online) || boolsend(complaint) ||
    summary_text(code) || summary_text(level) || summary_text(field) || summary_text(agency) ||
    int2send(corrections) || int2send(corrections_late)
) STORED;
