// Package dossier is one application (hồ sơ) moving through an administrative procedure:
// its legal lifecycle, its deadline (the SLA clock) on the working calendar, its
// append-only event log and the slips the desk prints.
//
// # Lifecycle
//
// The lifecycle is one definition (see Diagram and lifecycle.md), validated and drawn with
// looplab/fsm and compiled once into a plain table that Apply consults; no state machine
// object lives per dossier. A dossier submitted online is Submitted: the National Public
// Service Portal acknowledged it (Intake.Submitted) and the province system received it
// (Dossier.SystemReceived, the instant of Open); it waits for the desk's official
// acceptance (Decree 118/2025 Art. 17(2); Dossier.AcceptanceDue). The desk receives it (code
// and appointment, Mẫu 01), asks for a supplement at intake (Mẫu 02) or refuses it (Mẫu 03,
// with where to send a dossier outside its competence, Command.Redirect) — Decree
// 61/2018/NĐ-CP Art. 17, Decree 118/2025 Art. 17. A received dossier is transferred to the
// competent agency (Art. 18), processed step by step along its route (hand-offs, recall,
// send-back; Art. 19(6),(7)), possibly returned for a supplement (Art. 19(4); Decree 118 Art.
// 19(5)) — and closed by the desk when the supplement does not come in time (Closed, Decree
// 118 Art. 19(5)) — or held for a tax or fee, then resolved or refused (Art. 19(8)), and the
// result is returned (Art. 20). A wrong result found by the applicant on receiving it goes
// back to the agency and returns corrected (Correction; Decree 118 Art. 23(1)). The applicant
// may ask to stop the procedure from the receipt until the decision, on every channel (the
// command Withdraw and state Withdrawn: "dừng thực hiện thủ tục hành chính", Decree 118 Art.
// 21; the stop notice, form 05 of Circular 03/2025/TT-VPCP, is Dossier.StopSlip), and an
// online applicant may amend the dossier's content in the same window (Amend, Art. 21(2)).
// States map onto the ten national status codes of the National Public Service Portal
// (State.Status); Closed, which has no code of its own, maps to 8 (Dừng xử lý) and Correction
// to 4 (Đang xử lý).
//
// Apply(cmd, now) checks the lifecycle, the actor's role and agency and the decree rules,
// and on any error changes nothing; on success it appends one event. Rules.Replay rebuilds
// the same dossier from its events. Dossiers and events encode to JSON; a dossier decoded
// from storage is given its Rules again (field Rules) before commands are applied.
//
// The log is part of the dossier and is kept: the dossier shares the intake (applicant,
// procedure texts, documents), the steps' texts and the agency codes with it, and reads from
// it what only the log needs to know. Beside its log a dossier holds at most about 1 KB —
// with a route of three agencies, a supplement, an apology and the result — and a dossier
// decoded from JSON holds no more than a live one (Dossier.UnmarshalJSON).
//
// # Decree rules
//
// The legal regime is chosen by the reception date (RegimeAt): Decree 61/2018 as amended by
// Decree 107/2021 until 2025-06-30, Decree 118/2025 from 2025-07-01; a dossier keeps the
// regime of its reception to its end (Decree 118 has no transitional rule). Each
// regime's rules are the values of a Policy; DefaultPolicy gives the decrees' values, and an
// embedder under a specialised law changes a copy and passes it in RulesConfig (Decree61,
// Decree118) to NewRules:
//
//   - guidance to supplement at intake is given once, completely (Decree 61 Art. 15(3);
//     Decree 118 Art. 16(3)): Policy.IntakeGuidanceOnce, default true;
//   - an online dossier is accepted, sent back for corrections or declared outside the
//     desk's competence within 8 working hours of the system's receipt (Decree 118 Art.
//     17(2)(c)): Policy.AcceptanceLimit, none under Decree 61; the time limit runs from the
//     official acceptance (Art. 17(3));
//   - a supplement request during processing only within 3 working days of receipt and once
//     per agency (Decree 61 Art. 15(3), 19(4); Decree 118 Art. 19(5)): Policy.SupplementWindow
//     (3) and SupplementOncePerAgency (true);
//   - after the supplement the time limit restarts from the beginning (Art. 19(4); Decree 118
//     Art. 19(5)): Policy.AfterSupplement, default Restart; Pause is for procedures whose
//     specialised law stops the count instead;
//   - 15 days after a supplement notice left unanswered the desk closes the dossier (Decree
//     118 Art. 19(5)): Policy.CloseAfter, calendar days by default (the article writes "15
//     ngày" where the decree writes "ngày làm việc" for working days), none under Decree 61;
//     Dossier.CloseDue, command Close;
//   - a document the applicant's data already hold (Intake.Electronic) is not asked for
//     again except to verify it (Decree 118 Art. 5(1)(i), 17(1)(b)): Policy.OnceOnly,
//     Command.Verification, ErrOnceOnly;
//   - time held for a tax or fee payment does not count: Policy.DuringObligation, default
//     Pause (sector land and tax rules; set Run where the count goes on);
//   - a refusal after appraisal is due within the time limit (Art. 19(8); Decree 118
//     Art. 19(3)); by default a late refusal is still accepted and counted late
//     (Resolution.Late, Overdue, the refusal and control slips), so that an overdue dossier
//     found ineligible is not stuck; Policy.RefusalWithinLimit selects the strict reading,
//     which refuses it;
//   - a late result: the apology with a new appointment at least 1 working day before the
//     due date — by the close of office hours of the working day before it — and a new
//     appointment at most once under Decree 61 (Art. 19(9)): Policy.ApologyLead (1) and
//     MaxReappointments (1). Decree 118 Art. 12(5) requires the reason, the apology and the
//     new appointment and fixes neither time nor count: its policy has both Unlimited (the
//     limits remain options). Every appointment is kept in Deadline.History; Late766 judges
//     by the first. Dossier.ApologyDue and MayReappoint read the policy;
//   - a paper dossier received after 15:00 is transferred at the start of the next working
//     day (Art. 18(2)): Policy.TransferCutoff; Dossier.TransferDue and the control slip
//     show it;
//   - the applicant may stop the procedure from the receipt until the decision (Decree 118
//     Art. 21; the stop notice is form 05 of Circular 03/2025/TT-VPCP, Dossier.StopSlip):
//     Policy.Withdrawal, default true; no reason is needed. An online applicant may amend
//     the dossier in the same window (Art. 21(2)): Policy.Amendment (Decree 118 only), the
//     clock running by default (Policy.AfterAmendment: Art. 17(3) counts from the complete,
//     valid reception, which an amendment does not undo; Restart for a sector that counts
//     again);
//   - a wrong result is corrected and returned within 3 working days (Decree 118 Art.
//     23(1)): Policy.CorrectionLimit, commands SendForCorrection and Correct,
//     Dossier.CorrectionDue and Corrections (no time under Decree 61);
//   - a dossier is at risk once it has used 80% of its time (Policy.AtRiskShare; no decree
//     fixes it: set your province's share).
//
// # Decree 309/2026
//
// Decree 309/2026/NĐ-CP (5 August 2026) reportedly amends Decree 118/2025, but the only copy
// found numbers its articles unlike the original 118 (its "Art. 11(8)" is 118's Art. 12(8),
// its "Art. 28(4)" is Art. 30(4)): its text is weakly sourced. What depends on it is opt-in:
//
//   - Boundary-free reception (phi địa giới; nationwide): for a dossier received by a desk
//     that is not the competent agency's own, the time limit would run from when the
//     competent agency receives it. Policy.ClockFromCompetentReceipt is false by default for
//     both regimes: the original Decree 118 Art. 17(3) counts the time limit from the
//     complete, valid reception shown on the receipt, at the receiving desk. An embedder
//     whose legal office has read the decree sets it on the Decree118 policy; it then applies
//     from Policy.Decree309From (default 2026-08-05, the decree's date). RulesConfig.OwnDesk
//     tells a desk of the agency's own jurisdiction (default OwnDesk: a desk in the same
//     province, or any desk for a central agency; pass your directory's answer instead). The
//     receipt gives a provisional appointment counted from the latest hand-over the desk is
//     allowed (TransferDue), marked so on the slip (ReceiptSlip.Provisional, "dự kiến";
//     Dossier.DueProvisional); the transfer fixes the due time from the hand-over
//     (Deadline.History records it with the cause transfer), and Used, AtRisk, Late766 and
//     the supplement window count from there. A desk that hands over on time never makes
//     the fixed appointment later than the provisional one.
//   - The rendering of dossier codes is left to later rules: the code format is a value,
//     Policy.CodeFormat (interface CodeFormat), defaulting to Circular01.
//
// # Deadline
//
// The due time comes from calendar.Due (or the route's plan, passed with Receive), moves on
// restart or pause, and is replaced by the one new appointment; each change is kept in
// Deadline.History. The start of the count, the time paused and the start of a wait
// (Dossier.PausedAt) are read from the log. Overdue, Remaining (working time) and AtRisk
// (a share of the time used) are derived from the deadline at a given now, never stored.
//
// # Codes
//
// A dossier code is <unit's QCVN 102 code>-YYMMDD-NNNN (Decree 61 Art. 26, Circular
// 01/2018 Art. 19), issued on acceptance from an injected SequenceSource (IssueCode) and
// parsed with ParseCode, which names the malformed part. These are the helpers of the
// default CodeFormat, Circular01. Rules.IssueCode, Rules.ParseCode and Rules.FormatCode use
// the format of each regime's policy, and the slips print the code in it
// (Header.CodeText). Codes are stored (JSON) in the Circular 01 form, or as
// <unit>-YYYYMMDD-N when another format issued parts that form cannot hold, so a stored code
// reads back whatever the format in force.
//
// Whose unit opens the code is Dossier.CodeUnit, by Policy.CodeUnit: the receiving desk's
// (Circular 01/2018 Art. 19), or under Decree 118/2025 Art. 28 the competent agency's —
// for an inter-agency group (Intake.Group) the receiving desk's for a paper dossier and the
// National Public Service Portal's (Policy.PortalUnit) for an online one; issued once on
// acceptance, never changed, the daily sequence per identifier. Receive accepts only a code
// of Dossier.CodeUnit. Decree 61 dossiers keep the receiving desk's; Decree 118's follow
// Art. 28. The separators and widths are not fixed by Decree 118: they stay the pluggable
// CodeFormat, Circular01 by default.
//
// # Input and messages
//
// Every text a dossier keeps is checked before anything changes: names and free texts have
// maximum lengths (MaxNameLen, MaxAddressLen, MaxReasonLen, MaxDocumentLen,
// MaxReferenceLen; ErrTooLong), hold no NUL byte or other control character (ErrControl;
// reasons and tasks may hold line breaks and tabs) and are UTF-8 (ErrEncoding). A reason of
// white space only is no reason (ErrRequired). A validation lists its first 100 problems
// and counts the rest (ValidationError.More). Personal data — citizen ID, tax code, phone,
// e-mail, name, address — is named by its field in an error, never repeated, so that logs
// that keep errors keep no personal data; other values are repeated cut at 64 characters.
//
// Every error that a person may read has Message(lang language.Tag) (and Messages for
// lists): Vietnamese for a tag of base vi (language.Vietnamese, vi-VN), English otherwise,
// with states, commands, roles, fields and legal sources named in the language asked
// (State.Name, CommandKind.Name, Role.Name). Error returns the English message. Test errors
// with errors.Is against the sentinels (ErrRequired, ErrNotAllowed, ErrSupplementWindow, …)
// and errors.As against the types (FieldError, ValidationError, CodeError, TransitionError,
// RuleError, LogError).
//
// # JSON
//
// Dossiers and events encode to JSON with snake_case keys and values, like the procedure
// catalog ("deadline", "step_due", "citizen_id"; states and commands as "in_process",
// "refuse_intake"); the Go-style names of states and commands ("InProcess",
// "refuseIntake") still read. The dates of package rickb777/date (Code.Date) come from a
// time.Time with date.NewAt(t.In(calendar.Zone())).
//
// A dossier also has a compact binary encoding (Dossier.MarshalBinary, AppendBinary,
// UnmarshalBinary) for stores that read many dossiers at once, such as the escalation sweep
// of a database store: it holds what the JSON encoding holds, decodes to the same dossier
// about fifteen times faster, and starts with a version byte so that later releases read it.
// JSON stays the form for exchange and export.
//
// # Slips
//
// ReceiptSlip (Mẫu 01), SupplementSlip (Mẫu 02), RefusalSlip (Mẫu 03), ApologySlip (Mẫu 04),
// TransferSlip (each agency's task and deadline, Art. 19(6)), ControlSlip (Mẫu 05, each
// hand-over early, on time or late) and StopSlip (the stop notice of Decree 118 Art. 21,
// form 05 of Circular 03/2025/TT-VPCP) are data with a plain-text rendering.
package dossier
