package dossier

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// golden compares text with testdata/slips/name.txt (rewritten with -update).
func golden(t *testing.T, name, text string) {
	t.Helper()
	path := filepath.Join("testdata", "slips", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), text); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

func TestSlips(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	for name, f := range map[string]func() error{
		"supplement": func() error { _, err := d.SupplementSlip(); return err },
		"refusal":    func() error { _, err := d.RefusalSlip(); return err },
		"apology":    func() error { _, err := d.ApologySlip(); return err },
	} {
		if err := f(); !errors.Is(err, ErrNoSlip) {
			t.Errorf("%s slip before its event: %v", name, err)
		}
	}
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Giấy chứng sinh là bản chụp, không rõ nét",
		Attachments: []string{"Bản chính giấy chứng sinh"}}, at("2025-03-05 10:00"))
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen, Attachments: []string{"Bản chính giấy chứng sinh"}}, at("2025-03-06 08:00"))
	mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-10 16:00"))
	mustApply(t, d, Command{Kind: SendBack, Actor: officerB, Reason: "Thiếu ý kiến thẩm định"}, at("2025-03-11 08:00"))
	mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-11 10:00"))
	mustApply(t, d, Command{Kind: Apologise, Actor: officerB, Reason: "Cần xác minh nơi cư trú", Due: at("2025-03-20 17:00")}, at("2025-03-12 09:00"))
	mustApply(t, d, Command{Kind: Refuse, Actor: officerB, Reason: "Người yêu cầu không thuộc diện đăng ký tại địa phương"}, at("2025-03-19 15:00"))
	now := at("2025-03-19 15:00")

	receipt, err := d.ReceiptSlip()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "receipt", receipt.Text())
	supp, err := d.SupplementSlip()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "supplement", supp.Text())
	transfer, err := d.TransferSlip()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "transfer", transfer.Text())
	apology, err := d.ApologySlip()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "apology", apology.Text())
	refusal, err := d.RefusalSlip()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "refusal", refusal.Text())
	control, err := d.ControlSlip(now)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "control", control.Text())

	// The control slip as data: the desk, the first agency, the send-back and the second try.
	want := []Verdict{OnTime, Early, Early, Late, Late}
	var got []Verdict
	for _, r := range control.Rows {
		got = append(got, r.Verdict)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
	var notes []CommandKind
	for _, r := range control.Rows {
		notes = append(notes, r.Note)
	}
	if diff := cmp.Diff([]CommandKind{Transfer, Handoff, SendBack, Handoff, Refuse}, notes); diff != "" {
		t.Error(diff)
	}
}

func TestJudge(t *testing.T) {
	due := at("2025-03-11 09:10")
	cases := []struct {
		done, now string
		want      Verdict
	}{
		{"", "2025-03-11 09:10", Running},
		{"", "2025-03-11 09:11", Late},
		{"2025-03-10 17:00", "2025-03-12 00:00", Early},
		{"2025-03-11 07:30", "2025-03-12 00:00", OnTime},
		{"2025-03-11 09:10", "2025-03-12 00:00", OnTime},
		{"2025-03-11 09:11", "2025-03-12 00:00", Late},
	}
	for _, c := range cases {
		var done time.Time
		if c.done != "" {
			done = at(c.done)
		}
		if got := Judge(due, done, at(c.now)); got != c.want {
			t.Errorf("done %q now %q: %v, want %v", c.done, c.now, got, c.want)
		}
	}
}

// A route planned by routing becomes the transfer's steps, and the dossier's progress tells
// routing who is late.
func TestRoutingBridge(t *testing.T) {
	set, dir := routing.SampleSet(), routing.SampleDirectory()
	commune, err := procedure.ParseAgencyCode("000.00.31.H49")
	if err != nil {
		t.Fatal(err)
	}
	received := at("2026-02-12 09:10")
	route, err := set.Select(routing.Query{Procedure: "1.001193", Case: "lien-thong-dien-tu-khai-sinh", Channel: procedure.Online, Locality: commune, On: date.NewAt(received)})
	if err != nil {
		t.Fatal(err)
	}
	bound, err := route.Bind(dir, commune, date.NewAt(received))
	if err != nil {
		t.Fatal(err)
	}
	limit := calendar.Limit{N: 3, Unit: calendar.WorkingDays}
	plan, err := routing.Plan(bound, received, limit, testRules().Calendar())
	if err != nil {
		t.Fatal(err)
	}
	steps := StepsFrom(plan)
	if len(steps) != len(plan.Steps) || steps[0].ID != plan.Steps[0].Step || steps[0].Agency != plan.Steps[0].Agency.String() {
		t.Fatalf("steps %+v", steps)
	}
	in := testIntake(procedure.Online, limit)
	in.Desk, in.Agency = commune.String(), commune.String()
	d, err := testRules().Open(in, citizen, received)
	if err != nil {
		t.Fatal(err)
	}
	desk := Actor{ID: "c", Role: RoleClerk, Agency: commune.String()}
	mustApply(t, d, Command{Kind: Receive, Actor: desk, Code: Code{Unit: commune.String(), Date: date.NewAt(received), Seq: 1}, Due: plan.Due}, received)
	mustApply(t, d, Command{Kind: Transfer, Actor: desk, Steps: steps}, received)
	first := Actor{ID: "o", Role: RoleOfficer, Agency: steps[0].Agency}
	mustApply(t, d, Command{Kind: Start, Actor: first}, received)
	// The first step overruns its allotment by a day.
	late := steps[0].Due.Add(24 * time.Hour)
	mustApply(t, d, Command{Kind: Handoff, Actor: first}, late)
	resp := routing.Responsible(plan, d.Progress(), late)
	if len(resp) == 0 || resp[0].Step != steps[0].ID {
		t.Fatalf("responsible %+v", resp)
	}
	if h, ok := d.Holder(); !ok || h.ID != steps[1].ID {
		t.Fatalf("holder %+v", h)
	}
}

