package dossier

import (
	"fmt"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
)

// Regime is the legal regime a dossier is judged by, chosen by its reception date.
type Regime uint8

// Legal regimes.
const (
	// Decree61 is Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP, with Circular
	// 01/2018/TT-VPCP: dossiers received until 2025-06-30.
	Decree61 Regime = iota + 1
	// Decree118 is Decree 118/2025/NĐ-CP, with Circular 03/2025/TT-VPCP: dossiers received
	// from 2025-07-01. (Its amendment by Decree 309/2026 is weakly sourced and opt-in:
	// Policy.ClockFromCompetentReceipt.)
	Decree118
)

// String returns the regime's short name.
func (r Regime) String() string {
	switch r {
	case Decree61:
		return "Decree 61/2018"
	case Decree118:
		return "Decree 118/2025"
	}
	return fmt.Sprintf("Regime(%d)", uint8(r))
}

// MarshalText encodes the regime as "61" or "118".
func (r Regime) MarshalText() ([]byte, error) {
	switch r {
	case Decree61:
		return []byte("61"), nil
	case Decree118:
		return []byte("118"), nil
	case 0:
		return []byte{}, nil
	}
	return nil, &FieldError{Field: "regime", Value: r.String(), Err: ErrInvalid}
}

// UnmarshalText decodes "61" or "118" (empty: no regime yet).
func (r *Regime) UnmarshalText(b []byte) error {
	switch string(b) {
	case "61":
		*r = Decree61
	case "118":
		*r = Decree118
	case "":
		*r = 0
	default:
		return &FieldError{Field: "regime", Value: string(b), Err: ErrInvalid}
	}
	return nil
}

// RegimeAt returns the regime in force for a dossier received at t (date taken in
// calendar.Zone()). Dossiers received before Decree 61 took effect are judged by it too.
func RegimeAt(t time.Time) Regime {
	y, m, _ := t.In(calendar.Zone()).Date()
	if y < 2025 || y == 2025 && m < time.July {
		return Decree61
	}
	return Decree118
}

// ClockRule says what happens to the time limit while the dossier waits for the applicant.
type ClockRule uint8

// Clock rules.
const (
	// Restart counts the whole time limit again from the moment the complete supplement is
	// received (Decree 61/2018 Art. 19(4): "thời hạn giải quyết được tính lại từ đầu").
	Restart ClockRule = iota + 1
	// Pause stops the clock while waiting and extends the due time by the working time waited
	// (for procedures whose specialised law says so).
	Pause
	// Run lets the clock run while waiting.
	Run
)

// String returns the rule's name.
func (c ClockRule) String() string {
	switch c {
	case Restart:
		return "restart"
	case Pause:
		return "pause"
	case Run:
		return "run"
	}
	return fmt.Sprintf("ClockRule(%d)", uint8(c))
}

// Unlimited, as Policy.ApologyLead or Policy.MaxReappointments, sets no limit.
const Unlimited = -1

// CodeUnit says whose electronic identifier opens the dossier codes of a regime.
type CodeUnit uint8

// Code units.
const (
	// ReceivingUnit is the receiving desk's identifier (Circular 01/2018/TT-VPCP Art. 19):
	// the zero value, and Decree 61's rule.
	ReceivingUnit CodeUnit = iota
	// CompetentUnit is the competent agency's identifier (Decree 118/2025 Art. 28(2)(a)):
	// Intake.Agency; for an inter-agency group (Intake.Group), the receiving desk's for a
	// dossier submitted on paper and the National Public Service Portal's
	// (Policy.PortalUnit) for one submitted online.
	CompetentUnit
)

// String returns the rule's name.
func (u CodeUnit) String() string {
	switch u {
	case ReceivingUnit:
		return "receiving_unit"
	case CompetentUnit:
		return "competent_unit"
	}
	return fmt.Sprintf("CodeUnit(%d)", uint8(u))
}

