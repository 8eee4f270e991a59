package onestop_test

// Regression tests of issue 9 (v0.1: one vocabulary, bounded input, messages a person reads).

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// The language of a message is a language.Tag: any tag of base vi reads in Vietnamese,
// every other one in English.
func TestIssue9MessageLanguageTag(t *testing.T) {
	err := &onestop.FieldError{Field: "Submission.Procedure", Value: "9.999999", Err: onestop.ErrUnknownProcedure}
	tests := []struct {
		lang language.Tag
		want string
	}{
		{language.English, `Submission.Procedure "9.999999" is not a procedure in the catalog`},
		{language.Vietnamese, `Mã thủ tục "9.999999" không có trong danh mục thủ tục hành chính`},
		{language.MustParse("vi-VN"), `Mã thủ tục "9.999999" không có trong danh mục thủ tục hành chính`},
		{language.French, `Submission.Procedure "9.999999" is not a procedure in the catalog`},
		{language.Und, `Submission.Procedure "9.999999" is not a procedure in the catalog`},
	}
	for _, tc := range tests {
		if got := onestop.Message(err, tc.lang); got != tc.want {
			t.Errorf("Message(%v) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	// A bare sentinel reads in Vietnamese too.
	if got := onestop.Message(onestop.ErrClosed, language.Vietnamese); got != "đã kết thúc xử lý (đã trả kết quả, bị từ chối, đã rút, đã đóng hoặc không được tiếp nhận)" {
		t.Errorf("sentinel: %q", got)
	}
}

// Intake lists at most 100 problems and counts the rest, with a correct English plural; a
// flood of bad documents costs no more than their number.
func TestIssue9IntakeCapsProblems(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	for _, tc := range []struct {
		blank      int
		more       int
		lastEn     string
		lastVi     string
		listedWant int
	}{
		{blank: 101, more: 1, lastEn: "and 1 more problem", lastVi: "và 1 lỗi khác", listedWant: 100},
		{blank: 200000, more: 199900, lastEn: "and 199900 more problems", lastVi: "và 199900 lỗi khác", listedWant: 100},
	} {
		sub := birth()
		sub.Documents = make([]string, tc.blank)
		_, err := f.office.Intake(ctx, clerk, sub)
		var ie *onestop.IntakeError
		if !errors.As(err, &ie) {
			t.Fatalf("%d blank documents: %v, want an *IntakeError", tc.blank, err)
		}
		if len(ie.Problems) != tc.listedWant || ie.More != tc.more {
			t.Errorf("%d blank documents: %d listed, %d more; want %d, %d", tc.blank, len(ie.Problems), ie.More, tc.listedWant, tc.more)
		}
		en, vi := ie.Messages(language.English), ie.Messages(language.Vietnamese)
		if got := en[len(en)-1]; got != tc.lastEn {
			t.Errorf("English count %q, want %q", got, tc.lastEn)
		}
		if got := vi[len(vi)-1]; got != tc.lastVi {
			t.Errorf("Vietnamese count %q, want %q", got, tc.lastVi)
		}
	}
}

// Personal data of a submission is never repeated in an error: the field is named, the
// value left out (logs keep errors).
func TestIssue9PersonalDataNotEchoed(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	tests := []struct {
		name  string
		mod   func(*dossier.Applicant)
		value string
	}{
		{"phone", func(a *dossier.Applicant) { a.Phone = "09123-SECRET" }, "09123-SECRET"},
		{"citizen ID", func(a *dossier.Applicant) { a.CitizenID = "0220SECRET99" }, "0220SECRET99"},
		{"e-mail", func(a *dossier.Applicant) { a.Email = "secret.person@@example" }, "secret.person@@example"},
	}
	for _, tc := range tests {
		sub := birth()
		tc.mod(&sub.Applicant)
		_, err := f.office.Intake(ctx, clerk, sub)
		if err == nil {
			t.Errorf("%s: accepted", tc.name)
			continue
		}
		for _, lang := range []language.Tag{language.English, language.Vietnamese} {
			if m := onestop.Message(err, lang); strings.Contains(m, tc.value) || strings.Contains(m, "SECRET") || strings.Contains(m, "secret") {
				t.Errorf("%s: the message repeats the value: %q", tc.name, m)
			}
		}
		var ie *onestop.IntakeError
		if errors.As(err, &ie) {
			for _, p := range ie.Problems {
				if p.Value != "" {
					t.Errorf("%s: the problem %s keeps the value %q", tc.name, p.Field, p.Value)
				}
			}
		}
	}
}

// A citizen types a code on a phone or a kiosk: small letters and spaces around it are
// read; anything else is a typed error that repeats at most 64 characters of it.
func TestIssue9LookupTypedCode(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := mustIntake(t, f, birth()).Code
	for _, typed := range []string{code, strings.ToLower(code), "  " + code + "\t", " " + strings.ToLower(code) + "\n", "\u00a0" + code} {
		st, err := f.office.Lookup(ctx, typed)
		if err != nil || st.Code != code {
			t.Errorf("Lookup(%q) = %q, %v; want %s", typed, st.Code, err, code)
		}
	}
	long := strings.Repeat("x", 10000)
	for _, tc := range []struct {
		typed string
		want  error
		echo  string
	}{
		{"  garbage ", onestop.ErrMalformedCode, `"  garbage "`},
		{long, onestop.ErrMalformedCode, strconv.Quote(strings.Repeat("x", 64) + "…")},
		{strings.ToLower(desk) + "-260310-0099", onestop.ErrNotFound, `"000.00.31.h49-260310-0099"`},
	} {
		_, err := f.office.Lookup(ctx, tc.typed)
		var ce *dossier.CodeError
		if !errors.Is(err, tc.want) || !errors.As(err, &ce) {
			t.Errorf("Lookup(%.20q): %v, want a *dossier.CodeError wrapping %v", tc.typed, err, tc.want)
			continue
		}
		for _, lang := range []language.Tag{language.English, language.Vietnamese} {
			m := onestop.Message(err, lang)
			if !strings.Contains(m, tc.echo) || len(m) > 400 {
				t.Errorf("Lookup(%.20q) in %v: %q, want the echo %s", tc.typed, lang, m, tc.echo)
			}
		}
	}
}

// A reason of only spaces is a missing reason: the Office refuses the command, prints no
// slip and changes nothing.
func TestIssue9BlankReason(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	before := events(t, f, code)
	for _, reason := range []string{"", " \t ", "\n\u00a0"} {
		tests := []struct {
			name string
			run  func() (bool, error) // whether a slip came back
		}{
			{"refuse", func() (bool, error) {
				s, err := f.office.Refuse(ctx, civil, code, reason)
				return !s.At.IsZero(), err
			}},
			{"request supplement", func() (bool, error) {
				s, err := f.office.RequestSupplement(ctx, civil, code, reason, []string{"Bản sao biên bản họp"})
				return !s.At.IsZero(), err
			}},
			{"apologise", func() (bool, error) {
				s, err := f.office.Apologise(ctx, civil, code, reason, at(16, 9, 0))
				return !s.At.IsZero(), err
			}},
		}
		for _, tc := range tests {
			slip, err := tc.run()
			var fe *onestop.FieldError
			if !errors.Is(err, onestop.ErrRequired) || !errors.Is(err, dossier.ErrRequired) || !errors.As(err, &fe) || fe.Field != "Reason" {
				t.Errorf("%s with reason %q: %v, want Reason is required", tc.name, reason, err)
			}
			if slip {
				t.Errorf("%s with reason %q gave a slip", tc.name, reason)
			}
			if got := onestop.Message(err, language.Vietnamese); got != "Lý do là bắt buộc" {
				t.Errorf("%s: Vietnamese %q", tc.name, got)
			}
		}
	}
	if diff := cmp.Diff(before, events(t, f, code)); diff != "" {
		t.Errorf("blank reasons changed the dossier (-want +got):\n%s", diff)
	}
}

// Slips and the public view name the desk and the agencies by name (from the directory),
// and a group dossier's slip shows the group, not its lead procedure's code.
func TestIssue9SlipsNameAgencies(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	res := mustIntake(t, f, birth())
	receipt := res.Receipt.Text()
	for _, want := range []string{"Bộ phận tiếp nhận: UBND đặc khu Vân Đồn (000.00.31.H49)", "Thủ tục: 1.001193 Thủ tục đăng ký khai sinh"} {
		if !strings.Contains(receipt, want) {
			t.Errorf("receipt lacks %q:\n%s", want, receipt)
		}
	}

	sub := birth()
	sub.Procedure, sub.Group = "", "khai-sinh-thuong-tru"
	sub.Documents = append(sub.Documents, "Tờ khai thay đổi thông tin cư trú")
	grp := mustIntake(t, f, sub)
	text := grp.Receipt.Text()
	if want := "Nhóm thủ tục liên thông: Liên thông đăng ký khai sinh, đăng ký thường trú (khai-sinh-thuong-tru)"; !strings.Contains(text, want) {
		t.Errorf("group receipt lacks %q:\n%s", want, text)
	}
	if strings.Contains(text, "1.001193") {
		t.Errorf("group receipt shows the lead procedure's code:\n%s", text)
	}
	h, err := f.office.Transfer(ctx, clerk, grp.Code)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, r := range h.Slip.Rows {
		rows = append(rows, r.AgencyName)
	}
	wantRows := []string{"UBND đặc khu Vân Đồn", "UBND đặc khu Vân Đồn", "Công an đặc khu Vân Đồn", "Bảo hiểm xã hội tỉnh Quảng Ninh", "UBND đặc khu Vân Đồn"}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("transfer slip names (-want +got):\n%s", diff)
	}
	if !strings.Contains(h.Slip.Text(), "3. Công an đặc khu Vân Đồn (001.00.31.H49) — đăng ký — hạn") {
		t.Errorf("transfer slip:\n%s", h.Slip.Text())
	}

	st, err := f.office.Lookup(ctx, grp.Code)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{st.Group, st.DeskName, st.AgencyName, st.HolderName, st.Steps[2].AgencyName, st.Steps[2].TaskName, st.History[0].AgencyName}
	want := []string{"khai-sinh-thuong-tru", "UBND đặc khu Vân Đồn", "UBND đặc khu Vân Đồn", "UBND đặc khu Vân Đồn",
		"Công an đặc khu Vân Đồn", "đăng ký", "UBND đặc khu Vân Đồn"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("public view names (-want +got):\n%s", diff)
	}
}

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// jsonKeys lists the object keys of a JSON document that are not snake_case, skipping the
// subtrees of the keys in skip (documents of other packages).
func jsonKeys(t *testing.T, v any, skip map[string]bool) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				if !snakeKey.MatchString(k) {
					bad = append(bad, k)
				}
				if !skip[k] {
					walk(v)
				}
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	walk(doc)
	return bad
}

// Everything the Office writes and reads as JSON has snake_case keys, as the catalog does.
func TestIssue9JSONSnakeCase(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	rec, err := f.store.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	rec.Consultations = []onestop.Consultation{{ID: 1, By: desk, Agency: police, Subject: "cư trú", Asked: at(10, 9, 0), Deadline: at(12, 9, 0)}}
	st, err := f.office.Lookup(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := f.office.Report(ctx, at(10, 0, 0), at(11, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(20, 9, 0))
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The sweep names the agency responsible, as the slips do.
	if len(alerts) != 1 || alerts[0].Kind != onestop.Overdue || alerts[0].AgencyName != "UBND đặc khu Vân Đồn" {
		t.Errorf("alerts %+v, want the overdue dossier held by UBND đặc khu Vân Đồn", alerts)
	}
	skip := map[string]bool{"dossier": true, "schedule": true, "plan": true}
	for name, v := range map[string]any{
		"record": rec, "public view": st, "notices": f.notes.Notices(), "report": rep,
		"summary": rec.Summary, "alerts": alerts, "indices": rec.Summary.Indices(),
	} {
		if bad := jsonKeys(t, v, skip); len(bad) > 0 {
			t.Errorf("%s: keys not in snake_case: %v", name, bad)
		}
	}
	// A record comes back from its JSON form equal, but for its rules (attached by the
	// Office) and the schedule's calendar.
	b, err := json.Marshal(rec.Summary)
	if err != nil {
		t.Fatal(err)
	}
	var back onestop.Summary
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rec.Summary, back); diff != "" {
		t.Errorf("summary round trip (-want +got):\n%s", diff)
	}
	var pv onestop.PublicView
	if b, err = json.Marshal(st); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pv); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, pv, cmpTimes); diff != "" {
		t.Errorf("public view round trip (-want +got):\n%s", diff)
	}
}

