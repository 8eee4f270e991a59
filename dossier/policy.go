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
	// Decree118 is Decree 118/2025/NĐ-CP (amended by Decrees 367/2025 and 309/2026), with
	// Circular 03/2025/TT-VPCP: dossiers received from 2025-07-01.
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

// Policy holds the decree rules that a regime fixes, as values. DefaultPolicy gives the
// values of the decrees; embedders under a specialised law adjust a copy.
type Policy struct {
	// SupplementWindow is how many working days after receipt an agency may still ask for a
	// supplement during processing (Decree 61/2018 Art. 19(4): 3). Zero disables the check.
	SupplementWindow int
	// IntakeGuidanceOnce allows one request to supplement at intake: the guidance is given
	// once, completely (Decree 61/2018 Art. 15(3); kept by Decree 118/2025 Art. 17(2)(a)).
	IntakeGuidanceOnce bool
	// SupplementOncePerAgency allows each agency one supplement request per dossier (Art. 15(3),
	// 19(4): "một lần").
	SupplementOncePerAgency bool
	// AfterSupplement is the clock rule after a supplement during processing (Restart).
	AfterSupplement ClockRule
	// DuringObligation is the clock rule while the applicant pays a tax or fee (Pause; sector
	// land and tax rules exclude that time, not verified).
	DuringObligation ClockRule
	// ApologyLead is how many working days before the due date the apology and new
	// appointment must be made at the latest (Art. 19(9): 1). The deadline is the close of
	// office hours (calendar.CloseOfDay) of that working day, and never later than the due
	// time; an apology in the evening after it is late.
	ApologyLead int
	// MaxReappointments is how many new appointments a dossier may receive (Art. 19(9): 1).
	MaxReappointments int
	// RefusalWithinLimit, when true, refuses a refusal after appraisal issued past the due
	// time with ErrRefusalLate: the strict reading of Art. 19(8), under which an overdue
	// dossier found ineligible can only be withdrawn. False (the default) accepts the late
	// refusal and counts it late (Resolution.Late, Dossier.Overdue, the refusal and control
	// slips): Art. 19(8) sets when the refusal is due, and a late one is still late.
	RefusalWithinLimit bool
	// Withdrawal lets the applicant withdraw the dossier before the result (not regulated by
	// Decree 61; Decree 118/2025 Art. 21 "dừng thực hiện thủ tục hành chính", Circular
	// 03/2025/TT-VPCP form 05). A withdrawal needs no reason. Default: true.
	Withdrawal bool
	// TransferCutoff is the time of day after which a paper dossier received at the desk is
	// transferred at the start of the next working day (Decree 61/2018 Art. 18(2), Decree
	// 118/2025 Art. 18(2): 15:00); the same type as the same-day cut-off of the catalog
	// (calendar.TimeOfDay, text "15:00").
	TransferCutoff calendar.TimeOfDay
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
	// dossiers received on or after Decree309From. Default: false for Decree 61; true for
	// Decree 118, from Decree309From.
	ClockFromCompetentReceipt bool
	// Decree309From is the first reception date to which the amendments of Decree 309/2026
	// apply (ClockFromCompetentReceipt). Default 2026-08-05, the decree's date; set the
	// effective date if your legal office reads it otherwise. The zero date applies them to
	// every dossier of the regime.
	Decree309From date.Date
	// CodeFormat prints and reads the dossier codes issued under the regime (Rules.IssueCode,
	// Rules.ParseCode, Rules.FormatCode, the slips); nil is Circular01. Decree 309/2026
	// leaves the code rules to the ministry hosting the National Public Service Portal: set
	// the format it issues here.
	CodeFormat CodeFormat
}

// decree309Date is the date of Decree 309/2026/NĐ-CP, the default of Policy.Decree309From.
func decree309Date() date.Date { return date.New(2026, time.August, 5) }

// fromTransfer reports whether, under p, the time limit of a dossier received at received
// from desk for agency runs from the transfer.
func (p Policy) fromTransfer(r *Rules, received time.Time, desk, agency string) bool {
	return p.ClockFromCompetentReceipt && dateOf(received) >= p.Decree309From && !r.ownDesk(desk, agency)
}

// DefaultPolicy returns the rules of regime r. Decree 118/2025 keeps the one complete
// guidance at intake (Art. 16(3), 17(1)(c)) and the refusal within the time limit; it
// sets no window, count or lead time for supplements and apologies during processing
// (Art. 12(5)), so its policy keeps Decree 61's values, which a province may relax on a
// copy. Its policy counts a boundary-free dossier's time limit from the competent agency's
// receipt for dossiers received from 2026-08-05 (Decree 309/2026/NĐ-CP). Both regimes print
// codes with Circular01.
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
		TransferCutoff:          calendar.TimeOfDay(15 * time.Hour),
		AtRiskShare:             0.8,
	}
	if r != Decree61 {
		p.ClockFromCompetentReceipt = true
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
	if p.ApologyLead < 0 {
		bad("apology_lead", p.ApologyLead)
	}
	if p.MaxReappointments < 0 {
		bad("max_reappointments", p.MaxReappointments)
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