// Policy holds the decree rules that a regime fixes, as values. DefaultPolicy gives the
// values of the decrees; embedders under a specialised law adjust a copy.
type Policy struct {
	// SupplementWindow is how many working days after receipt an agency may still ask for a
	// supplement during processing (Decree 61/2018 Art. 19(4), Decree 118/2025 Art. 19(5):
	// 3). Zero disables the check.
	SupplementWindow int
	// IntakeGuidanceOnce allows one request to supplement at intake: the guidance is given
	// once, completely (Decree 61/2018 Art. 15(3); kept by Decree 118/2025 Art. 17(2)(a)).
	IntakeGuidanceOnce bool
	// SupplementOncePerAgency allows each agency one supplement request per dossier (Art. 15(3),
	// 19(4): "một lần").
	SupplementOncePerAgency bool
	// AfterSupplement is the clock rule after a supplement during processing (Restart:
	// Decree 61/2018 Art. 19(4), Decree 118/2025 Art. 19(5)).
	AfterSupplement ClockRule
	// DuringObligation is the clock rule while the applicant pays a tax or fee (Pause; sector
	// land and tax rules exclude that time, not verified).
	DuringObligation ClockRule
	// ApologyLead is how many working days before the due date the apology and new
	// appointment must be made at the latest (Decree 61/2018 Art. 19(9): 1). The deadline
	// is the close of office hours (calendar.CloseOfDay) of that working day, and never
	// later than the due time; an apology in the evening after it is late. Unlimited (-1)
	// sets no time: Decree 118/2025 Art. 12(5) asks the agency to notify the desk of the
	// reason, with an apology and a new appointment, and fixes no time for it (its default).
	ApologyLead int
	// MaxReappointments is how many new appointments a dossier may receive (Decree 61/2018
	// Art. 19(9): 1). Unlimited (-1), Decree 118's default, sets no count (Art. 12(5)
	// fixes none). Every new appointment is kept in Deadline.History; Late766 still judges
	// by the first.
	MaxReappointments int
	// RefusalWithinLimit, when true, refuses a refusal after appraisal issued past the due
	// time with ErrRefusalLate: the strict reading of Art. 19(8), under which an overdue
	// dossier found ineligible can only be withdrawn. False (the default) accepts the late
	// refusal and counts it late (Resolution.Late, Dossier.Overdue, the refusal and control
	// slips): Art. 19(8) sets when the refusal is due, and a late one is still late.
	RefusalWithinLimit bool
	// Withdrawal lets the applicant ask to stop the procedure ("dừng thực hiện thủ tục hành
	// chính", Decree 118/2025 Art. 21; the stop notice is form 05 of Circular 03/2025/TT-VPCP,
	// Dossier.StopSlip): from the receipt (online: from the system's receipt) until the
	// decision or the result notice, on every channel; the lifecycle also lets a dossier not
	// yet accepted be taken back. It needs no reason. Decree 61/2018 wrote no such rule; its
	// dossiers keep the same command. Default: true.
	Withdrawal bool
	// Amendment lets an applicant who submitted online amend the dossier's content (Command
	// Amend, with what is amended as its reason and the new documents as attachments,
	// recorded in the log) in the same window as a stop: Decree 118/2025 Art. 21(2). The
	// lifecycle allows it while the dossier waits for acceptance, is received, transferred
	// or in process; a dossier waiting for a supplement or a payment is completed by those.
	// Default: true for Decree 118, false for Decree 61, which had no such rule.
	Amendment bool
	// AfterAmendment is the clock rule after an amendment: Run (the default: Art. 21(2)
	// says nothing of the time limit, and Art. 17(3) counts it from the complete, valid
	// reception shown on the receipt, which an amendment does not undo) or Restart (the
	// time limit counts again from the amendment, as after a supplement, for a sector that
	// treats the amended dossier as a new one).
	AfterAmendment ClockRule
	// AcceptanceLimit is the time the desk has, from the province system's receipt of an
	// online dossier (Dossier.SystemReceived), to accept it officially, ask for corrections
	// or say it is not within its competence and where to send it: Decree 118/2025 Art.
	// 17(2)(c), 8 working hours unless sector law sets another. N = 0 sets no limit
	// (Decree 61/2018, whose officers accepted without an hour limit). Dossier.AcceptanceDue.
	AcceptanceLimit calendar.Limit
	// CloseAfter is the period after a supplement request during processing after which the
	// desk closes the dossier if the applicant has not completed it ("đóng hồ sơ", Decree
	// 118/2025 Art. 19(5): 15 days after the notice, unless sector law sets another period).
	// The default counts calendar days (calendar.Days): the article writes "15 ngày" where
	// the decree writes "ngày làm việc" whenever it means working days. N = 0 closes nothing
	// (Decree 61/2018). Dossier.CloseDue, command Close.
	CloseAfter calendar.Limit
	// CorrectionLimit is the time the agency has to correct a wrong result sent back by the
	// desk and return it (Decree 118/2025 Art. 23(1): 3 working days). N = 0 sets no time
	// (Decree 61/2018 fixed none). Dossier.CorrectionDue, commands SendForCorrection and
	// Correct.
	CorrectionLimit calendar.Limit
	// OnceOnly refuses a supplement request (at intake or during processing) for a document
	// the applicant declared available as electronic data (Intake.Electronic) unless the
	// request says it is for verification (Command.Verification): asking again is a
	// prohibited act, Decree 118/2025 Art. 5(1)(i), 17(1)(b). Default: true for Decree 118,
	// false for Decree 61.
	OnceOnly bool
	// TransferCutoff is the time of day after which a paper dossier received at the desk is
	// transferred at the start of the next working day (Decree 61/2018 Art. 18(2), Decree
	// 118/2025 Art. 18(2): 15:00); the same type as the same-day cut-off of the catalog
	// (calendar.TimeOfDay, text "15:00").
	TransferCutoff calendar.TimeOfDay
	// OtherLevelTransfer is the time within which the desk sends the paper dossier to a
	// competent agency at another administrative level (Intake.OtherLevel), counted from the
	// reception, instead of the TransferCutoff rule: Decree 118/2025 Art. 20(1)(a), "không
	// quá 01 ngày làm việc" (the e-dossier goes at once). Default: 1 working day for Decree
	// 118; zero (the TransferCutoff rule) for Decree 61, which has no such article.
	OtherLevelTransfer calendar.Limit
	// AtRiskShare is the share of the time limit used after which a dossier is at risk
	// (Dossier.AtRisk; 0 < share ≤ 1). No decree fixes it: the default, 0.8, warns when a
	// fifth of the time is left; set the share your province's monitoring uses.
	AtRiskShare float64
	// ClockFromCompetentReceipt, when true, makes the time limit of a boundary-free dossier
	// (phi địa giới: received by a desk that is not the competent agency's own,
	// RulesConfig.OwnDesk) run from the transfer, when the competent agency receives it,
	// instead of from the receipt: Decree 118/2025 Art. 17(3) as amended by Decree
	// 309/2026/NĐ-CP. The receipt then gives a provisional appointment, computed from
	// TransferDue (ReceiptSlip.Provisional), and the transfer fixes it. It applies to
	// dossiers received on or after Decree309From.
	//
	// Default: false for both regimes — opt in. The only copy of Decree 309/2026 found numbers
	// its articles unlike the original Decree 118/2025 (its "Art. 11(8)" is 118's Art. 12(8),
	// its "Art. 28(4)" is Art. 30(4)), so its text is weakly sourced; the original Art. 17(3)
	// counts the time limit from the complete, valid reception shown on the receipt, at the
	// receiving desk. Turn it on once your legal office has read the decree.
	ClockFromCompetentReceipt bool
	// Decree309From is the first reception date to which the amendments of Decree 309/2026
	// apply (ClockFromCompetentReceipt). Default 2026-08-05 for Decree 118, the decree's date;
	// set the effective date if your legal office reads it otherwise. The zero date applies
	// them to every dossier of the regime.
	Decree309From date.Date
	// CodeUnit chooses whose identifier opens the dossier codes issued under the regime
	// (Dossier.CodeUnit; Receive accepts only codes of it): ReceivingUnit for Decree 61
	// (Circular 01/2018 Art. 19), CompetentUnit for Decree 118 (Art. 28(2)(a)). The daily
	// sequence is per identifier (SequenceSource), so two desks receiving for one agency on
	// one day never issue the same code. Set ReceivingUnit on the Decree118 policy to keep
	// issuing the desk's codes.
	CodeUnit CodeUnit
	// PortalUnit is the electronic identifier of the National Public Service Portal, which
	// opens the code of an inter-agency group's dossier submitted online under CompetentUnit
	// (Art. 28(2)(a)). Default for Decree 118: DefaultPortalUnit, "000.00.00.G22" — unverified:
	// no legal text read gives the Portal an identifier of its own. It is the QCVN 102 code of
	// the Government Office (Văn phòng Chính phủ), which runs the Portal, as the national
	// document-exchange samples write it, and the one under which the national data-exchange
	// platform addresses the Portal's services ("VN:GOV:000.00.00.G22:vpcpdvcprovider"),
	// both secondary sources. Set the identifier your province's integration uses; empty:
	// such a dossier takes the receiving desk's identifier.
	PortalUnit string
	// CodeFormat prints and reads the dossier codes issued under the regime (Rules.IssueCode,
	// Rules.ParseCode, Rules.FormatCode, the slips); nil is Circular01. Decree 118/2025 Art.
	// 28 fixes the parts but not their rendering: set the format Circular 03/2025 or the
	// portal's operator issues here.
	CodeFormat CodeFormat
}

