package dossier

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// ErrNoSlip reports a slip asked of a dossier that has no ground for it.
var ErrNoSlip = errors.New("is not available for this dossier")

const slipTime = "15 giờ 04 phút, ngày 02/01/2006"

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(zone()).Format(slipTime)
}

func noSlip(name string) error { return &FieldError{Field: "slip." + name, Err: ErrNoSlip} }

// Header is what every slip shows about the dossier.
//
// The slips of package dossier name agencies by their QCVN 102 codes; whoever knows the
// names (the onestop Office, from its routing.Directory and its catalog) fills the name
// fields, and the slip then shows "name (code)".
type Header struct {
	Code Code `json:"code"`
	// CodeText is the code as printed in the code format in force (Rules.FormatCode).
	CodeText string `json:"code_text,omitempty"`
	Desk     string `json:"desk"`
	// DeskName is the name of the receiving desk; empty: the slip shows the code alone.
	DeskName  string `json:"desk_name,omitempty"`
	Applicant string `json:"applicant"`
	// Procedure is the procedure received; for a group dossier, its lead procedure, with the
	// group's name.
	Procedure ProcedureRef `json:"procedure"`
	// Group is the ID of the inter-agency group of procedures (nhóm thủ tục liên thông) a
	// group dossier was received for; the slip then shows the group and its name, not its
	// lead procedure's code. Empty for a single procedure.
	Group string `json:"group,omitempty"`
}

func (d *Dossier) header() Header {
	text, err := d.Rules.FormatCode(d.Code)
	if err != nil {
		text = d.Code.String()
	}
	return Header{Code: d.Code, CodeText: text, Desk: d.Desk, Applicant: d.applicantName(), Procedure: d.Procedure}
}

func (d *Dossier) applicantName() string {
	if d.Applicant == nil {
		return ""
	}
	return d.Applicant.Name
}

func (h Header) write(b *strings.Builder, title string) {
	b.WriteString(title)
	b.WriteString("\nBộ phận tiếp nhận: ")
	b.WriteString(named(h.DeskName, h.Desk))
	if text := h.CodeText; text != "" || !h.Code.IsZero() {
		if text == "" {
			text = h.Code.String()
		}
		b.WriteString("\nMã hồ sơ: ")
		b.WriteString(text)
	}
	b.WriteString("\nNgười nộp: ")
	b.WriteString(h.Applicant)
	if h.Group != "" {
		b.WriteString("\nNhóm thủ tục liên thông: ")
		b.WriteString(named(h.Procedure.Name, h.Group))
	} else {
		b.WriteString("\nThủ tục: ")
		b.WriteString(h.Procedure.Code)
		if h.Procedure.Name != "" {
			b.WriteString(" ")
			b.WriteString(h.Procedure.Name)
		}
	}
	b.WriteByte('\n')
}

// named shows an agency (or a group) by its name and code, or by its code alone when its
// name is not known.
func named(name, code string) string {
	switch {
	case name == "":
		return code
	case code == "":
		return name
	}
	return name + " (" + code + ")"
}

func line(b *strings.Builder, label, value string) {
	b.WriteString(label)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteByte('\n')
}

