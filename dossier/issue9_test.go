package dossier

// Regression tests of issue 9: messages without English in Vietnamese, snake_case JSON,
// personal data never echoed, bounded texts, blank reasons, capped problem lists and the one
// dossier-code error.

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

var vi = language.Vietnamese

// Vietnamese messages name states, commands, roles, fields and legal sources in Vietnamese.
func TestIssue9VietnameseMessages(t *testing.T) {
	deadline := at("2025-03-10 17:00")
	tests := []struct {
		name   string
		err    error
		en, vi string
	}{
		{"return in Received",
			&TransitionError{Command: Return, State: Received, Role: RoleClerk, Err: ErrNotAllowed},
			"return of the result is not allowed in this state (received)",
			"trả kết quả không được phép ở trạng thái này (được tiếp nhận)"},
		{"refusal at intake by an officer",
			&TransitionError{Command: RefuseIntake, State: Submitted, Role: RoleOfficer, Err: ErrForbidden},
			"refusal at intake (officer) may not be done by this role",
			"từ chối tiếp nhận (cán bộ xử lý) không được thực hiện bởi vai trò này"},
		{"handoff by another agency",
			&TransitionError{Command: Handoff, State: InProcess, Role: RoleOfficer, Err: ErrWrongAgency},
			"hand-off (officer) may only be done by the agency holding the step",
			"chuyển bước tiếp theo (cán bộ xử lý) chỉ cơ quan đang giữ bước xử lý được thực hiện"},
		{"late apology",
			&RuleError{Command: Apologise, Rule: "Decree 61/2018 Art. 19(9)", Deadline: deadline, Err: ErrApologyLate},
			"apology and new appointment is later than the apology lead time before the due date (limit 17:00 10/03/2025) [Decree 61/2018 Art. 19(9)]",
			"xin lỗi và hẹn lại muộn hơn thời hạn gửi văn bản xin lỗi trước ngày hẹn trả (hạn 17:00 10/03/2025) [Nghị định 61/2018, Điều 19(9)]"},
		{"withdrawal closed",
			&RuleError{Command: Withdraw, Rule: "Circular 03/2025/TT-VPCP form 05", Err: ErrWithdrawalClosed},
			"withdrawal is not allowed by the policy [Circular 03/2025/TT-VPCP form 05]",
			"rút hồ sơ không được chính sách cho phép [Thông tư 03/2025/TT-VPCP, mẫu 05]"},
		{"missing citizen ID",
			&FieldError{Field: "applicant.citizen_id", Err: ErrRequired},
			"applicant.citizen_id is required",
			"số định danh cá nhân là bắt buộc"},
		{"third document",
			&FieldError{Field: "documents[2]", Err: ErrRequired},
			"documents[2] is required",
			"giấy tờ thứ 3 là bắt buộc"},
		{"step identifier",
			&FieldError{Field: "steps[0].id", Err: ErrRequired},
			"steps[0].id is required",
			"mã bước xử lý thứ 1 là bắt buộc"},
		{"reason too long",
			&FieldError{Field: "reason", Err: tooLong{MaxReasonLen}},
			"reason is longer than 4000 characters",
			"lý do dài quá 4000 ký tự"},
		{"log going back in time",
			&LogError{Seq: 3, Err: errLogTime},
			"event log: event 3 goes back in time",
			"nhật ký sự kiện: sự kiện 3 có thời điểm trước sự kiện liền trước"},
		{"state text",
			&FieldError{Field: "state", Value: "Nowhere", Err: ErrInvalid},
			`state "Nowhere" is not valid`,
			`trạng thái "Nowhere" không hợp lệ`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type texts struct{ Error, En, Vi string }
			m := tt.err.(interface{ Message(language.Tag) string })
			want := texts{tt.en, tt.en, tt.vi}
			got := texts{tt.err.Error(), m.Message(language.English), m.Message(vi)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Every state, command and role has a Vietnamese name, and no two share one.
func TestIssue9VietnameseNames(t *testing.T) {
	var seen map[string]string
	check := func(what, name string) {
		t.Helper()
		if name == "" || strings.ContainsAny(name, "()") {
			t.Errorf("%s: Vietnamese name %q", what, name)
		}
		if other, ok := seen[name]; ok {
			t.Errorf("%s and %s are both %q", what, other, name)
		}
		seen[name] = what
	}
	seen = map[string]string{}
	for _, s := range States() {
		check(s.String(), s.Name(vi))
	}
	seen = map[string]string{}
	check("open", Open.Name(vi))
	for _, k := range Commands() {
		check(k.String(), k.Name(vi))
	}
	seen = map[string]string{}
	for r := RoleApplicant; r < numRoles; r++ {
		check(r.String(), r.Name(vi))
	}
	// Every field a validation of this package names has a Vietnamese name.
	for _, f := range []string{"applicant.kind", "applicant.name", "applicant.citizen_id", "applicant.tax_code",
		"applicant.phone", "applicant.email", "applicant.address.line", "applicant.address.unit_code",
		"applicant.address.unit_name", "procedure.code", "procedure.version", "procedure.case", "procedure.name",
		"channel", "desk", "agency", "limit", "documents[0]", "attachments[4]", "reason", "reference", "code",
		"due", "now", "actor.id", "actor.agency", "steps", "steps[1].id", "steps[1].agency", "steps[1].task",
		"steps[1].due", "dossier", "dossier.current", "dossier.steps", "dossier.supplements", "sequence_source",
		"slip.receipt", "slip.supplement", "slip.refusal", "slip.apology", "slip.transfer", "slip.control",
		"policy.supplement_window", "policy.after_supplement", "policy.during_obligation",
		"policy.apology_lead", "policy.max_reappointments", "policy.transfer_cutoff", "policy.at_risk_share"} {
		if got := fieldName(f, vi); got == f {
			t.Errorf("field %s has no Vietnamese name", f)
		}
	}
}

// English counts the problems left out with a correct plural.
func TestIssue9Plurals(t *testing.T) {
	p := []*FieldError{{Field: "reason", Err: ErrRequired}}
	tests := []struct {
		more   int
		en, vi string
	}{
		{1, "reason is required; and 1 more problem", "lý do là bắt buộc; và 1 lỗi khác"},
		{2, "reason is required; and 2 more problems", "lý do là bắt buộc; và 2 lỗi khác"},
	}
	for _, tt := range tests {
		e := &ValidationError{Problems: p, More: tt.more}
		if diff := cmp.Diff([]string{tt.en, tt.vi}, []string{e.Error(), e.Message(vi)}); diff != "" {
			t.Errorf("more %d (-want +got):\n%s", tt.more, diff)
		}
	}
	if got := (tooLong{1}).Error(); got != "is longer than 1 character" {
		t.Error(got)
	}
}

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// jsonKeys returns every object key of a JSON document, with its path.
func jsonKeys(v any, path string, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out[path+"."+k] = k
			jsonKeys(e, path+"."+k, out)
		}
	case []any:
		for _, e := range x {
			jsonKeys(e, path+"[]", out)
		}
	}
}

// A dossier and its log encode with snake_case keys and values, and the log read back from
// JSON replays to the same dossier.
func TestIssue9JSONSnakeCase(t *testing.T) {
	d := worst(t)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	jsonKeys(doc, "", keys)
	for path, k := range keys {
		if !snakeKey.MatchString(k) {
			t.Errorf("key %s is not snake_case", path)
		}
	}
	for _, want := range []string{".deadline", ".resolution", ".events[].step_due", ".events[].intake.applicant.citizen_id",
		".events[].intake.applicant.address.unit_code"} {
		if _, ok := keys[want]; !ok {
			t.Errorf("no key %s", want)
		}
	}
	for _, v := range []string{`"state":"returned"`, `"command":"request_supplement"`, `"from":"in_process"`,
		`"to":"supplement_requested"`, `"cause":"apologise"`} {
		if !strings.Contains(string(b), v) {
			t.Errorf("no %s in the encoding", v)
		}
	}

	// The log alone, through JSON, replays to the same dossier.
	lb, err := json.Marshal(d.Events)
	if err != nil {
		t.Fatal(err)
	}
	var events []Event
	if err := json.Unmarshal(lb, &events); err != nil {
		t.Fatal(err)
	}
	replayed, err := d.Rules.Replay(events)
	if err != nil {
		t.Fatal(err)
	}
	var back Dossier
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	back.Rules = d.Rules
	if diff := cmp.Diff(d, replayed); diff != "" {
		t.Errorf("replayed log differs (-live +replayed):\n%s", diff)
	}
	if diff := cmp.Diff(d, &back); diff != "" {
		t.Errorf("decoded dossier differs (-live +decoded):\n%s", diff)
	}

	// The Go-style names of earlier encodings still read.
	var s State
	var k CommandKind
	if err := s.UnmarshalText([]byte("SupplementRequested")); err != nil || s != SupplementRequested {
		t.Errorf("old state name: %v %v", s, err)
	}
	if err := k.UnmarshalText([]byte("refuseIntake")); err != nil || k != RefuseIntake {
		t.Errorf("old command name: %v %v", k, err)
	}
}

// An invalid phone, citizen ID, e-mail, tax code, name or address is named, never repeated.
func TestIssue9PersonalDataNotEchoed(t *testing.T) {
	person := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}).Applicant
	org := Applicant{Kind: Organisation, Name: "Công ty TNHH Hạ Long Xanh", TaxCode: "5701234567",
		Address: Address{Line: "Số 1 Đường 25/4", UnitCode: "06655"}}
	tests := []struct {
		field string
		bad   string
		base  Applicant
		edit  func(*Applicant, string)
		err   error
	}{
		{"applicant.phone", "0123456789", person, func(a *Applicant, v string) { a.Phone = v }, ErrInvalid},
		{"applicant.citizen_id", "100123456", person, func(a *Applicant, v string) { a.CitizenID = v }, ErrInvalid},
		{"applicant.email", "An Nguyen <an.nguyen@example.vn>", person, func(a *Applicant, v string) { a.Email = v }, ErrInvalid},
		{"applicant.tax_code", "57012345", org, func(a *Applicant, v string) { a.TaxCode = v }, ErrInvalid},
		{"applicant.name", "Nguyễn\x00Văn An", person, func(a *Applicant, v string) { a.Name = v }, ErrControl},
		{"applicant.name", strings.Repeat("Nguyễn Văn An ", 100), person, func(a *Applicant, v string) { a.Name = v }, ErrTooLong},
		{"applicant.address.line", "12 Lê Thánh Tông\nHạ Long", person, func(a *Applicant, v string) { a.Address.Line = v }, ErrControl},
		{"applicant.address.line", "12 L\xea Th\xe1nh T\xf4ng", person, func(a *Applicant, v string) { a.Address.Line = v }, ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			a := tt.base
			tt.edit(&a, tt.bad)
			err := a.Validate()
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v on %s", err, tt.err, tt.field)
			}
			if fe.Value != "" {
				t.Errorf("the error keeps the value %q", fe.Value)
			}
			ve := err.(*ValidationError)
			for _, m := range []string{err.Error(), ve.Message(vi), fe.Message(vi)} {
				for _, part := range []string{tt.bad, tt.bad[:min(6, len(tt.bad))]} {
					if strings.Contains(m, part) {
						t.Errorf("message %q repeats %q", m, part)
					}
				}
			}
		})
	}
}