// decree309Date is the date of Decree 309/2026/NĐ-CP, the default of Policy.Decree309From.
func decree309Date() date.Date { return date.New(2026, time.August, 5) }

// fromTransfer reports whether, under p, the time limit of a dossier received at received
// from desk for agency runs from the transfer.
func (p Policy) fromTransfer(r *Rules, received time.Time, desk, agency string) bool {
	return p.ClockFromCompetentReceipt && dateOf(received) >= p.Decree309From && !r.ownDesk(desk, agency)
}

// DefaultPortalUnit is the default Policy.PortalUnit of Decree 118/2025: the QCVN 102 code of
// the Government Office (Văn phòng Chính phủ), which runs the National Public Service Portal.
// Unverified (secondary sources; see Policy.PortalUnit).
const DefaultPortalUnit = "000.00.00.G22"

// DefaultPolicy returns the rules of regime r, each with its article:
//
//   - both regimes give the intake guidance once (Decree 61 Art. 15(3); Decree 118 Art.
//     16(3), 17(1)(c)), allow supplement requests during processing within 3 working days
//     of receipt, once per agency, restart the time limit after the supplement (Decree 61
//     Art. 19(4); Decree 118 Art. 19(5)), let the applicant stop the procedure (Decree 118
//     Art. 21) and print codes with Circular01;
//   - Decree 61 keeps its apology at least 1 working day before the due date and its one
//     new appointment (Art. 19(9)), its receiving-unit codes, and none of Decree 118's new
//     rules;
//   - Decree 118 sets no lead time and no count for the apology (Art. 12(5): Unlimited),
//     an 8-working-hour acceptance limit for online dossiers (Art. 17(2)(c)), the closing
//     of a dossier 15 calendar days after a supplement notice left unanswered (Art. 19(5)),
//     amendments of online dossiers with the clock running (Art. 21(2)), 3 working days to
//     correct a wrong result (Art. 23(1)), the once-only rule (Art. 5(1)(i), 17(1)(b)) and
//     the competent agency's identifier in the code (Art. 28). The boundary-free clock of
//     Decree 309/2026 is off (ClockFromCompetentReceipt: weakly sourced), with its date
//     ready in Decree309From for an embedder who opts in.
func DefaultPolicy(r Regime) Policy {
	p := Policy{
		SupplementWindow:        3,
		IntakeGuidanceOnce:      true,
		SupplementOncePerAgency: true,
		AfterSupplement:         Restart,
		DuringObligation:        Pause,
		ApologyLead:             1,
		MaxReappointments:       1,
		RefusalWithinLimit:      false,
		Withdrawal:              true,
		AfterAmendment:          Run,
		TransferCutoff:          calendar.TimeOfDay(15 * time.Hour),
		AtRiskShare:             0.8,
	}
	if r != Decree61 {
		p.ApologyLead, p.MaxReappointments = Unlimited, Unlimited
		p.Amendment = true
		p.AcceptanceLimit = calendar.Limit{N: 8, Unit: calendar.WorkingHours}
		p.CloseAfter = calendar.Limit{N: 15, Unit: calendar.Days}
		p.CorrectionLimit = calendar.Limit{N: 3, Unit: calendar.WorkingDays}
		p.OtherLevelTransfer = calendar.Limit{N: 1, Unit: calendar.WorkingDays}
		p.OnceOnly = true
		p.CodeUnit = CompetentUnit
		p.PortalUnit = DefaultPortalUnit
		p.Decree309From = decree309Date()
	}
	p.CodeFormat = Circular01{}
	return p
}

