// Package routing models inter-agency one-stop routes (một cửa liên thông): who handles a
// dossier, in which order, how the procedure's single time limit is split between the
// agencies, and, when a dossier runs late, which agency must apologise.
//
// # Agencies and the administrative map
//
// An agency is identified by its code in the structure of QCVN 102:2016/BTTTT (Circular
// 10/2016/TT-BTTTT), V1V2V3.Z1Z2.Y1Y2.MX1X2, the same code that opens a dossier code
// (Circular 01/2018/TT-VPCP Art. 19): see procedure.AgencyCode. A Directory is the administrative map
// as data: units with their level, parent, roles and effective dates. Local government had
// three levels (province, district, commune) until 2025-06-30 and two (province, commune)
// from 2025-07-01, when districts were abolished and provinces merged: a code used on a date
// when its unit was not in force is an *AgencyError (ErrAbolished naming the last day in
// force and the successor, or ErrNotYet). Steps may name an agency by Role ("the commune
// police where the applicant lives"); Route.Bind resolves roles against the applicant's
// locality on the receipt date, so one route works for both systems when the map has the
// units of both. SampleDirectory is small and illustrative (see its documentation): its
// codes below the province level are placeholders, not the official assignments.
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
// Validation (ParseRoute, NewRoute) reports every problem at once with its JSON path and a
// message in English or Vietnamese: no cycles, exactly one start and one end, every step
// reachable, known agencies and roles, valid tasks and shares, and allotments that add up.
//
// # Allotments
//
// A step's share is a fraction of the procedure's working time ("1/4"), a fixed working
// time ("4wh", "1wd"), or the remainder ("rest"). Without a rest step, all shares are
// fractions and the longest path must add up to exactly 1. With fixed times, exactly one
// step takes the rest; it must lie on every path, and the fractions on the longest path must
// leave something for it. Calendar-day and month units are not step shares: such a limit
// is turned into working time as a whole (below) and split by fractions.
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
// is due at cal.Due(received, limit) exactly.
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
// Plan takes a nil calendar as calendar.Default(), like the configurations of dossier and
// onestop. Messages repeat at most 64 runes of an input value, then "…".
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
// Rules choose a route by procedure code, case, channel ("counter", "online", "postal"),
// level of the competent agency, the applicant's province or commune, and receipt date: the
// first matching rule wins, else the default. So one procedure can route differently in
// different provinces, or before and after the 2025 reorganisation. A Set holds routes and
// rules. A query that matches no rule and no default is ErrNoRoute: that is the answer for a
// single-agency procedure, which needs no inter-agency route (its competent agency handles
// the dossier alone). SampleSet has sample routes for the inter-agency groups of Decree
// 63/2024/NĐ-CP (birth, death), land registration with tax, the construction permit with
// its consultation and household business with tax, under the names the sample catalog of
// package procedure uses. The legal texts give the group limits only in part: each step's
// note says where its share comes from, and shares not found in a legal text are marked
// inferred.
//
// # Consultations
//
// A step whose task is Consult is the window of an agency asked for its opinion (lấy ý
// kiến, Decree 61/2018 Art. 19(5)). It may declare the consultation (Step.Consult): the
// time the consulted agency has to answer, as the sector law publishes it, and whether
// silence by then means consent (construction permits: 12 days, silence = consent). A
// declaration on a step of another task is ErrNotConsult.
package routing