// Names and free texts are bounded, hold no control characters (but line breaks in
// reasons) and are UTF-8; a command with a bad text is refused and changes nothing.
func TestIssue9CommandTexts(t *testing.T) {
	now := at("2025-03-05 09:00")
	long := strings.Repeat("ệ", MaxReasonLen+1)
	tests := []struct {
		name  string
		cmd   Command
		field string
		err   error
	}{
		{"reason too long", Command{Kind: Refuse, Actor: officerA, Reason: long}, "reason", ErrTooLong},
		{"NUL in a reason", Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ\x00 điều kiện"}, "reason", ErrControl},
		{"reason not UTF-8", Command{Kind: Refuse, Actor: officerA, Reason: "Kh\xf4ng"}, "reason", ErrEncoding},
		{"attachment too long", Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung",
			Attachments: []string{"Tờ khai", strings.Repeat("x", MaxDocumentLen+1)}}, "attachments[1]", ErrTooLong},
		{"blank attachment", Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung",
			Attachments: []string{" "}}, "attachments[0]", ErrRequired},
		{"NUL in an attachment", Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung",
			Attachments: []string{"Tờ\x00khai"}}, "attachments[0]", ErrControl},
		{"reference with a line break", Command{Kind: Handoff, Actor: officerA, Reference: "CS\n1"}, "reference", ErrControl},
		{"actor identifier not UTF-8", Command{Kind: Handoff, Actor: Actor{ID: "\xff", Role: RoleOfficer, Agency: agencyA}},
			"actor.id", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := inProcess(t, testRules(), at("2025-03-04 09:10"))
			err := applyChecked(t, d, tt.cmd, now)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v on %s", err, tt.err, tt.field)
			}
			if len(err.Error()) > 200 {
				t.Errorf("message of %d bytes", len(err.Error()))
			}
		})
	}

	// A reason may hold line breaks and tabs, up to MaxReasonLen characters.
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	mustApply(t, d, Command{Kind: Refuse, Actor: officerA, Reason: "1. Thiếu tờ khai;\n\t2. " + strings.Repeat("ệ", MaxReasonLen-30)}, now)

	// The transfer's steps are checked too.
	d = receivedAt(t, testRules(), procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, at("2025-03-04 09:10"))
	steps := twoSteps(at("2025-03-07 09:10"), at("2025-03-11 09:10"))
	steps[1].Task = strings.Repeat("x", MaxReasonLen+1)
	err := applyChecked(t, d, Command{Kind: Transfer, Actor: clerk, Steps: steps}, now)
	if !errors.Is(err, ErrTooLong) || !strings.HasPrefix(err.Error(), "steps[1].task ") {
		t.Fatalf("err = %v", err)
	}
}

