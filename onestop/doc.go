// Package onestop is the one-stop office (Bộ phận Một cửa, Trung tâm Phục vụ hành chính
// công): the facade an integrator embeds. An Office receives dossiers, promises a date, routes
// them through the agencies, returns results, answers citizens who look a dossier up by its
// code, tells supervisors which dossiers are late, and reports on the agencies' work.
//
// # Rules implemented, and where they come from
//
// Intake (Decree 61/2018/NĐ-CP Art. 15–17, kept by Decree 118/2025/NĐ-CP Art. 16–17): a
// submission is checked against the procedure version in force at reception (never a later
// one). It is accepted with a receipt and appointment slip (Mẫu 01) and a code
// <unit>-YYMMDD-NNNN from the desk's daily sequence (Circular 01/2018/TT-VPCP Art. 19); or
// the applicant is asked once for the complete list of missing documents (Mẫu 02, Art.
// 15(3)); or it is refused with reasons (Mẫu 03). Only an accepted dossier gets a code and is
// stored. The code is issued, printed and read in the code format of the regime in force
// (dossier.Policy.CodeFormat through dossier.Rules.IssueCode, FormatCode and ParseCode:
// Decree 309/2026/NĐ-CP leaves the format to the ministry hosting the National Public Service
// Portal; the default is Circular 01/2018's); every code the Office shows is printed in it,
// every code it is given is read in it, and the store files the dossier under the stored form
// (dossier.Code.String), which a change of format does not move. A procedure whose result is
// given on the spot needs no receipt (Art. 17(4)); set Submission.Immediate, and WantReceipt
// when the applicant asks for one. An online dossier sent outside office hours is received at
// the start of the next working session: no text fixes its reception time, and this default
// keeps the time limit from running while the office is closed. From 2025-07-01 a desk
// receives for any agency of its province (Decree 118/2025 Art. 14(2), boundary-free
// reception); change the scope with Config.Receivable (default DefaultReceivable). A
// published group of procedures (Circular 01/2018 Art. 4) is received as one dossier with
// every member's documents, due when its slowest member is (the published groups state no
// limit of their own), and its slips name the group.
//
// Boundary-free time limit (Decree 309/2026/NĐ-CP amending Decree 118/2025 Art. 17(3); the
// policy value dossier.Policy.ClockFromCompetentReceipt, off by default because the decree's
// only copy is weakly sourced, and applied from 2026-08-05 when an embedder turns it on in
// dossier.RulesConfig): when a desk receives a dossier for an
// agency whose own desk it is not (dossier.RulesConfig.OwnDesk), the time limit runs from the
// competent agency's receipt. Intake then gives a provisional appointment, and plans the
// route, from the latest hand-over the desk is allowed (dossier.Dossier.TransferDue);
// IntakeResult.Provisional and PublicView.Provisional say so, and the receipt reads "dự
// kiến". The transfer fixes it: the route is planned again from the hand-over, and the
// dossier's due time is the end of that plan, so the deadlines of the steps and of the
// dossier agree. The
// nationwide reception that decree opens (new Art. 14(4)) is not the default scope: an
// Office that receives for agencies of other provinces says so in Config.Receivable.
//
// Routing: a group dossier takes its group's route; any other dossier the first rule of
// Config.Routes that matches (routing.Set.Select), else the route its procedure names. A
// single-agency procedure matches no rule and names no route: its dossier has one step, the
// competent agency, and no route schedule.
//
// Processing (Art. 18–19): the transfer slip gives each agency of the route its task and
// deadline (Art. 19(6)); a paper dossier received after 15:00 goes out at the start of the
// next working day (Art. 18(2)); only the agency holding a step finishes it; a supplement asked
// during processing goes through the desk and restarts the time limit (Art. 19(4)); a
// consultation carries a deadline, and where the sector law says so silence means consent
// (Art. 19(5); construction permits) — both taken from the route's consult step when it
// declares them (routing.Step.Consult), the request's values only as an explicit override;
// a refusal is issued within the time limit (Art. 19(8));
// an agency that will be late apologises with one new appointment at least one working day
// before the due date (Art. 19(9), Mẫu 04; under Decree 118/2025 Art. 12(5) with neither
// lead time nor count, the sweep reminding a working day ahead); an early result is
// announced (Art. 20(4)); the applicant may ask to stop the procedure until the decision
// (Decree 118/2025 Art. 21; Circular 03/2025/TT-VPCP form 05). Decree 118's codes carry the
// competent agency's identifier (Art. 28; dossier.Dossier.CodeUnit). The
// rules themselves are applied by package dossier; their values are dossier.Policy.
//
// Lookup (Art. 17(3), 26): Office.Lookup finds a dossier by its code, typed as a citizen
// types it on a phone or a kiosk (small letters and spaces around it are read), and shows the
// status and national status code, the receiving desk and the
// agencies by name and code, the times received and due (marked when provisional), and the
// history step by step, with no personal data.
//
// Slips (Mẫu 01–05, package dossier) name the desk and the agencies by the names of
// Config.Directory (else the catalog's name of the competent agency) beside their codes.
//
// Supervision: Sweep lists the dossiers at risk, those whose apology is due, and the overdue
// ones, each with the agency responsible (routing.Responsible).
//
// Reports: BuildReport computes Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP) by level and
// field and by agency; Report.Check verifies that its figures add up (received = new online +
// new at the counter or by post + carried over = resolved + in progress, and so on; an
// *IdentityError says which do not); it also gives the Decision 766/QĐ-TTg on-time rate and
// satisfaction indicator; and Summary.Indices gives the per-dossier indices 1–4 of Circular
// 01/2018 Art. 13. Where the form is silent ReportOptions holds the choice, with
// documented defaults: withdrawn dossiers count as resolved (WithdrawnAsResolved); the
// appointment in force after an apology is the yardstick (CurrentAppointment); and a resolved
// dossier is early only when it ended on an earlier calendar day than its appointment, on
// time when it ended on that day by the appointed time (EarlyByDay; EarlyByInstant counts any
// time before the appointment as early). Index 1 of Summary.Indices uses the day boundary.
//
// Notifications (Decree 224/2026/NĐ-CP on digital transformation): every status change is passed to Config.Notifier with the agency, the handler
// (an official's ID; never the applicant's identity) and the times of reception, processing
// and return. A refusal or a supplement
// request at intake is notified too, with its content and reasons (Decree 61/2018 Art.
// 17(2)); having no dossier code, it is identified by Submission.Reference. The library ships
// no SMS or e-mail code, only the interface and a Recorder.
//
// The rules that differ between the regimes (supplements, apologies, the stop of Decree
// 118/2025 Art. 21, which replaced the unregulated withdrawal of Decree 61) are policy values
// of package dossier (dossier.Policy, set per regime in dossier.RulesConfig), picked by the
// reception date, to change when a later text says otherwise.
//
// # Decree 118/2025 commands
//
// For dossiers received from 2025-07-01 the Office also carries out what Decree 118/2025 adds,
// each rule a dossier.Policy value picked by the reception date: Close, 15 calendar days after
// an unanswered supplement notice (Art. 19(5); the sweep lists the dossier with a CloseDue
// alert); Amend, an online applicant's change of content (Art. 21); SendForCorrection and
// Correct, a wrong result corrected within 3 working days (Art. 23(1)); RequestVerification,
// a supplement request for a document held electronically, which the once-only rule otherwise
// refuses (Art. 5(1)(i), 17(1)(b)); and Submission.Review, the clerk's own refusal, redirection
// or request to redo documents at intake (Art. 17). An ApologyDue alert names the agency holding
// the dossier, the one that writes the apology and new appointment (Art. 12(5)).
//
// Online reception keeps three instants apart (Art. 17(2)–(3)): ReceiveOnline records the
// province system's receipt of a submission the National Public Service Portal acknowledged
// (Submission.Submitted), without a code, under PendingKey of the portal's reference, in the
// desk's queue (state Submitted); the desk answers within 8 working hours with Accept (the
// code, Art. 28(1), and the time limit start at the acceptance), a request for corrections
// (Resubmit brings them) or a refusal saying where to send it; the sweep lists dossiers near
// or past the 8 hours (AcceptanceDue alerts), and Lookup of the pending key shows "chờ tiếp
// nhận" with PublicView.AcceptBy, then the coded dossier once accepted. Electronic liên thông
// (Art. 20(2)(b)): parallel steps of a route are in hand at once, each agency with its own
// step and deadline (dossier.Dossier.InHand), each told by a notice; the record names every
// one of them (Record.Holders), so the dossier is in each one's work queue (Office.Queue)
// until it hands its step on. A public view still names one holder, the first in the
// route's order (PublicView.Holder); its Steps show every step in hand. The reports count
// the dossier once, under its competent agency, and the portal's records name that agency
// (package portal, DonViXuLy): neither depends on who holds it. Another administrative level (Art. 20(1)): the
// paper dossier is due within 1 working day, the competent agency's desk is told
// (EventInformCompetent), and the result is returned by the receiving desk. A procedure the
// catalog marks nationwide (procedure.Procedure.Nationwide, Art. 36(10)) is received whatever
// Config.Receivable says. Corrections of a wrong result are counted beside Biểu 06
// (Counts.Corrected, CorrectedLate), and Evaluate computes the criteria of Art. 32(1) the log
// can give.
//
// # Storage and concurrency
//
// A Store keeps each dossier as a Record with a version. Every command reads the record,
// checks it (a record whose event log is empty or does not end at Record.Seq is a
// *RecordError wrapping ErrCorruptRecord), attaches the Office's rules, applies the command
// to a copy, and writes back only if the version has not moved; otherwise the Office re-reads
// and re-checks the command, up to Config.Retries times, then returns the *ConflictError. Each
// accepted command is therefore in the dossier's log exactly once, and a refused command
// changes nothing. MemStore is the in-memory default; package storetest is the conformance
// suite for other stores.
//
// The desk and its supervisors read through the store's queries, never the whole store:
// Office.Queue pages an agency's work queue (Store.Queue), Office.Sweep reads the dossiers due
// soon or overdue (Store.Watch), Office.Report the summaries of its period (Store.Summaries),
// Office.Lookup one record by code (Store.Get).
//
// # Notices and the outbox
//
// No command without its notice, no notice without its command: the notices of a command are
// written in the same Create or Update as its events, into the store's outbox (Outbox). The
// Office then hands them to Config.Notifier and acknowledges them; one the notifier refuses
// (the command returns a *NotifyError, having taken effect) or that a stopped process did not
// deliver is delivered by Office.Deliver, which the embedder calls periodically. Delivery is
// at least once. With Config.DeferDelivery, commands only write their notices, and Deliver (or
// the embedder's own reader of the outbox) delivers all of them. A Config.Publisher (package
// portal's records for the National Public Service Portal) adds its own messages to the same
// write; Deliver alone sends them, each dossier's in the order written.
//
// The Office never reads the host clock: it asks its Clock.
//
// # Errors
//
// Errors are typed (*FieldError, *IntakeError, *ConflictError, *NotifyError, *RecordError, and
// *dossier.CodeError for a dossier code malformed, unknown, closed or already used) around
// predicate sentinels, testable with errors.Is and errors.As. Message(err, lang) reads any
// error of the module in Vietnamese (language.Vietnamese, or any tag of base vi) or English.
// Intake reports every problem of a submission at once, at most 100 and a count of the rest.
// Messages repeat at most 64 characters of an input value, then "…", and never the
// applicant's personal data (name, citizen ID, tax code, phone, e-mail, address): such a
// field is named alone. A reason of only spaces is a missing reason (ErrRequired).
//
// JSON: every type the Office writes (Record, Summary, PublicView, Notice, Report, Alert)
// has snake_case keys, as the catalog has.
package onestop
