-- motcua pgstore schema, version 1: the dossiers, their event log, the report summaries, the
-- daily code sequences and the outbox. Every table is created in the first schema of the
-- connection's search_path; nothing here needs a superuser, an extension, a sequence shared by
-- all writers (the outbox's identity aside) or an advisory lock.

-- dossiers: the current record of each dossier, one row per dossier. The columns beside
-- "record" copy the fields of onestop.Record the queries of a desk and its supervisors select
-- by, each with its index.
CREATE TABLE dossiers (
    code     text        PRIMARY KEY,          -- stored form of the dossier code (Code.String)
    version  bigint      NOT NULL CHECK (version > 0),   -- Record.Version: optimistic concurrency
    seq      integer     NOT NULL CHECK (seq >= 0),      -- Record.Seq: length of the log in dossier_events
    desk     text        NOT NULL,             -- receiving one-stop desk (QCVN 102 code)
    holder   text        NOT NULL,             -- Record.Holder: agency whose work queue holds it; '' when closed
    state    smallint    NOT NULL,             -- dossier.State
    due      bigint      NOT NULL,             -- Summary.Due (Unix seconds): the work queue's order
    watch    timestamptz,                      -- Record.Watch: from when the sweep looks at it; NULL: never
    received timestamptz,                      -- official reception
    ended    timestamptz,                      -- end of processing (Resolution.At)
    record   json        NOT NULL,             -- the Record without its log and its public view (JSON text as written)
    public   json                              -- Record.Public, the public lookup view; NULL: none
);

-- the work queue of an agency: the dossiers whose current step it holds, by state, by due time
CREATE INDEX dossiers_queue ON dossiers (holder, state, due, code) WHERE holder <> '';
-- the sweep reads only the dossiers whose watch instant has come, never the others
CREATE INDEX dossiers_watch ON dossiers (watch) WHERE watch IS NOT NULL;
-- a desk's register by day of reception
CREATE INDEX dossiers_desk_received ON dossiers (desk, received);

-- dossier_events: the append-only log, one row per event, never updated nor deleted. The
-- primary key makes a second copy of an event impossible.
CREATE TABLE dossier_events (
    code  text    NOT NULL REFERENCES dossiers (code),
    seq   integer NOT NULL CHECK (seq > 0),    -- dossier.Event.Seq: 1, 2, 3, …
    event json    NOT NULL,                    -- dossier.Event as written (json, not jsonb: read whole, never searched)
    PRIMARY KEY (code, seq)
);

-- summaries: the compact record reports (Biểu 06) are computed from, one per dossier, as
-- onestop.Summary: times in Unix seconds, 0 for "not yet".
CREATE TABLE summaries (
    code           text     PRIMARY KEY REFERENCES dossiers (code),
    level          text     NOT NULL,
    field          text     NOT NULL,
    agency         text     NOT NULL,
    received       bigint   NOT NULL,
    original_due   bigint   NOT NULL,
    due            bigint   NOT NULL,
    ended          bigint   NOT NULL,
    returned       bigint   NOT NULL,
    waiting_since  bigint   NOT NULL,
    applicant_time bigint   NOT NULL,
    online         boolean  NOT NULL,
    outcome        smallint NOT NULL,
    supplements    smallint NOT NULL,
    contacts       smallint NOT NULL,
    step_score     smallint NOT NULL,
    rating         smallint NOT NULL,
    complaint      boolean  NOT NULL
);

-- a report of [from, to) reads the dossiers received before "to" that are open, or ended
-- since "from": the open ones by the first index, the ended ones by the second
CREATE INDEX summaries_open ON summaries (received) WHERE ended = 0 AND received <> 0;
CREATE INDEX summaries_ended ON summaries (ended) WHERE ended <> 0;

-- code_sequences: the daily sequence of each receiving unit. One row per unit and day,
-- incremented by INSERT … ON CONFLICT DO UPDATE … RETURNING: no two calls get one number.
CREATE TABLE code_sequences (
    unit text    NOT NULL,
    day  date    NOT NULL,
    last integer NOT NULL CHECK (last > 0),
    PRIMARY KEY (unit, day)
);

-- outbox: the messages of commands (their notices), written in the transaction of the
-- command's events, handed out by Fetch under a lease and acknowledged by Ack.
CREATE TABLE outbox (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- Envelope.ID
    code       text        NOT NULL,          -- Envelope.Code: the dossier, or '' for a submission refused at intake
    payload    jsonb       NOT NULL,          -- the Envelope's message (its Notice)
    attempts   integer     NOT NULL DEFAULT 0,
    not_before timestamptz NOT NULL,          -- not handed out before; a lease or a retry moves it
    last_error text        NOT NULL DEFAULT '',
    written    timestamptz NOT NULL DEFAULT now(),
    acked      timestamptz                    -- delivered and acknowledged; NULL: still to deliver
);

-- Fetch reads only what is still to deliver, lowest ID first
CREATE INDEX outbox_pending ON outbox (id) WHERE acked IS NULL;