// The intake's names and texts are bounded too.
func TestIssue9IntakeTexts(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Intake)
		field string
		err   error
	}{
		{"document too long", func(in *Intake) { in.Documents[1] = strings.Repeat("x", MaxDocumentLen+1) }, "documents[1]", ErrTooLong},
		{"blank document", func(in *Intake) { in.Documents[0] = "  " }, "documents[0]", ErrRequired},
		{"procedure name with NUL", func(in *Intake) { in.Procedure.Name = "Đăng ký\x00" }, "procedure.name", ErrControl},
		{"unit name too long", func(in *Intake) { in.Applicant.Address.UnitName = strings.Repeat("x", MaxNameLen+1) },
			"applicant.address.unit_name", ErrTooLong},
		{"case not UTF-8", func(in *Intake) { in.Procedure.Case = "\xc3" }, "procedure.case", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays})
			in.Documents = append([]string(nil), in.Documents...)
			tt.edit(&in)
			_, err := testRules().Open(in, clerk, at("2025-03-04 09:00"))
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v on %s", err, tt.err, tt.field)
			}
		})
	}
	// Exactly at the limits is fine.
	in := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays})
	in.Applicant.Name = strings.Repeat("ệ", MaxNameLen)
	in.Applicant.Address.Line = strings.Repeat("ệ", MaxAddressLen)
	in.Documents = []string{strings.Repeat("ệ", MaxDocumentLen)}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
}