// Validate reports every field of p out of range.
func (p Policy) Validate() error {
	var probs problems
	bad := func(f string, v any) { probs.add("policy."+f, fmt.Sprint(v), ErrInvalid) }
	if p.SupplementWindow < 0 {
		bad("supplement_window", p.SupplementWindow)
	}
	if p.AfterSupplement < Restart || p.AfterSupplement > Run {
		bad("after_supplement", p.AfterSupplement)
	}
	if p.DuringObligation < Restart || p.DuringObligation > Run {
		bad("during_obligation", p.DuringObligation)
	}
	if p.AfterAmendment != Restart && p.AfterAmendment != Run {
		bad("after_amendment", p.AfterAmendment)
	}
	if p.ApologyLead < Unlimited {
		bad("apology_lead", p.ApologyLead)
	}
	if p.MaxReappointments < Unlimited {
		bad("max_reappointments", p.MaxReappointments)
	}
	for _, l := range []struct {
		name  string
		limit calendar.Limit
	}{{"acceptance_limit", p.AcceptanceLimit}, {"close_after", p.CloseAfter}, {"correction_limit", p.CorrectionLimit},
		{"other_level_transfer", p.OtherLevelTransfer}} {
		if l.limit.N < 0 || l.limit.N > maxLimit || !l.limit.Valid() {
			bad(l.name, l.limit)
		}
	}
	if p.CodeUnit > CompetentUnit {
		bad("code_unit", p.CodeUnit)
	}
	if err := checkText(p.PortalUnit, MaxReferenceLen, false); err != nil {
		probs.add("policy.portal_unit", "", err)
	}
	if !p.TransferCutoff.Valid() {
		bad("transfer_cutoff", p.TransferCutoff)
	}
	if !(p.AtRiskShare > 0 && p.AtRiskShare <= 1) {
		bad("at_risk_share", p.AtRiskShare)
	}
	return probs.err()
}