func list(b *strings.Builder, label string, items []string) {
	if len(items) == 0 {
		return
	}
	b.WriteString(label)
	b.WriteString(":\n")
	for i, s := range items {
		b.WriteString("  ")
		b.WriteString(itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(s)
		b.WriteByte('\n')
	}
}

// ReceiptSlip is the receipt and appointment slip (Mẫu 01, Circular 01/2018; Decree 61 Art. 17(3)).
type ReceiptSlip struct {
	Header
	Channel   procedure.Channel `json:"channel"`
	Documents []string          `json:"documents"`
	Received  time.Time         `json:"received"`
	Due       time.Time         `json:"due"` // the appointment first given
	// Provisional is true when the time limit runs from the competent agency's receipt
	// (Policy.ClockFromCompetentReceipt): Due is then counted from the latest hand-over
	// allowed (Dossier.TransferDue), the slip says so, and the transfer fixes the appointment
	// (Deadline.History, TransferSlip.Due).
	Provisional bool `json:"provisional,omitempty"`
}

// ReceiptSlip returns the receipt slip of a received dossier.
func (d *Dossier) ReceiptSlip() (ReceiptSlip, error) {
	if d == nil {
		return ReceiptSlip{}, errNoDossier()
	}
	if d.Received.IsZero() {
		return ReceiptSlip{}, noSlip("receipt")
	}
	due := d.Deadline.Due
	if len(d.Deadline.History) > 0 {
		due = d.Deadline.History[0].Due
	}
	return ReceiptSlip{Header: d.header(), Channel: d.Channel, Documents: slices.Clone(d.Documents), Received: d.Received, Due: due,
		Provisional: d.fromTransfer()}, nil
}

// Text renders the slip as plain text.
func (s ReceiptSlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
	list(&b, "Giấy tờ đã nhận", s.Documents)
	line(&b, "Tiếp nhận lúc", fmtTime(s.Received))
	if s.Provisional {
		line(&b, "Hẹn trả kết quả lúc (dự kiến)", fmtTime(s.Due))
		line(&b, "Ghi chú", "thời hạn giải quyết tính từ khi cơ quan có thẩm quyền nhận hồ sơ; "+
			"ngày hẹn trả kết quả được xác định khi chuyển hồ sơ")
		return b.String()
	}
	line(&b, "Hẹn trả kết quả lúc", fmtTime(s.Due))
	return b.String()
}

// SupplementSlip is the request to supplement or complete the dossier (Mẫu 02), at intake
// (Decree 61 Art. 17(1)(a)) or during processing (Art. 19(4)).
type SupplementSlip struct {
	Header
	Intake bool      `json:"intake,omitempty"` // asked at intake, before acceptance
	At     time.Time `json:"at"`
	Agency string    `json:"agency"` // agency that asked (the desk at intake)
	// AgencyName is the name of Agency; empty: the slip shows the code alone.
	AgencyName string   `json:"agency_name,omitempty"`
	Reason     string   `json:"reason"`
	Documents  []string `json:"documents"` // documents to supplement
}

// SupplementSlip returns the slip of the latest supplement request.
func (d *Dossier) SupplementSlip() (SupplementSlip, error) {
	if d == nil {
		return SupplementSlip{}, errNoDossier()
	}
	ev := d.last(RequestSupplement, RequestIntakeSupplement)
	if ev == nil {
		return SupplementSlip{}, noSlip("supplement")
	}
	s := SupplementSlip{Header: d.header(), Intake: ev.Command == RequestIntakeSupplement, At: ev.At,
		Agency: ev.Actor.Agency, Reason: ev.Reason, Documents: slices.Clone(ev.Attachments)}
	if s.Intake {
		s.Agency = d.Desk
	}
	return s, nil
}

// Text renders the slip as plain text.
func (s SupplementSlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ")
	line(&b, "Cơ quan yêu cầu", named(s.AgencyName, s.Agency))
	line(&b, "Ngày yêu cầu", fmtTime(s.At))
	line(&b, "Nội dung, lý do", s.Reason)
	list(&b, "Giấy tờ cần bổ sung", s.Documents)
	return b.String()
}

// RefusalSlip is the refusal (Mẫu 03), at intake (Decree 61 Art. 17(1)(b)) or after
// appraisal (Art. 19(8)).
type RefusalSlip struct {
	Header
	Intake bool      `json:"intake,omitempty"`
	At     time.Time `json:"at"`
	Agency string    `json:"agency"` // the agency that refused (the desk at intake)
	// AgencyName is the name of Agency; empty: the slip shows the code alone.
	AgencyName string    `json:"agency_name,omitempty"`
	Reason     string    `json:"reason"`
	Due        time.Time `json:"due"`            // the due time in force (zero at intake)
	Late       bool      `json:"late,omitempty"` // issued after Due (accepted and counted late, Policy.RefusalWithinLimit)
	// Redirect is, at intake, the competent agency the dossier should be sent to when it is
	// not within the desk's competence (Decree 118/2025 Art. 17(2)(a); Command.Redirect).
	Redirect string `json:"redirect,omitempty"`
}

// RefusalSlip returns the refusal slip of a refused dossier.
func (d *Dossier) RefusalSlip() (RefusalSlip, error) {
	if d == nil {
		return RefusalSlip{}, errNoDossier()
	}
	ev := d.last(Refuse, RefuseIntake)
	if ev == nil {
		return RefusalSlip{}, noSlip("refusal")
	}
	s := RefusalSlip{Header: d.header(), Intake: ev.Command == RefuseIntake, At: ev.At, Agency: ev.Actor.Agency, Reason: ev.Reason}
	if s.Intake {
		s.Agency, s.Redirect = d.Desk, ev.Redirect
	} else {
		s.Due, s.Late = d.Deadline.Due, d.lateAt(ev.At)
	}
	return s, nil
}

// Text renders the slip as plain text.
func (s RefusalSlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ")
	line(&b, "Cơ quan", named(s.AgencyName, s.Agency))
	line(&b, "Ngày", fmtTime(s.At))
	line(&b, "Lý do", s.Reason)
	if s.Redirect != "" {
		line(&b, "Đề nghị gửi hồ sơ đến", s.Redirect)
	}
	if s.Late {
		line(&b, "Hạn giải quyết", fmtTime(s.Due))
		line(&b, "Ghi chú", "từ chối sau thời hạn giải quyết (quá hạn)")
	}
	return b.String()
}

// ApologySlip is the apology with a new appointment (Mẫu 04; Decree 61 Art. 19(9)); form 04
// of Circular 03/2025/TT-VPCP, renamed apology and request to extend the time limit.
type ApologySlip struct {
	Header
	At     time.Time `json:"at"`
	Agency string    `json:"agency"` // the agency responsible for the delay
	// AgencyName is the name of Agency; empty: the slip shows the code alone.
	AgencyName string    `json:"agency_name,omitempty"`
	Reason     string    `json:"reason"`
	OldDue     time.Time `json:"old_due"`
	NewDue     time.Time `json:"new_due"`
}

// ApologySlip returns the slip of the dossier's apology.
func (d *Dossier) ApologySlip() (ApologySlip, error) {
	if d == nil {
		return ApologySlip{}, errNoDossier()
	}
	for i := len(d.Deadline.History) - 1; i > 0; i-- {
		if h := d.Deadline.History[i]; h.Cause == Apologise {
			ev := d.last(Apologise)
			if ev == nil {
				break
			}
			return ApologySlip{Header: d.header(), At: ev.At, Agency: ev.Actor.Agency, Reason: ev.Reason,
				OldDue: d.Deadline.History[i-1].Due, NewDue: h.Due}, nil
		}
	}
	return ApologySlip{}, noSlip("apology")
}

// Text renders the slip as plain text.
func (s ApologySlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
	line(&b, "Cơ quan", named(s.AgencyName, s.Agency))
	line(&b, "Ngày", fmtTime(s.At))
	line(&b, "Lý do chậm", s.Reason)
	line(&b, "Ngày hẹn cũ", fmtTime(s.OldDue))
	line(&b, "Ngày hẹn mới", fmtTime(s.NewDue))
	return b.String()
}

// StopSlip is the notice that the procedure is stopped at the applicant's request (Decree
// 118/2025 Art. 21; form 05 of Circular 03/2025/TT-VPCP, "thông báo dừng giải quyết hồ sơ";
// the form's layout has not been read: the slip carries what Art. 21 names).
type StopSlip struct {
	Header
	Channel procedure.Channel `json:"channel"`
	At      time.Time         `json:"at"`               // when the stop was asked for and recorded
	Stage   State             `json:"stage"`            // the state the dossier was stopped in
	Reason  string            `json:"reason,omitempty"` // the applicant's reason, if given
	// Received is the official acceptance (zero when stopped before it): from then paper
	// documents and fees are returned as sector law says (Art. 21(1)–(2)).
	Received time.Time `json:"received,omitzero"`
}

// StopSlip returns the stop notice of a dossier stopped at the applicant's request (state
// Withdrawn).
func (d *Dossier) StopSlip() (StopSlip, error) {
	if d == nil {
		return StopSlip{}, errNoDossier()
	}
	ev := d.last(Withdraw)
	if ev == nil || d.State != Withdrawn {
		return StopSlip{}, noSlip("stop")
	}
	return StopSlip{Header: d.header(), Channel: d.Channel, At: ev.At, Stage: ev.From, Reason: ev.Reason,
		Received: d.Received}, nil
}

// Text renders the slip as plain text.
func (s StopSlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "THÔNG BÁO DỪNG THỰC HIỆN THỦ TỤC HÀNH CHÍNH")
	line(&b, "Ngày đề nghị dừng", fmtTime(s.At))
	if !s.Received.IsZero() {
		line(&b, "Ngày tiếp nhận hồ sơ", fmtTime(s.Received))
	}
	line(&b, "Giai đoạn", s.Stage.Name(language.Vietnamese))
	if s.Reason != "" {
		line(&b, "Lý do", s.Reason)
	}
	line(&b, "Ghi chú", "việc trả lại hồ sơ giấy và phí, lệ phí (nếu có) thực hiện theo quy định của pháp luật chuyên ngành")
	return b.String()
}