// cmpTimes compares times by instant.
var cmpTimes = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

// Vietnamese messages carry no English: field names, the desk's own problems and the
// reasons of a refusal at intake are all in Vietnamese.
func TestIssue9VietnameseHasNoEnglish(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	english := regexp.MustCompile(`\b(Submission|Applicant|Documents|Competent|Channel|Actor|Role|Agency|Reason|is|not|required|valid|dossier|code|counter|online|postal|officer|clerk|applicant)\b`)
	sub := birth()
	sub.Procedure, sub.Channel, sub.Locality = "", 9, "nowhere"
	sub.Applicant.CitizenID = ""
	_, err := f.office.Intake(ctx, clerk, sub)
	errs := []error{err}
	_, err = f.office.Lookup(ctx, "x")
	errs = append(errs, err)
	_, err = f.office.Lookup(ctx, desk+"-261310-0001")
	errs = append(errs, err)
	_, err = f.office.Lookup(ctx, desk+"-260310-0099")
	errs = append(errs, err)
	errs = append(errs, &onestop.ConflictError{Code: desk + "-260310-0001", Expected: 1, Actual: 2})
	_, err = f.office.Intake(ctx, civil, birth()) // an officer at the desk's intake
	errs = append(errs, err)
	_, err = f.office.Intake(ctx, dossier.Actor{ID: "c2", Role: dossier.RoleClerk, Agency: other}, birth())
	errs = append(errs, err)
	code := mustIntake(t, f, birth()).Code
	_, err = f.office.Refuse(ctx, civil, code, " \t ")
	errs = append(errs, err)
	_, err = f.office.Start(ctx, civil, code) // before the transfer
	errs = append(errs, err)
	for _, err := range errs {
		if err == nil {
			t.Error("no error")
			continue
		}
		vi := onestop.Message(err, language.Vietnamese)
		// The codes echoed are not English: drop the quoted parts first.
		bare := regexp.MustCompile(`"[^"]*"`).ReplaceAllString(vi, "")
		if w := english.FindString(bare); w != "" {
			t.Errorf("Vietnamese message has the English word %q: %s", w, vi)
		}
	}
}