// RulesConfig configures NewRules. Zero fields take their defaults.
type RulesConfig struct {
	Calendar  *calendar.Calendar // nil: calendar.Default()
	Decree61  *Policy            // nil: DefaultPolicy(Decree61)
	Decree118 *Policy            // nil: DefaultPolicy(Decree118)
	// OwnDesk reports whether desk (a QCVN 102 code) is a desk of the competent agency's
	// own jurisdiction, so that a dossier received there is not boundary-free
	// (Policy.ClockFromCompetentReceipt). It must be a pure function of its arguments.
	// nil: OwnDesk, which tells only dossiers received in another province.
	OwnDesk func(desk, agency string) bool
}

// OwnDesk is the default RulesConfig.OwnDesk: a desk is the competent agency's own unless
// both codes are of provincial People's Committees' trees (level-1 unit H..) in different
// provinces — a dossier received in another province under the nationwide boundary-free
// reception of Decree 309/2026/NĐ-CP (new Art. 14(4) of Decree 118/2025). A dossier received
// within the province, or for a central agency (G..) whose procedures provincial desks
// receive, is not told boundary-free: an embedder that knows its directory (which desk
// serves which district) passes its own function in RulesConfig.OwnDesk.
func OwnDesk(desk, agency string) bool {
	if !ValidUnitCode(desk) || !ValidUnitCode(agency) || desk[10] != 'H' || agency[10] != 'H' {
		return true
	}
	return desk[10:] == agency[10:]
}

// Rules is the context dossiers are judged in: the working calendar and the policy of each
// regime. It is immutable and safe for concurrent use; one Rules serves every dossier.
type Rules struct {
	cal      *calendar.Calendar
	policies [3]Policy
	home     func(desk, agency string) bool
}

func (r *Rules) ownDesk(desk, agency string) bool {
	if r == nil || r.home == nil {
		return OwnDesk(desk, agency)
	}
	return r.home(desk, agency)
}

// NewRules builds Rules from c, validating the policies.
func NewRules(c RulesConfig) (*Rules, error) {
	r := &Rules{cal: c.Calendar, home: c.OwnDesk}
	if r.cal == nil {
		r.cal = calendar.Default()
	}
	r.policies[Decree61] = DefaultPolicy(Decree61)
	r.policies[Decree118] = DefaultPolicy(Decree118)
	if c.Decree61 != nil {
		r.policies[Decree61] = *c.Decree61
	}
	if c.Decree118 != nil {
		r.policies[Decree118] = *c.Decree118
	}
	for _, reg := range []Regime{Decree61, Decree118} {
		if err := r.policies[reg].Validate(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Calendar returns the working calendar (calendar.Default() for nil Rules).
func (r *Rules) Calendar() *calendar.Calendar {
	if r == nil {
		return calendar.Default()
	}
	return r.cal
}

// Policy returns the policy of regime reg (Decree 118's for an unknown regime; the default
// policy for nil Rules).
func (r *Rules) Policy(reg Regime) Policy {
	if r == nil {
		return DefaultPolicy(reg)
	}
	if reg == Decree61 {
		return r.policies[Decree61]
	}
	return r.policies[Decree118]
}

// Equal reports whether r and o are the same Rules, so that cmp.Diff compares dossiers
// without options.
func (r *Rules) Equal(o *Rules) bool { return r == o }
