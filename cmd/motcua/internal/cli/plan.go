package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// sampleLocality is the applicant's commune plan binds the sample routes to when --locality
// is not given and the sample directory is used: the Vân Đồn special zone of Quảng Ninh from
// 2025-07-01, its commune Đông Xá before.
func sampleLocality(on date.Date) string {
	if on >= date.New(2025, time.July, 1) {
		return "000.00.31.H49"
	}
	return "000.10.21.H49"
}

func runPlan(e *env, args []string) error {
	f := newFlags(e, "plan", "",
		e.t("Hạn trả kết quả của một hồ sơ và kế hoạch liên thông: từng bước với cơ quan, nhiệm vụ, thời gian\n"+
			"được giao và hạn của bước. Thủ tục một cơ quan có một bước (cơ quan có thẩm quyền). Dữ liệu mẫu\n"+
			"mặc định; --catalog, --routes, --directory, --calendar cho dữ liệu của bạn. Không có --locality,\n"+
			"với danh bạ mẫu, hồ sơ thuộc đặc khu Vân Đồn (000.00.31.H49; trước 2025-07-01: xã Đông Xá).\n"+
			"Tệp --routes: {\"routes\": [tuyến…], \"rules\": [quy tắc…], \"default\": \"tên tuyến\"}, mỗi tuyến và\n"+
			"quy tắc như routing.ParseRoute và routing.ParseRules đọc.",
			"The due time of a dossier and its route plan: each step with its agency, task, allotted time\n"+
				"and deadline. A single-agency procedure has one step (its competent agency). Sample data by\n"+
				"default; --catalog, --routes, --directory, --calendar for your own. Without --locality, with the\n"+
				"sample directory, the applicant lives in the Vân Đồn special zone (000.00.31.H49; before\n"+
				"2025-07-01: Đông Xá commune). A --routes file: {\"routes\": [route…], \"rules\": [rule…],\n"+
				"\"default\": \"route name\"}, each route and rule as routing.ParseRoute and routing.ParseRules read them."),
		"  motcua plan --procedure 1.012787 --received 2026-02-11T09:00:00+07:00 --channel online\n"+
			"  motcua plan --procedure 1.001193 --received 2026-03-10T15:30:00+07:00")
	code := f.String("procedure", "", e.t("mã thủ tục, ví dụ 1.012787", "procedure code, e.g. 1.012787"))
	received := f.String("received", "", e.t("thời điểm tiếp nhận, RFC 3339", "receipt instant, RFC 3339"))
	channel := f.String("channel", "counter", e.t("kênh nộp: counter (trực tiếp), online (trực tuyến) hoặc postal (bưu chính)", "channel: counter, online or postal"))
	caseID := f.String("case", "", e.t("trường hợp của thủ tục (mã trường hợp)", "case of the procedure (its ID)"))
	locality := f.String("locality", "", e.t("mã cơ quan (QCVN 102) của xã/phường nơi người nộp cư trú", "agency code (QCVN 102) of the applicant's commune"))
	catPath := f.String("catalog", "", e.t("tệp hoặc thư mục danh mục (mặc định: danh mục mẫu)", "catalog file or folder (default: the sample catalog)"))
	routesPath := f.String("routes", "", e.t("tệp tuyến liên thông và quy tắc chọn tuyến (mặc định: tuyến mẫu)", "file of routes and selection rules (default: the sample routes)"))
	dirPath := f.String("directory", "", e.t("tệp danh bạ cơ quan (như routing.ParseDirectory đọc; mặc định: danh bạ mẫu)", "directory of agencies (as routing.ParseDirectory reads it; default: the sample directory)"))
	calPath := f.String("calendar", "", e.t("tệp lịch nghỉ (CSV hoặc JSON) thêm vào lịch mặc định", "schedule file of days off (CSV or JSON) added to the default calendar"))
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.noArgs(); err != nil {
		return err
	}
	if *code == "" {
		return usagef("thiếu --procedure (mã thủ tục, ví dụ 1.012787)", "--procedure is required (a procedure code, e.g. 1.012787)")
	}
	at, err := instantFlag("received", *received)
	if err != nil {
		return err
	}
	var ch procedure.Channel
	if err := ch.UnmarshalText([]byte(*channel)); err != nil {
		return usagef("--channel %s: chỉ nhận counter, online hoặc postal", "--channel %s: only counter, online or postal", msg.Quote(*channel))
	}
	day := date.NewAt(at)
	var loc procedure.AgencyCode
	if *locality != "" {
		if loc, err = procedure.ParseAgencyCode(*locality); err != nil {
			return usagef("--locality %s không phải mã cơ quan QCVN 102 (ví dụ 000.00.31.H49)", "--locality %s is not a QCVN 102 agency code (e.g. 000.00.31.H49)", msg.Quote(*locality))
		}
	}
	cal, err := calendarFor(*calPath, calendar.WorkingTime)
	if err != nil {
		return err
	}
	cat, err := catalogFor(*catPath)
	if err != nil {
		return err
	}
	dir := routing.SampleDirectory()
	if *dirPath != "" {
		data, err := readData("directory", *dirPath)
		if err != nil {
			return err
		}
		if dir, err = routing.ParseDirectory(data); err != nil {
			return fail(err, "danh bạ "+msg.Quote(*dirPath), "directory "+msg.Quote(*dirPath))
		}
	} else if loc.IsZero() {
		loc, _ = procedure.ParseAgencyCode(sampleLocality(day))
	}
	set := routing.SampleSet()
	if *routesPath != "" {
		data, err := readData("routes", *routesPath)
		if err != nil {
			return err
		}
		if set, err = parseRoutes(data, dir); err != nil {
			return fail(err, "tệp tuyến "+msg.Quote(*routesPath), "routes file "+msg.Quote(*routesPath))
		}
	}

	p, err := cat.Lookup(procedure.NationalCode(*code), at)
	if err != nil {
		return fail(err, "", "")
	}
	limit, err := p.Limit(ch, *caseID)
	if err != nil {
		return fail(err, "", "")
	}
	due, err := p.Due(cal, at, ch, *caseID)
	if err != nil {
		return fail(err, "", "")
	}
	if due.Year() > 9999 {
		return beyond9999()
	}

	type stepOut struct {
		Step       string   `json:"step"`
		Task       string   `json:"task"`
		TaskName   string   `json:"task_name"`
		Agency     string   `json:"agency,omitempty"`
		AgencyName string   `json:"agency_name,omitempty"`
		Role       string   `json:"role,omitempty"`
		After      []string `json:"after,omitempty"`
		Allotted   string   `json:"allotted,omitempty"`
		Start      string   `json:"start"`
		Due        string   `json:"due"`
	}
	type planOut struct {
		Procedure string    `json:"procedure"`
		Version   int       `json:"version"`
		Name      string    `json:"name"`
		Channel   string    `json:"channel"`
		Case      string    `json:"case,omitempty"`
		Received  string    `json:"received"`
		Limit     string    `json:"limit"`
		LimitText string    `json:"limit_text"`
		SameDay   string    `json:"same_day,omitempty"`
		Due       string    `json:"due"`
		Route     string    `json:"route,omitempty"`
		Title     string    `json:"route_title,omitempty"`
		Locality  string    `json:"locality,omitempty"`
		Steps     []stepOut `json:"steps"`
	}
	out := planOut{Procedure: string(p.Key()), Version: p.Version, Name: p.Name, Channel: ch.String(), Case: *caseID,
		Received: stamp(at), Limit: limit.String(), LimitText: limit.Text(e.lang), Due: stamp(due)}
	if c, ok := p.Cutoff(); ok {
		out.SameDay = c.String()
	}

	route, err := pickRoute(set, p, routing.Query{Procedure: string(p.Code), Case: *caseID, Channel: ch, Locality: loc, On: day})
	if err != nil {
		return err
	}
	if route == nil {
		out.Steps = []stepOut{{Step: "1", Task: routing.Decide.String(), TaskName: routing.Decide.Name(e.lang),
			Agency: p.CompetentAgency.Code.String(), AgencyName: p.CompetentAgency.Name, Start: stamp(at), Due: stamp(due)}}
		return writeJSON(e, out)
	}
	if loc.IsZero() {
		loc = p.CompetentAgency.Code
	}
	if loc.IsZero() {
		return usagef("tuyến %s cần --locality (mã xã/phường của người nộp) để tìm cơ quan của từng bước", "route %s needs --locality (the applicant's commune) to find each step's agency", msg.Quote(route.Name()))
	}
	bound, err := route.Bind(dir, loc, day)
	if err != nil {
		return fail(err, "tuyến "+msg.Quote(route.Name()), "route "+msg.Quote(route.Name()))
	}
	sched, err := routing.Plan(bound, at, limit, cal)
	if err != nil {
		return fail(err, "", "")
	}
	out.Route, out.Title, out.Locality = route.Name(), route.Spec().Title, loc.String()
	after := map[string][]string{}
	for _, st := range bound.Steps() {
		after[st.ID] = st.After
	}
	for i, st := range sched.Steps {
		sdue := st.Due
		// The last step ends at the due time, and no step after it (a same-day procedure
		// keeps its same-day due time whatever the shares say), as package onestop plans.
		if sdue.After(due) || i == len(sched.Steps)-1 {
			sdue = due
		}
		start := st.Start
		if start.After(sdue) {
			start = sdue
		}
		s := stepOut{Step: st.Step, Task: st.Task.String(), TaskName: st.Task.Name(e.lang), Role: string(st.Role),
			After: after[st.Step], Allotted: st.Allotted.String(), Start: stamp(start), Due: stamp(sdue)}
		if !st.Agency.IsZero() {
			s.Agency = st.Agency.String()
			if en, err := dir.Lookup(st.Agency, day); err == nil {
				s.AgencyName = en.Name
			}
		}
		out.Steps = append(out.Steps, s)
	}
	return writeJSON(e, out)
}