// The enumerations of the Office are written by name in JSON, and read back.
func TestIssue9EnumerationsInJSON(t *testing.T) {
	type all struct {
		Outcome  onestop.Outcome   `json:"outcome"`
		Rating   onestop.Rating    `json:"rating"`
		Kind     onestop.AlertKind `json:"kind"`
		Decision onestop.Decision  `json:"decision"`
	}
	tests := []struct {
		in   all
		want string
	}{
		{all{onestop.OutcomeOpen, onestop.NotRated, onestop.AtRisk, onestop.DecisionReceive},
			`{"outcome":"open","rating":"not_rated","kind":"at_risk","decision":"receive"}`},
		{all{onestop.OutcomeWithdrawn, onestop.Dissatisfied, onestop.Overdue, onestop.DecisionRefuse},
			`{"outcome":"withdrawn","rating":"dissatisfied","kind":"overdue","decision":"refuse"}`},
		{all{onestop.OutcomeRefused, onestop.Acceptable, onestop.ApologyDue, onestop.DecisionSupplement},
			`{"outcome":"refused","rating":"acceptable","kind":"apology_due","decision":"supplement"}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, string(b)); diff != "" {
			t.Errorf("JSON (-want +got):\n%s", diff)
		}
		var back all
		if err := json.Unmarshal(b, &back); err != nil || back != tc.in {
			t.Errorf("read back %+v, %v; want %+v", back, err, tc.in)
		}
	}
	var o onestop.Outcome
	if err := json.Unmarshal([]byte(`"finished"`), &o); !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("unknown outcome: %v", err)
	}
	if _, err := json.Marshal(onestop.Rating(9)); !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("rating 9: %v", err)
	}
}

// The names of the documents and the reference of a submission are bounded texts: a NUL, a
// control character, invalid UTF-8 or a name longer than dossier.MaxDocumentLen is a typed
// problem of the submission, reported with the others, never a half-made dossier.
func TestIssue9SubmissionTexts(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	tests := []struct {
		name string
		mod  func(*onestop.Submission)
		want error
	}{
		{"NUL in a document", func(s *onestop.Submission) { s.Documents[0] += "\x00" }, dossier.ErrControl},
		{"line break in a document", func(s *onestop.Submission) { s.Documents[0] += "\nx" }, dossier.ErrControl},
		{"invalid UTF-8 in a document", func(s *onestop.Submission) { s.Documents[0] += "\xff" }, dossier.ErrEncoding},
		{"long document", func(s *onestop.Submission) { s.Documents[0] = strings.Repeat("a", dossier.MaxDocumentLen+1) }, dossier.ErrTooLong},
		{"NUL in the reference", func(s *onestop.Submission) { s.Reference = "PORTAL\x00" }, dossier.ErrControl},
		{"long reference", func(s *onestop.Submission) { s.Reference = strings.Repeat("7", dossier.MaxReferenceLen+1) }, dossier.ErrTooLong},
	}
	for _, tc := range tests {
		sub := birth()
		sub.Documents = append([]string(nil), sub.Documents...)
		tc.mod(&sub)
		_, err := f.office.Intake(ctx, clerk, sub)
		var ie *onestop.IntakeError
		if !errors.Is(err, tc.want) || !errors.As(err, &ie) {
			t.Errorf("%s: %v, want an *IntakeError with %v", tc.name, err, tc.want)
		}
	}
	// A document name exactly at the maximum is fine.
	sub := birth()
	sub.Documents = append(sub.Documents, strings.Repeat("ă", dossier.MaxDocumentLen))
	mustIntake(t, f, sub)
}

// Report figures that do not add up read in the form's words, with the figures.
func TestIssue9IdentityError(t *testing.T) {
	tests := []struct {
		c      onestop.Counts
		en, vi string
	}{
		{onestop.Counts{Received: 2, ReceivedOnline: 1},
			"total: received 2 ≠ online 1 + counter or postal 0 + carried over 0",
			"tổng cộng: số hồ sơ nhận giải quyết 2 ≠ trực tuyến 1 + trực tiếp, dịch vụ bưu chính 0 + từ kỳ trước chuyển sang 0"},
		{onestop.Counts{Received: 1, ReceivedOnline: 1, Resolved: 1, OnTime: 0},
			"total: resolved 1 ≠ early 0 + on time 0 + late 0",
			"tổng cộng: đã giải quyết 1 ≠ trước hạn 0 + đúng hạn 0 + quá hạn 0"},
	}
	for _, tc := range tests {
		err := onestop.Report{Total: tc.c}.Check()
		var ie *onestop.IdentityError
		if !errors.Is(err, onestop.ErrIdentity) || !errors.As(err, &ie) {
			t.Fatalf("Check(%+v) = %v, want an *IdentityError", tc.c, err)
		}
		if diff := cmp.Diff([]string{tc.en, tc.vi}, []string{onestop.Message(err, language.English), onestop.Message(err, language.Vietnamese)}); diff != "" {
			t.Errorf("messages (-want +got):\n%s", diff)
		}
	}
}

// Without a directory, the public view still names the competent agency by the catalog's
// name for it, when the procedure names that unit; the desk is then shown by its code.
func TestIssue9NamesFromCatalog(t *testing.T) {
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	const centre = "000.00.01.H49" // Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh
	o, err := onestop.New(onestop.Config{Desk: centre, Catalog: cat, Clock: onestop.NewFakeClock(at(10, 9, 0))})
	if err != nil {
		t.Fatal(err)
	}
	p, err := cat.Lookup("1.012784", at(10, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, d := range p.Documents {
		if d.Requirement == procedure.Required {
			docs = append(docs, d.Name)
		}
	}
	res, err := o.Intake(ctx, dossier.Actor{ID: "c", Role: dossier.RoleClerk, Agency: centre},
		onestop.Submission{Procedure: "1.012784", Channel: procedure.Counter, Applicant: person("Lê Văn Cường"), Documents: docs})
	if err != nil || res.Decision != onestop.DecisionReceive {
		t.Fatalf("intake: %v, %v", res.Decision, err)
	}
	st, err := o.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{st.Agency, st.AgencyName, st.Desk, st.DeskName}
	want := []string{"000.01.21.H49", "Văn phòng đăng ký đất đai tỉnh Quảng Ninh (và các Chi nhánh)", centre, ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

// The free texts of a consultation are bounded like the dossier's reasons: a NUL, invalid
// UTF-8 or a text longer than dossier.MaxReasonLen is a typed error and changes nothing.
func TestIssue9ConsultationTexts(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	limit := calendar.Limit{N: 2, Unit: calendar.WorkingDays}
	for _, tc := range []struct {
		name, subject string
		want          error
	}{
		{"NUL", "cư trú\x00", dossier.ErrControl},
		{"invalid UTF-8", "c\xffư trú", dossier.ErrEncoding},
		{"too long", strings.Repeat("a", dossier.MaxReasonLen+1), dossier.ErrTooLong},
	} {
		_, err := f.office.Consult(ctx, civil, code, onestop.ConsultRequest{Agency: police, Subject: tc.subject, Limit: limit})
		if !errors.Is(err, tc.want) {
			t.Errorf("subject with %s: %v, want %v", tc.name, err, tc.want)
		}
	}
	c, err := f.office.Consult(ctx, civil, code, onestop.ConsultRequest{Agency: police, Subject: "xác minh\ncư trú", Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Answer(ctx, policeman, code, c.ID, true, "đồng ý\x00"); !errors.Is(err, dossier.ErrControl) {
		t.Errorf("note with a NUL: %v", err)
	}
	if _, err := f.office.Answer(ctx, policeman, code, c.ID, true, "đồng ý;\nđã xác minh"); err != nil {
		t.Errorf("a note of two lines: %v", err)
	}
}