// A reason of white space is no reason, for every command that needs one.
func TestIssue9BlankReason(t *testing.T) {
	now := at("2025-03-04 14:00")
	tests := []struct {
		state State
		cmd   Command
	}{
		{Submitted, Command{Kind: RequestIntakeSupplement, Actor: clerk}},
		{Submitted, Command{Kind: RefuseIntake, Actor: clerk}},
		{IntakeSupplement, Command{Kind: RefuseIntake, Actor: clerk}},
		{InProcess, Command{Kind: RequestSupplement, Actor: officerA}},
		{InProcess, Command{Kind: Refuse, Actor: officerA}},
		{InProcess, Command{Kind: Apologise, Actor: officerA}},
		{InProcess, Command{Kind: SendBack, Actor: officerB}},
	}
	for _, tt := range tests {
		for _, reason := range []string{"", " \t ", "\n", "\u00a0\u3000"} {
			t.Run(tt.cmd.Kind.String()+"/"+tt.state.String()+"/"+reason, func(t *testing.T) {
				d := dossierIn(t, tt.state)
				if tt.cmd.Kind == SendBack {
					mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, now.Add(-time.Minute))
				}
				cmd := tt.cmd
				cmd.Reason = reason
				if cmd.Kind == Apologise {
					cmd.Due = d.Deadline.Due.Add(48 * time.Hour)
				}
				err := applyChecked(t, d, cmd, now)
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "reason" || !errors.Is(err, ErrRequired) {
					t.Fatalf("err = %v, want reason is required", err)
				}
				if got := fe.Message(vi); got != "lý do là bắt buộc" {
					t.Errorf("Vietnamese: %q", got)
				}
			})
		}
	}
}

