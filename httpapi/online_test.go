package httpapi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// TestOnlineSubmissionOverHTTP: an online dossier received by the system, accepted by the
// desk, resolved, returned and assessed by the applicant; the evaluation counts it.
func TestOnlineSubmissionOverHTTP(t *testing.T) {
	f := newFixture(t, nil)
	sub := onestop.Submission{Procedure: "1.001193", Channel: procedure.Online, Competent: desk, Reference: "CDV-0001",
		Submitted: at(10, 8, 30),
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 3", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Documents: f.required("1.001193")}
	b, err := json.Marshal(sub)
	if err != nil {
		t.Fatal(err)
	}
	// Only the desk's clerks, or a portal with an applicant key, record online submissions.
	for _, key := range []string{keyOtherClerk, keyCivil} {
		if res := f.do(request{method: "POST", path: "/v1/online-submissions", key: key, body: string(b)}); res.status != http.StatusForbidden {
			t.Fatalf("received with another actor: %d %s", res.status, res.body)
		}
	}
	res := f.do(request{method: "POST", path: "/v1/online-submissions", key: keyCitizen, body: string(b)})
	if res.status != http.StatusCreated {
		t.Fatalf("receive online: %d %s", res.status, res.body)
	}
	var p onestop.Pending
	res.json(t, &p)
	if p.Reference != "CDV-0001" || res.header.Get("Location") != "/v1/online-submissions/CDV-0001" {
		t.Fatalf("pending %+v, Location %q", p, res.header.Get("Location"))
	}
	if res := f.do(request{method: "POST", path: "/v1/online-submissions", key: keyCitizen, body: string(b)}); res.status == http.StatusCreated {
		t.Fatal("the same reference received twice")
	}

	f.clock.Set(at(10, 9, 30))
	if res := f.do(request{method: "POST", path: "/v1/online-submissions/CDV-0001/acceptance", key: keyCitizen}); res.status != http.StatusForbidden {
		t.Fatalf("accepted by an applicant: %d %s", res.status, res.body)
	}
	if res := f.do(request{method: "POST", path: "/v1/online-submissions/CDV-9999/acceptance", key: keyClerk}); res.status != http.StatusNotFound {
		t.Fatalf("an unknown reference: %d %s", res.status, res.body)
	}
	res = f.do(request{method: "POST", path: "/v1/online-submissions/CDV-0001/acceptance", key: keyClerk})
	if res.status != http.StatusCreated {
		t.Fatalf("accept: %d %s", res.status, res.body)
	}
	var ir onestop.IntakeResult
	res.json(t, &ir)
	if ir.Code == "" || !strings.HasSuffix(res.header.Get("Location"), ir.Code) {
		t.Fatalf("accepted: %+v", ir)
	}
	for i, s := range []struct{ path, key, body string }{
		{"transfer", keyClerk, ""},
		{"start", keyCivil, ""},
		{"result", keyCivil, ""},
		{"return", keyClerk, ""},
		{"assessment", keyCitizen, `{"time":"satisfied","information":"acceptable","attitude":"satisfied","agencies":1,"contacts":0,"channel":"cổng dịch vụ công"}`},
	} {
		f.clock.Set(at(10, 10, 10*i))
		res := f.do(request{method: "POST", path: "/v1/dossiers/" + ir.Code + "/" + s.path, key: s.key, body: s.body})
		if res.status/100 != 2 {
			t.Fatalf("%s: %d %s", s.path, res.status, res.body)
		}
	}
	res = f.do(request{method: "GET", path: "/v1/evaluation?from=2026-03-01&to=2026-04-01", key: keyClerk})
	if res.status != 200 || !strings.Contains(string(res.body), `"online"`) {
		t.Fatalf("evaluation: %d %s", res.status, clip(res.body))
	}
	if res := f.do(request{method: "GET", path: "/v1/evaluation?from=2026-03-01&to=2026-04-01", key: keyCitizen}); res.status != http.StatusForbidden {
		t.Fatalf("evaluation for an applicant: %d", res.status)
	}
}
