// Package routing models inter-agency one-stop routes (một cửa liên thông): who handles a
// dossier, in which order, how the procedure's single time limit is split between the
// agencies, and, when a dossier runs late, which agency must apologise.
//
// # Agencies and the administrative map
//
// An agency is identified by its code in the structure of QCVN 102:2016/BTTTT (Circular
// 10/2016/TT-BTTTT), V1V2V3.Z1Z2.Y1Y2.MX1X2, the same code that opens a dossier code
// (Circular 01/2018/TT-VPCP Art. 19): see procedure.AgencyCode. A Directory is the
// administrative map as data: entries (Entry) with their level, parent, functions and
// effective dates. Local government had three levels (province, district, commune) until
// 2025-06-30 and two (province, commune) from 2025-07-01, when districts were abolished and
// provinces merged: a code used on a date when its entry was not in force is an
// *AgencyError (ErrAbolished naming the last day in force and the successor, or ErrNotYet).
// A step may name its agency by a Function ("the commune police where the applicant lives",
// key "role" in JSON); Route.Bind resolves functions against the applicant's locality on the
// receipt date, so one route works under both systems when the map has the entries of both.
// Give your province's map to ParseDirectory or NewDirectory. SampleDirectory is small and
// illustrative: its codes below the province level are placeholders, not the official
// assignments.
//
// # Routes
//
// A Route is a DAG of steps, the desk's own reception and return included. The paper
// liên thông is sequential through a lead agency (Decree 61/2018/NĐ-CP Art. 19(6)(a)); the
// electronic one sends the dossier to every agency at once with per-agency deadlines
// (Art. 19(6)(b)), which is a DAG with parallel branches and a join; vertical routes go
// through agencies of several levels and come back to the receiving desk (Art. 19(7)).
// The control slip must state each agency's task and time (Art. 19(6)(a)), and each agency is
// evaluated against its own allotment (Circular 01/2018/TT-VPCP Art. 13).
//
// Validation (ParseRoute, NewRoute) reports every problem at once: no cycles, exactly one
// start and one end, every step reachable, known agencies and functions, valid tasks and
// shares, and allotments that add up.
//
// # Allotments
//
// A step's share is a fraction of the procedure's working time ("1/4"), a fixed working
// time ("4wh", "1wd"), or the remainder ("rest"). Without a rest step, all shares are
// fractions and the longest path must add up to exactly 1. With fixed times, exactly one
// step takes the rest; it must lie on every path, and the fractions on the longest path must
// leave something for it. Calendar days and months are not step shares: a limit in those
// units is turned into working time as a whole (below) and split by fractions.
//
// # Planning
//
// Plan converts the limit into working time W = the session time between receipt and the
// promised date cal.Due(received, limit) — for a limit in calendar days or months too —
// and gives each step its share of W, fractions rounded down to the minute and a working day
// counted as the calendar's working day. The remainder (rounding, or all that is left by a
// route with a rest step) goes to RemainderStep: the rest step, else the first decide step
// on every path, else the end step. A step starts when its last predecessor is due, so
// parallel steps share their window and a join waits for the longest branch; the end step
// is due at cal.Due(received, limit) exactly. Plan takes a nil calendar as
// calendar.Default(), the civil-service calendar; pass your own *calendar.Calendar for
// local holidays or hours.
//
// Replan keeps the promised date. A finished step is shown as it happened; every other step
// keeps its allotment and starts at its hand-over. Time saved by an early step becomes slack
// before the promised date; time lost by a late step pushes the following steps back without
// shortening them, so the lateness stays charged to the step that caused it. No step starts
// after its due: a step handed over at or after the promised date (the return step of a
// dossier already late) is due its own allotment after its hand-over and is not blamed for
// the lateness upstream; the dossier's promised date (Schedule.Due) does not move.
// Progress that cannot have happened — a step finished before the dossier was received, or
// while a step before it is not finished — is refused with every problem named.
//
// # Responsibility
//
// Responsible names the steps over their allotment: a step's clock starts at its hand-over
// (the latest finish of its predecessors), so an agency that received the dossier late is
// not blamed for the delay upstream. Each late step's agency is named with its lateness in
// working time; with parallel branches, each late branch is named. Under Decree 61/2018
// Art. 19(9) the agency at fault issues the apology and the new appointment through the
// one-stop desk.
//
// # Selection
//
// Selection rules (SelectionRules) choose a route by procedure code, case, channel
// ("counter", "online", "postal"), level of the competent agency, the applicant's province or
// commune, and receipt date: the first matching rule wins, else the default. So one
// procedure can route differently in different provinces, or before and after the 2025
// reorganisation. A Set holds routes and rules. A query that matches no rule and no default
// is ErrNoRoute: that is the answer for a single-agency procedure, which needs no
// inter-agency route (its competent agency handles the dossier alone). SampleSet has sample
// routes for the inter-agency groups of Decree 63/2024/NĐ-CP (birth, death), land
// registration with tax, the construction permit with its consultation and household
// business with tax, under the names the sample catalog of package procedure uses. The legal
// texts give the group limits only in part: each step's note says where its share comes
// from, and says so when the share is not set by a legal text.
//
// # Consultations
//
// A step whose task is Consult is the window of an agency asked for its opinion (lấy ý
// kiến, Decree 61/2018 Art. 19(5)). It may declare the terms of the consultation
// (Step.Consult, ConsultTerms): the time the consulted agency has to answer, as the sector
// law publishes it, and whether silence by then means consent (construction permits: 12
// days, silence = consent). A declaration on a step of another task is ErrNotConsult.
//
// # Input and messages
//
// Directories, routes, selection rules and schedules are read from JSON with snake_case
// keys (the examples of ParseDirectory, ParseRoute, ParseRules and Schedule.MarshalJSON).
// Every parser reads long lists one element at a time, so time and memory grow in proportion
// to the input, and reports every problem at once in a *ValidationError: the first 100
// problems, each a *FieldError with its JSON path, and a count of the rest. A route has at
// most 200 steps. Names and identifiers (a route's name and title, a step ID, a function,
// an entry's name, a rule's procedure, case and route) are at most MaxNameLen characters and
// free texts (notes, legal bases) MaxTextLen; a text with a NUL byte or another control
// character is ErrControl (free texts may hold line breaks), and one that is not UTF-8 is
// ErrEncoding.
//
// Every error that a person may read has Message(lang language.Tag) (golang.org/x/text/
// language): Vietnamese for any tag whose base language is vi (language.Vietnamese), with
// JSON paths named in words ("bước trước thứ 1 của bước thứ 3"), and English otherwise, with
// the JSON path ("steps[2].after[0]"). Error returns the English message. Messages repeat at
// most 64 characters of an input value, then "…". Test for a problem with errors.Is and the
// sentinels (ErrRequired, ErrCycle, …).
package routing