// A validation lists at most 100 problems and counts the rest, in time linear in its input.
func TestIssue9ProblemsCapped(t *testing.T) {
	in := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays})
	in.Documents = make([]string, 1_000_000)
	start := time.Now()
	err := in.Validate()
	elapsed := time.Since(start)
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	if len(ve.Problems) != 100 || ve.More != 1_000_000-100 {
		t.Fatalf("%d problems listed, %d more", len(ve.Problems), ve.More)
	}
	msgs := ve.Messages(language.English)
	if last := msgs[len(msgs)-1]; last != "and 999900 more problems" {
		t.Errorf("last message %q", last)
	}
	if n := len(err.Error()); n > 100*64 {
		t.Errorf("message of %d bytes", n)
	}
	if elapsed > 2*time.Second {
		t.Errorf("validating a million documents took %v", elapsed)
	}

	// The steps of a long route are checked in linear time.
	steps := make([]StepRecord, 200_000)
	for i := range steps {
		steps[i] = StepRecord{ID: itoa(i), Agency: agencyA, Due: at("2025-03-11 09:00")}
	}
	steps[len(steps)-1].ID = "0"
	start = time.Now()
	err = validateSteps(steps)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("checking 200,000 steps took %v", elapsed)
	}
	if !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), "steps[199999].id") {
		t.Errorf("duplicate step: %v", err)
	}
}

// An error of another layer (an office's "not found") reads in the language asked.
type foreign struct{}

func (foreign) Error() string { return "is not a known dossier code" }
func (foreign) Message(lang language.Tag) string {
	if lang == vi {
		return "không phải là mã hồ sơ đã tiếp nhận"
	}
	return "is not a known dossier code"
}