// The dossier's applicant is the intake's, held once; a dossier built by hand without one
// still prints its header.
func TestApplicantShared(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	if d.Applicant != &d.Events[0].Intake.Applicant {
		t.Fatal("applicant copied from the intake")
	}
	if h := (&Dossier{Desk: desk}).header(); h.Applicant != "" || h.Desk != desk {
		t.Fatalf("header %+v", h)
	}
}

// Regression (issue 9): slips named desks and agencies by code only, and a group dossier's
// slip showed its lead procedure's code beside the group's name. With the names filled in
// (the onestop Office fills them from its directory), a slip shows "name (code)", and a
// group dossier shows the group.
func TestSlipNames(t *testing.T) {
	h := Header{CodeText: "000.00.31.H49-260310-0001", Desk: "000.00.31.H49", DeskName: "UBND đặc khu Vân Đồn",
		Applicant: "Nguyễn Văn An", Procedure: ProcedureRef{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh"}}
	group := h
	group.Group, group.Procedure.Case, group.Procedure.Name = "khai-sinh-thuong-tru", "khai-sinh-thuong-tru", "Liên thông đăng ký khai sinh, đăng ký thường trú"
	noNames := h
	noNames.DeskName = ""
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, zone())
	tests := []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{"receipt", ReceiptSlip{Header: h, Received: at, Due: at}.Text(),
			[]string{"Bộ phận tiếp nhận: UBND đặc khu Vân Đồn (000.00.31.H49)\n", "Thủ tục: 1.001193 Thủ tục đăng ký khai sinh\n"}, nil},
		{"receipt without names", ReceiptSlip{Header: noNames, Received: at, Due: at}.Text(),
			[]string{"Bộ phận tiếp nhận: 000.00.31.H49\n"}, nil},
		{"group receipt", ReceiptSlip{Header: group, Received: at, Due: at}.Text(),
			[]string{"Nhóm thủ tục liên thông: Liên thông đăng ký khai sinh, đăng ký thường trú (khai-sinh-thuong-tru)\n"},
			[]string{"1.001193", "Thủ tục:"}},
		{"supplement", SupplementSlip{Header: h, Agency: "001.00.31.H49", AgencyName: "Công an đặc khu Vân Đồn", At: at}.Text(),
			[]string{"Cơ quan yêu cầu: Công an đặc khu Vân Đồn (001.00.31.H49)\n"}, nil},
		{"refusal", RefusalSlip{Header: h, Agency: "000.00.31.H49", AgencyName: "UBND đặc khu Vân Đồn", At: at, Reason: "r"}.Text(),
			[]string{"Cơ quan: UBND đặc khu Vân Đồn (000.00.31.H49)\n"}, nil},
		{"apology", ApologySlip{Header: h, Agency: "001.00.31.H49", AgencyName: "Công an đặc khu Vân Đồn", At: at}.Text(),
			[]string{"Cơ quan: Công an đặc khu Vân Đồn (001.00.31.H49)\n"}, nil},
		{"transfer", TransferSlip{Header: h, At: at, Due: at, Rows: []TransferRow{
			{Step: "1", Agency: "001.00.31.H49", AgencyName: "Công an đặc khu Vân Đồn", Task: "register", TaskName: "đăng ký", Due: at},
			{Step: "2", Agency: "000.00.04.H49", Task: "issue", Due: at}}}.Text(),
			[]string{"1. Công an đặc khu Vân Đồn (001.00.31.H49) — đăng ký", "2. 000.00.04.H49 — issue"}, []string{"register"}},
		{"control", ControlSlip{Header: h, Due: at, Rows: []ControlRow{{Agency: "000.00.31.H49", AgencyName: "UBND đặc khu Vân Đồn", From: at, Due: at}}}.Text(),
			[]string{"1. UBND đặc khu Vân Đồn (000.00.31.H49) | nhận"}, nil},
	}
	for _, tc := range tests {
		var missing, unwanted []string
		for _, w := range tc.want {
			if !strings.Contains(tc.text, w) {
				missing = append(missing, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(tc.text, w) {
				unwanted = append(unwanted, w)
			}
		}
		if diff := cmp.Diff([]string(nil), append(missing, unwanted...)); diff != "" {
			t.Errorf("%s: missing or unwanted text (-want +got):\n%s\n%s", tc.name, diff, tc.text)
		}
	}
}

// Regression (issue 9): slips had no JSON names; they are written in snake_case, with the
// verdicts by name.
func TestSlipJSON(t *testing.T) {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, zone())
	slip := ControlSlip{Header: Header{Desk: "000.00.31.H49", DeskName: "UBND đặc khu Vân Đồn"}, Due: at,
		Rows: []ControlRow{{Agency: "000.00.31.H49", From: at, Due: at, Verdict: OnTime, Note: Transfer}}, Verdict: Early}
	b, err := json.Marshal(slip)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"desk_name":"UBND đặc khu Vân Đồn"`, `"verdict":"on_time"`, `"verdict":"early"`, `"note":"transfer"`, `"rows":[`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
	var back ControlSlip
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Verdict != Early || back.Rows[0].Verdict != OnTime || back.Rows[0].Note != Transfer {
		t.Errorf("read back %+v", back)
	}
}