// TransferRow is one agency's task and deadline on the transfer slip.
type TransferRow struct {
	Step   string `json:"step,omitempty"`
	Agency string `json:"agency"`
	// AgencyName is the name of Agency; empty: the slip shows the code alone.
	AgencyName string `json:"agency_name,omitempty"`
	Task       string `json:"task"` // the route's task, e.g. "decide"
	// TaskName is the task in Vietnamese, as the slip prints it ("quyết định"); empty: the
	// slip prints Task.
	TaskName string    `json:"task_name,omitempty"`
	Due      time.Time `json:"due"`
}

// TransferSlip lists each agency's task and deadline (Decree 61 Art. 19(6)).
type TransferSlip struct {
	Header
	At   time.Time     `json:"at"`
	Due  time.Time     `json:"due"` // the dossier's appointment
	Rows []TransferRow `json:"rows"`
}

// TransferSlip returns the transfer slip of a transferred dossier.
func (d *Dossier) TransferSlip() (TransferSlip, error) {
	if d == nil {
		return TransferSlip{}, errNoDossier()
	}
	if d.Transferred.IsZero() {
		return TransferSlip{}, noSlip("transfer")
	}
	s := TransferSlip{Header: d.header(), At: d.Transferred, Due: d.Deadline.Due, Rows: make([]TransferRow, len(d.Steps))}
	for i, st := range d.Steps {
		s.Rows[i] = TransferRow{Step: st.ID, Agency: st.Agency, Task: st.Task, Due: st.Due}
	}
	return s, nil
}

