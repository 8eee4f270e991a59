package httpapi_test

import (
	"context"
	"slices"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

const (
	bhxh         = "000.00.04.H49" // Bảo hiểm xã hội tỉnh Quảng Ninh (sample directory)
	keyInsurance = "khoa-bhxh-0123456789"
)

// Regression (Decree 118/2025 Art. 20(2)(b)): GET /v1/queue of each agency holding a parallel
// step lists the dossier, in a response the OpenAPI document accepts; after the police hand
// their step on, only the social insurance's queue lists it.
func TestQueueParallelSteps(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) {
		c.Keys = append(c.Keys, httpapi.NewKey("bhxh", keyInsurance,
			dossier.Actor{ID: "can-bo-bhxh-01", Role: dossier.RoleOfficer, Agency: bhxh}))
	})
	ctx := context.Background()
	g, ok := f.cat.Group("lien-thong-dien-tu-khai-sinh")
	if !ok {
		t.Fatal("no group lien-thong-dien-tu-khai-sinh in the sample catalog")
	}
	var docs []string
	for _, code := range g.Members {
		if p, err := f.cat.Lookup(code, at(10, 9, 0)); err == nil {
			for _, d := range p.Documents {
				if d.Requirement == procedure.Required {
					docs = append(docs, d.Name)
				}
			}
		}
	}
	res, err := f.office.Intake(ctx, dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk},
		onestop.Submission{Group: g.ID, Channel: procedure.Counter, Competent: desk, Documents: docs,
			Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
				Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}})
	if err != nil || res.Decision != onestop.DecisionReceive {
		t.Fatalf("intake: %v %v %v", res.Decision, res.Missing, err)
	}
	code := res.Code
	for _, c := range []struct{ cmd, key string }{{"transfer", keyClerk}, {"start", keyCivil}, {"handoff", keyCivil}, {"handoff", keyCivil}} {
		if r := f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/" + c.cmd, key: c.key}); r.status != 200 {
			t.Fatalf("%s: %d %s", c.cmd, r.status, clip(r.body))
		}
	}
	queued := func(key string) bool {
		t.Helper()
		r := f.do(request{method: "GET", path: "/v1/queue", key: key})
		var page struct {
			Dossiers []onestop.PublicView `json:"dossiers"`
		}
		r.json(t, &page)
		if r.status != 200 {
			t.Fatalf("queue: %d %s", r.status, clip(r.body))
		}
		return slices.ContainsFunc(page.Dossiers, func(v onestop.PublicView) bool { return v.Code == code })
	}
	if !queued(keyPolice) || !queued(keyInsurance) || queued(keyCivil) {
		t.Errorf("with both branches in hand: police %v, social insurance %v, desk %v; want the police and the social insurance",
			queued(keyPolice), queued(keyInsurance), queued(keyCivil))
	}
	if r := f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/handoff", key: keyPolice}); r.status != 200 {
		t.Fatalf("the police's hand-over: %d %s", r.status, clip(r.body))
	}
	if queued(keyPolice) || !queued(keyInsurance) {
		t.Errorf("after the police's hand-over: police %v, social insurance %v; want the social insurance only",
			queued(keyPolice), queued(keyInsurance))
	}
}