// CodeError carries the code as given, cut to 64 characters, and reads in both languages.
func TestIssue9CodeError(t *testing.T) {
	long := strings.Repeat("9", 1000)
	tests := []struct {
		name   string
		err    func() error
		code   string
		en, vi string
	}{
		{"bad date", func() error { _, err := ParseCode("000.00.00.H49-250230-0001"); return err },
			"000.00.00.H49-250230-0001",
			`dossier code "000.00.00.H49-250230-0001": date "250230" is not a valid YYMMDD date`,
			`mã hồ sơ "000.00.00.H49-250230-0001": ngày "250230" không phải ngày YYMMDD hợp lệ`},
		{"long text", func() error { _, err := ParseCode(long); return err },
			strings.Repeat("9", 64) + "…",
			`dossier code "` + strings.Repeat("9", 64) + `…" is not of the form <unit>-YYMMDD-NNNN`,
			`mã hồ sơ "` + strings.Repeat("9", 64) + `…" không có dạng <mã đơn vị>-YYMMDD-NNNN`},
		{"long text through the rules", func() error { _, err := testRules().ParseCode(long); return err },
			strings.Repeat("9", 64) + "…",
			`dossier code "` + strings.Repeat("9", 64) + `…" is not of the form <unit>-YYMMDD-NNNN`,
			`mã hồ sơ "` + strings.Repeat("9", 64) + `…" không có dạng <mã đơn vị>-YYMMDD-NNNN`},
		{"another layer's problem", func() error {
			return &CodeError{Code: "000.00.00.H49-250301-0001", Err: foreign{}}
		}, "000.00.00.H49-250301-0001",
			`dossier code "000.00.00.H49-250301-0001" is not a known dossier code`,
			`mã hồ sơ "000.00.00.H49-250301-0001" không phải là mã hồ sơ đã tiếp nhận`},
		{"a Code value's part", func() error { return Code{Unit: "H49", Seq: 1}.Validate() }, "",
			`unit code "H49" is not a QCVN 102 unit code (V1V2V3.Z1Z2.Y1Y2.MX1X2)`,
			`mã đơn vị "H49" không phải mã đơn vị theo QCVN 102 (V1V2V3.Z1Z2.Y1Y2.MX1X2)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			var ce *CodeError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v", err)
			}
			type texts struct{ Code, En, Vi string }
			if diff := cmp.Diff(texts{tt.code, tt.en, tt.vi}, texts{ce.Code, err.Error(), ce.Message(vi)}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// A slip the dossier has no ground for is named in Vietnamese, not by its English key.
func TestIssue9NoSlipMessage(t *testing.T) {
	d := dossierIn(t, Submitted)
	_, err := d.ReceiptSlip()
	var fe *FieldError
	if !errors.As(err, &fe) || !errors.Is(err, ErrNoSlip) {
		t.Fatalf("err = %v", err)
	}
	want := []string{"slip.receipt is not available for this dossier", "giấy tiếp nhận hồ sơ và hẹn trả kết quả không có đối với hồ sơ này"}
	if diff := cmp.Diff(want, []string{err.Error(), fe.Message(vi)}); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The decoder's own problems read in Vietnamese too.
func TestIssue9DecodeMessages(t *testing.T) {
	tests := []struct {
		in     string
		en, vi string
	}{
		{`{"current":"x"}`,
			`dossier is not valid: field "current" holds a value of the wrong type`,
			`hồ sơ không hợp lệ: trường "current" có giá trị sai kiểu`},
		{`{"events":[{"seq":"1"}]}`,
			`dossier is not valid: field "events.seq" holds a value of the wrong type`,
			`hồ sơ không hợp lệ: trường "events.seq" có giá trị sai kiểu`},
		{`{"state":"nowhere"}`, `state "nowhere" is not valid`, `trạng thái "nowhere" không hợp lệ`},
	}
	for _, tt := range tests {
		var d Dossier
		err := json.Unmarshal([]byte(tt.in), &d)
		m, ok := err.(interface{ Message(language.Tag) string })
		if !ok {
			t.Fatalf("%s: err = %#v", tt.in, err)
		}
		if diff := cmp.Diff([]string{tt.en, tt.vi}, []string{err.Error(), m.Message(vi)}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.in, diff)
		}
	}
}