// pickRoute chooses the route as package onestop does: the first selection rule that matches,
// else the route the procedure names; none (nil) for a single-agency procedure.
func pickRoute(set *routing.Set, p *procedure.Procedure, q routing.Query) (*routing.Route, error) {
	r, err := set.Select(q)
	if err == nil {
		return r, nil
	}
	if !errors.Is(err, routing.ErrNoRoute) {
		return nil, fail(err, "", "")
	}
	if p.Route != "" {
		if r, ok := set.Route(p.Route); ok {
			return r, nil
		}
		return nil, failf("thủ tục %s cần tuyến liên thông %s, không có trong tệp tuyến", "procedure %s names the route %s, which the routes do not have", p.Key(), msg.Quote(p.Route))
	}
	if p.InterAgency {
		return nil, fail(err, "", "")
	}
	return nil, nil
}

// parseRoutes reads a routes file: {"routes": [route, …], "rules": [rule, …], "default": "…"}.
// Every route's problems are reported, each after the route's place in the file.
func parseRoutes(data []byte, dir *routing.Directory) (*routing.Set, error) {
	var doc struct {
		Routes  []json.RawMessage `json:"routes"`
		Rules   json.RawMessage   `json:"rules"`
		Default string            `json:"default"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, failf("không phải JSON dạng {\"routes\": […], \"rules\": […], \"default\": \"…\"}", "is not JSON of the form {\"routes\": […], \"rules\": […], \"default\": \"…\"}")
	}
	var routes []*routing.Route
	var errs []error
	for i, raw := range doc.Routes {
		r, err := routing.ParseRoute(raw, dir)
		if err != nil {
			errs = append(errs, fail(err, fmt.Sprintf("tuyến thứ %d", i+1), fmt.Sprintf("routes[%d]", i)))
			continue
		}
		routes = append(routes, r)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	rulesDoc := []byte(`{"rules": [], "default": ""}`)
	if len(doc.Rules) > 0 || doc.Default != "" {
		rules := doc.Rules
		if len(bytes.TrimSpace(rules)) == 0 {
			rules = []byte("[]")
		}
		def, _ := json.Marshal(doc.Default)
		rulesDoc = []byte(`{"rules": ` + string(rules) + `, "default": ` + string(def) + `}`)
	}
	rules, err := routing.ParseRules(rulesDoc)
	if err != nil {
		return nil, err
	}
	return routing.NewSet(routes, rules)
}