// Text renders the slip as plain text.
func (s TransferSlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "PHIẾU CHUYỂN HỒ SƠ")
	line(&b, "Ngày chuyển", fmtTime(s.At))
	line(&b, "Hẹn trả kết quả", fmtTime(s.Due))
	for i, r := range s.Rows {
		b.WriteString(itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(named(r.AgencyName, r.Agency))
		if task := cmp.Or(r.TaskName, r.Task); task != "" {
			b.WriteString(" — ")
			b.WriteString(task)
		}
		b.WriteString(" — hạn ")
		b.WriteString(fmtTime(r.Due))
		b.WriteByte('\n')
	}
	return b.String()
}

// Verdict is how a step or a dossier kept its time (Circular 01/2018 Art. 13).
type Verdict uint8

// Verdicts.
const (
	Running Verdict = iota // not finished and not yet due
	Early                  // trước hạn: finished on a day before the due day
	OnTime                 // đúng hạn
	Late                   // quá hạn
)

// String returns the verdict in Vietnamese, as printed on the control slip.
func (v Verdict) String() string {
	switch v {
	case Early:
		return "trước hạn"
	case OnTime:
		return "đúng hạn"
	case Late:
		return "quá hạn"
	}
	return "đang xử lý"
}

var verdictText = [...]string{Running: "running", Early: "early", OnTime: "on_time", Late: "late"}

// MarshalText writes the verdict by its snake_case name ("on_time").
func (v Verdict) MarshalText() ([]byte, error) {
	if int(v) >= len(verdictText) {
		return nil, &FieldError{Field: "verdict", Value: itoa(int(v)), Err: ErrInvalid}
	}
	return []byte(verdictText[v]), nil
}

// UnmarshalText reads a verdict name MarshalText writes.
func (v *Verdict) UnmarshalText(b []byte) error {
	for i, s := range verdictText {
		if s == string(b) {
			*v = Verdict(i)
			return nil
		}
	}
	return &FieldError{Field: "verdict", Value: string(b), Err: ErrInvalid}
}

// Judge returns the verdict of work due at due and finished at done (zero: not finished),
// read at now.
func Judge(due, done, now time.Time) Verdict {
	switch {
	case done.IsZero():
		if now.After(due) {
			return Late
		}
		return Running
	case done.After(due):
		return Late
	case dateOf(done) < dateOf(due):
		return Early
	}
	return OnTime
}

// ControlRow is one hand-over on the control slip: who held the dossier, from when to when,
// against which due time.
type ControlRow struct {
	Step   string `json:"step,omitempty"` // "" for the desk's transfer
	Agency string `json:"agency"`
	// AgencyName is the name of Agency; empty: the slip shows the code alone.
	AgencyName string      `json:"agency_name,omitempty"`
	From       time.Time   `json:"from"`
	To         time.Time   `json:"to"` // zero while held
	Due        time.Time   `json:"due"`
	Verdict    Verdict     `json:"verdict"`
	Note       CommandKind `json:"note,omitempty"` // how the holding ended (handoff, send_back, recall, resolve, refuse, transfer)
}

