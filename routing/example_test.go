package routing_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// A dossier for the birth + residence + health-insurance group, received on Thursday
// 12 February 2026 at 09:10 with 3 working days: the plan skips the Tết days off
// (14–22 February) and ends exactly at the promised date.
func ExamplePlan() {
	set, dir := routing.SampleSet(), routing.SampleDirectory()
	commune, _ := procedure.ParseAgencyCode("000.00.31.H49")
	received := time.Date(2026, 2, 12, 9, 10, 0, 0, calendar.Zone())

	r, _ := set.Select(routing.Query{Procedure: "1.001193", Case: "lien-thong-dien-tu-khai-sinh", Channel: procedure.Online, Locality: commune, On: date.NewAt(received)})
	bound, _ := r.Bind(dir, commune, date.NewAt(received))
	s, err := routing.Plan(bound, received, calendar.Limit{N: 3, Unit: calendar.WorkingDays}, calendar.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range s.Steps {
		fmt.Printf("%-21s %-14s %7v  %s → %s\n", st.Step, st.Agency, st.Allotted,
			st.Start.Format("Mon 02/01 15:04"), st.Due.Format("Mon 02/01 15:04"))
	}
	// Output:
	// receive               000.00.31.H49   2h0m0s  Thu 12/02 09:10 → Thu 12/02 11:10
	// register-birth        000.00.31.H49   8h0m0s  Thu 12/02 11:10 → Fri 13/02 11:10
	// register-residence    001.00.31.H49  12h0m0s  Fri 13/02 11:10 → Mon 23/02 16:40
	// issue-insurance-card  000.00.04.H49  12h0m0s  Fri 13/02 11:10 → Mon 23/02 16:40
	// return                000.00.31.H49   2h0m0s  Mon 23/02 16:40 → Tue 24/02 09:10
}

// Both parallel branches ran over their 12 working hours: each agency must apologise for
// its own lateness.
func ExampleResponsible() {
	r, _ := routing.SampleSet().Route("birth-u6-electronic")
	cal := calendar.Default()
	at := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, calendar.Zone())
		return t
	}
	s, _ := routing.Plan(r, at("2026-02-12 09:10"), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, cal)

	p := s.Progress()
	p.Steps[0].Finished = at("2026-02-12 11:10")
	p.Steps[1].Finished = at("2026-02-13 11:10")
	p.Steps[2].Finished = at("2026-02-24 08:30") // police, due Mon 16:40
	for _, l := range routing.Responsible(s, p, at("2026-02-24 10:00")) {
		fmt.Printf("%s (%s): %v over, finished %v\n", l.Step, l.Role, l.Over, l.Finished)
	}
	// Output:
	// register-residence (commune-police): 1h20m0s over, finished true
	// issue-insurance-card (social-insurance): 2h50m0s over, finished false
}

// Civil status finished six working hours late. The promised date (re.Due) stays; the police
// and social insurance keep their full allotments, so the return is handed over after the
// promised date and gets its own two hours from then: the dossier will be late, and the
// lateness stays with civil status.
func ExampleReplan() {
	r, _ := routing.SampleSet().Route("birth-u6-paper")
	at := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, calendar.Zone())
		return t
	}
	s, _ := routing.Plan(r, at("2026-02-12 09:10"), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, calendar.Default())

	p := s.Progress()
	p.Steps[0].Finished = at("2026-02-12 11:10")
	p.Steps[1].Finished = at("2026-02-23 09:10")
	re, _ := routing.Replan(s, p, at("2026-02-23 09:10"))
	for _, st := range re.Steps {
		fmt.Printf("%-21s %s → %s\n", st.Step, st.Start.Format("Mon 02/01 15:04"), st.Due.Format("Mon 02/01 15:04"))
	}
	fmt.Println("promised", re.Due.Format("Mon 02/01 15:04"))
	fmt.Println(routing.Responsible(re, p, at("2026-02-23 09:10"))[0].Over)
	// Output:
	// receive               Thu 12/02 09:10 → Thu 12/02 11:10
	// register-birth        Thu 12/02 11:10 → Mon 23/02 09:10
	// register-residence    Mon 23/02 09:10 → Mon 23/02 16:40
	// issue-insurance-card  Mon 23/02 16:40 → Tue 24/02 14:40
	// return                Tue 24/02 14:40 → Tue 24/02 16:40
	// promised Tue 24/02 09:10
	// 6h0m0s
}

// Every problem of a route is reported at once: in English with its JSON path, in
// Vietnamese with the path in words.
func ExampleParseRoute_errors() {
	_, err := routing.ParseRoute([]byte(`{"name": "demo", "kind": "horizontal", "steps": [
		{"id": "receive", "role": "commune-desk", "task": "receive", "share": "1/4"},
		{"id": "decide", "role": "mayor", "task": "decide", "share": "1/4", "after": ["recieve"]},
		{"id": "return", "role": "commune-desk", "task": "return", "share": "half", "after": ["decide"]}]}`),
		routing.SampleDirectory())
	var ve *routing.ValidationError
	if errors.As(err, &ve) {
		for i := range ve.Problems {
			fmt.Println(ve.Messages(language.English)[i])
			fmt.Println(ve.Messages(language.Vietnamese)[i])
		}
	}
	fmt.Println(errors.Is(err, routing.ErrUnknownStep))
	// Output:
	// demo: steps[2].share "half" is not valid
	// quy trình demo: phần thời hạn của bước thứ 3 "half" không hợp lệ
	// demo: steps[1].role "mayor" is not a known role
	// quy trình demo: vai trò của bước thứ 2 "mayor" không phải là vai trò đã biết
	// demo: steps[1].after[0] "recieve" names no step of the route
	// quy trình demo: bước trước thứ 1 của bước thứ 2 "recieve" không phải là bước nào của quy trình
	// true
}

// A district code used for a date after districts were abolished is a clear error that
// names the successor.
func ExampleDirectory_Lookup() {
	dir := routing.SampleDirectory()
	district, _ := procedure.ParseAgencyCode("000.00.21.H49")
	u, _ := dir.Lookup(district, date.New(2025, 6, 30))
	fmt.Println(u.Name, u.Level)
	_, err := dir.Lookup(district, date.New(2025, 7, 1))
	fmt.Println(err)
	fmt.Println(errors.Is(err, routing.ErrAbolished))
	// Output:
	// UBND huyện Vân Đồn district
	// agency 000.00.21.H49 was abolished after 2025-06-30 (date used: 2025-07-01); succeeded by 000.00.31.H49
	// true
}
