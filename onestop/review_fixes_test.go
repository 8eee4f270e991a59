package onestop_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"golang.org/x/text/language"
)

// Regression: intake stopped at the first problem, so a missing competent agency hid the
// applicant's errors. Every problem of a submission comes at once, each naming its field, in
// English and Vietnamese.
func TestIntakeReportsEveryProblem(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Competent, sub.Applicant.CitizenID, sub.Applicant.Name = "", "", ""
	sub.Applicant.Phone = "12"
	sub.Documents = append(sub.Documents, " ")
	_, err := f.office.Intake(ctx, clerk, sub)
	var ie *onestop.IntakeError
	if !errors.As(err, &ie) {
		t.Fatalf("Intake: %v, want an *IntakeError", err)
	}
	var fields []string
	for _, p := range ie.Problems {
		fields = append(fields, p.Field)
	}
	wantFields := []string{"Submission.Applicant.citizen_id", "Submission.Applicant.name", "Submission.Applicant.phone",
		"Submission.Documents[2]", "Submission.Competent"}
	if diff := cmp.Diff(wantFields, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	en := []string{
		"Submission.Applicant.citizen_id is required",
		"Submission.Applicant.name is required",
		"Submission.Applicant.phone is not valid", // personal data: the field alone is named
		"Submission.Documents[2] is required",
		"Submission.Competent is required",
	}
	vi := []string{
		"Người nộp hồ sơ (số định danh cá nhân) là bắt buộc",
		"Người nộp hồ sơ (họ tên) là bắt buộc",
		"Người nộp hồ sơ (số điện thoại) không hợp lệ",
		"Thành phần hồ sơ [2] là bắt buộc",
		"Cơ quan có thẩm quyền là bắt buộc",
	}
	if diff := cmp.Diff(en, ie.Messages(language.English)); diff != "" {
		t.Errorf("English (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(vi, ie.Messages(language.Vietnamese)); diff != "" {
		t.Errorf("Vietnamese (-want +got):\n%s", diff)
	}
	if got := onestop.Message(err, language.Vietnamese); got != strings.Join(vi, "; ") {
		t.Errorf("Message: %q", got)
	}
	// Each problem stays testable on its own.
	if !errors.Is(err, onestop.ErrRequired) || !errors.Is(err, dossier.ErrRequired) || !errors.Is(err, dossier.ErrInvalid) {
		t.Errorf("errors.Is does not see every problem: %v", err)
	}
	// Problems of the request itself come together too: no procedure, a bad channel, a bad
	// locality.
	sub = birth()
	sub.Procedure, sub.Channel, sub.Locality = "", 9, "nowhere"
	_, err = f.office.Intake(ctx, clerk, sub)
	if !errors.As(err, &ie) || len(ie.Problems) != 3 {
		t.Fatalf("Intake: %v, want three problems", err)
	}
	if !errors.Is(err, onestop.ErrRequired) || !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("sentinels: %v", err)
	}
	var n int
	f.store.Scan(ctx, func(onestop.Record) bool { n++; return true })
	if n != 0 || len(f.notes.Notices()) != 0 {
		t.Errorf("bad submissions stored %d dossiers and sent %d notices", n, len(f.notes.Notices()))
	}
}

// Regression: messages echoed input of any length, and a malformed code's message repeated
// the code twice. Messages repeat at most 64 runes of a value, then "…", and a code once.
func TestMessagesClipLongInput(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	long := strings.Repeat("ư", 100<<10)
	check := func(name string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", name)
			return
		}
		for _, lang := range []language.Tag{language.English, language.Vietnamese} {
			m := onestop.Message(err, lang)
			if len([]rune(m)) > 600 || !strings.Contains(m, strings.Repeat("ư", 64)+"…") || strings.Contains(m, strings.Repeat("ư", 65)) ||
				strings.Count(m, strings.Repeat("ư", 64)) != 1 {
				t.Errorf("%s in %d: %d runes: %.160q…", name, lang, len([]rune(m)), m)
			}
		}
	}
	_, err := f.office.Lookup(ctx, long)
	check("lookup of a long code", err)
	_, err = f.office.Transfer(ctx, clerk, long+"-260310-0001")
	check("transfer of a long code", err)
	sub := birth()
	sub.Procedure = long
	_, err = f.office.Intake(ctx, clerk, sub)
	check("intake of a long procedure code", err)
	sub = birth()
	sub.Competent = long
	_, err = f.office.Intake(ctx, clerk, sub)
	check("intake of a long competent agency", err)
	sub = birth()
	sub.Applicant.Phone = long
	_, err = f.office.Intake(ctx, clerk, sub)
	// A phone number is personal data: it is not repeated at all.
	for _, lang := range []language.Tag{language.English, language.Vietnamese} {
		if m := onestop.Message(err, lang); err == nil || strings.Contains(m, "ưư") {
			t.Errorf("intake of a long phone number in %v: %.160q", lang, m)
		}
	}
	check("conflict", &onestop.ConflictError{Code: long})
	check("notify", &onestop.NotifyError{Code: long, Err: errors.New("timeout")})
	// A short value is not touched, and a malformed code appears once.
	_, err = f.office.Lookup(ctx, "x")
	if got := onestop.Message(err, language.English); got != `dossier code "x" is not of the form <unit>-YYMMDD-NNNN` {
		t.Errorf("short code: %q", got)
	}
	// The typed error keeps the whole value for programs.
	var fe *onestop.FieldError
	if !errors.As(err, new(*dossier.CodeError)) {
		t.Errorf("lookup: %T", err)
	}
	sub = birth()
	sub.Competent = long
	if _, err := f.office.Intake(ctx, clerk, sub); !errors.As(err, &fe) || fe.Value != long {
		t.Errorf("the field error does not keep the value whole")
	}
}