// ControlSlip is the process control slip (Mẫu 05 of Circular 01/2018; form 06 of Circular
// 03/2025/TT-VPCP): every hand-over with its verdict.
type ControlSlip struct {
	Header
	Due     time.Time    `json:"due"`
	Rows    []ControlRow `json:"rows"`
	Verdict Verdict      `json:"verdict"` // of the dossier against its appointment
}

// ControlSlip returns the control slip at now.
func (d *Dossier) ControlSlip(now time.Time) (ControlSlip, error) {
	if d == nil {
		return ControlSlip{}, errNoDossier()
	}
	if d.Received.IsZero() {
		return ControlSlip{}, noSlip("control")
	}
	s := ControlSlip{Header: d.header(), Due: d.Deadline.Due}
	desk := ControlRow{Agency: d.Desk, From: d.Received, Due: d.TransferDue()}
	// The steps are walked again event by event, as Apply moved them: a row opens when a
	// step comes in hand and closes when it leaves it. Parallel steps (Decree 118/2025 Art.
	// 20(2)(b)) have rows open at once.
	var walk Dossier
	var row []int // row[k]: the open row of step k, or -1
	was := func(k int) bool { return walk.running(k) }
	for i := range d.Events {
		ev := &d.Events[i]
		if ev.Command == Transfer {
			desk.To, desk.Note = ev.At, Transfer
			walk.Steps, walk.Current = slices.Clone(ev.Steps), 0
			row = make([]int, len(ev.Steps))
			for k := range row {
				row[k] = -1
			}
			continue
		}
		if len(walk.Steps) == 0 {
			continue
		}
		before := make([]bool, len(walk.Steps))
		for k := range before {
			before[k] = was(k)
		}
		k := walk.stepOf(ev.Actor)
		switch ev.Command {
		case Start:
			walk.Steps[0].Start = ev.At
		case Handoff:
			walk.handOff(k, ev)
		case Recall, SendBack:
			if ev.Command == Recall {
				k = walk.recallTarget(ev.Actor)
			}
			if k >= 1 && k < len(walk.Steps) {
				walk.takeBack(k)
			}
		case Resolve, Refuse:
			if k < len(walk.Steps) && walk.running(k) {
				walk.Steps[k].Done = ev.At
			}
		default:
			continue
		}
		for j := range walk.Steps {
			switch now := was(j); {
			case before[j] && !now && row[j] >= 0:
				r := &s.Rows[row[j]]
				r.To, r.Note = ev.At, ev.Command
				row[j] = -1
			case !before[j] && now:
				due := walk.Steps[j].Due
				if j < len(d.Steps) {
					due = d.Steps[j].Due
				}
				s.Rows = append(s.Rows, ControlRow{Step: walk.Steps[j].ID, Agency: walk.Steps[j].Agency, From: ev.At, Due: due})
				row[j] = len(s.Rows) - 1
			}
		}
	}
	s.Rows = append([]ControlRow{desk}, s.Rows...)
	for i := range s.Rows {
		r := &s.Rows[i]
		r.Verdict = Judge(r.Due, r.To, now)
	}
	s.Verdict = Judge(d.Deadline.Due, d.Resolution.At, d.end(now))
	return s, nil
}

// Text renders the slip as plain text.
func (s ControlSlip) Text() string {
	var b strings.Builder
	s.Header.write(&b, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ")
	line(&b, "Hẹn trả kết quả", fmtTime(s.Due))
	for i, r := range s.Rows {
		b.WriteString(itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(named(r.AgencyName, r.Agency))
		b.WriteString(" | nhận ")
		b.WriteString(fmtTime(r.From))
		b.WriteString(" | giao ")
		b.WriteString(fmtTime(r.To))
		b.WriteString(" | hạn ")
		b.WriteString(fmtTime(r.Due))
		b.WriteString(" | ")
		b.WriteString(r.Verdict.String())
		if n := noteVi(r.Note); n != "" {
			b.WriteString(" | ")
			b.WriteString(n)
		}
		b.WriteByte('\n')
	}
	line(&b, "Kết quả", s.Verdict.String())
	return b.String()
}

func noteVi(k CommandKind) string {
	switch k {
	case Transfer:
		return "chuyển xử lý"
	case Handoff:
		return "chuyển bước sau"
	case SendBack:
		return "trả lại bước trước"
	case Recall:
		return "bị thu hồi"
	case Resolve:
		return "có kết quả"
	case Refuse:
		return "từ chối"
	}
	return ""
}

func (d *Dossier) last(kinds ...CommandKind) *Event {
	for i := len(d.Events) - 1; i >= 0; i-- {
		for _, k := range kinds {
			if d.Events[i].Command == k {
				return &d.Events[i]
			}
		}
	}
	return nil
}
