-- motcua pgstore schema, version 3: messages of other kinds than notices in the outbox (the
-- records of package portal for the National Public Service Portal, onestop.Envelope.Kind and
-- Payload). Their bytes are kept as written, in their own column: jsonb would reorder their keys.
-- A notice keeps kind '' and its payload; a message of a kind keeps payload '{}' and its body.
ALTER TABLE outbox ADD COLUMN kind text NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN body bytea;

-- the share of dossiers synchronised (onestop.OutboxTally) counts a kind's messages by dossier
CREATE INDEX outbox_kind_code ON outbox (kind, code) WHERE kind <> '';
