package onestop_test

import (
	"strings"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// Decree 118/2025 Art. 28: the Office issues a single procedure's code under the competent
// agency's identifier, and an inter-agency group's under the receiving desk's when submitted
// on paper and the National Public Service Portal's when submitted online
// (dossier.Dossier.CodeUnit), each from the identifier's own daily sequence.
func TestIssue11CodeIdentifier(t *testing.T) {
	const portal = "000.00.00.G22" // an illustrative identifier: the portal's is not in a text read
	p := dossier.DefaultPolicy(dossier.Decree118)
	p.PortalUnit = portal
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &p})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{clock: onestop.NewFakeClock(at(10, 9, 0)), notes: new(onestop.Recorder), store: onestop.NewMemStore()}
	f.office, err = onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Rules: rules, Routes: testRoutes(t),
		Directory: routing.SampleDirectory(), Store: f.store, Clock: f.clock, Notifier: f.notes})
	if err != nil {
		t.Fatal(err)
	}
	sub := birth()
	sub.Competent = "000.10.21.H49"
	single := mustIntake(t, f, sub)
	group := birth()
	group.Procedure, group.Group = "", "khai-sinh-thuong-tru"
	group.Documents = append(group.Documents, "Tờ khai thay đổi thông tin cư trú")
	paper := mustIntake(t, f, group)
	group.Channel = procedure.Online
	online := mustIntake(t, f, group)
	got := []string{single.Code, paper.Code, online.Code}
	want := []string{"000.10.21.H49-260310-0001", desk + "-260310-0001", portal + "-260310-0001"}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Fatalf("codes %v, want %v (single, group on paper, group online)", got, want)
		}
	}
}
