package portal_test

import (
	"context"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
	"github.com/motcua-go/motcua/procedure"
)

// An online dossier waiting for the desk's acceptance (filed under onestop.PendingKey) has no
// record for the portal: its records start with the acceptance, under its code, as a new
// dossier; one withdrawn before acceptance never has any. Reconcile counts an accepted one
// once, not again under the key it waited in.
func TestOnlineDossierFromAcceptance(t *testing.T) {
	var got []portal.Message
	w := newWorld(t, portal.SenderFunc(func(_ context.Context, m portal.Message) error {
		got = append(got, m)
		return nil
	}))
	w.clock.Set(at(10, 8, 0))
	sub := func(ref string) onestop.Submission {
		return onestop.Submission{Procedure: "1.001193", Channel: procedure.Online, Reference: ref, Submitted: at(10, 7, 55),
			Applicant: person("online"), Competent: desk, Documents: w.required("1.001193", at(10, 8, 0))}
	}
	if _, err := w.office.ReceiveOnline(ctx, sub("G22.99-260310-0001")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.office.ReceiveOnline(ctx, sub("G22.99-260310-0002")); err != nil {
		t.Fatal(err)
	}
	w.clock.Set(at(10, 8, 30))
	if _, err := w.office.Withdraw(ctx, citizen, onestop.PendingKey("G22.99-260310-0002"), "nộp nhầm"); err != nil {
		t.Fatal(err)
	}
	w.deliverAll()
	if len(got) != 0 {
		t.Fatalf("records before acceptance: %+v", got)
	}
	w.clock.Set(at(10, 9, 0))
	res, err := w.office.Accept(ctx, clerk, "G22.99-260310-0001", onestop.Review{})
	if err != nil || res.Decision != onestop.DecisionReceive {
		t.Fatalf("Accept: %+v, %v", res, err)
	}
	w.clock.Set(at(10, 9, 5))
	// A command given with the key the dossier waited in reaches its coded record.
	if _, err := w.office.Transfer(ctx, clerk, onestop.PendingKey("G22.99-260310-0001")); err != nil {
		t.Fatal(err)
	}
	w.deliverAll()
	if len(got) != 2 || got[0].Code != res.Code || got[0].Updating || got[0].Dossier.TrangThaiHoSo != "2" ||
		got[1].Code != res.Code || !got[1].Updating {
		t.Fatalf("records after acceptance: %+v", got)
	}
	rec, err := portal.Reconcile(ctx, w.store, desk, []portal.Held{{Code: res.Code, Status: int(dossier.StatusReceived)}})
	if err != nil || rec.Matched != 1 || len(rec.Missing)+len(rec.OutOfDate)+len(rec.Unknown) != 0 {
		t.Fatalf("Reconcile: %+v, %v", rec, err)
	}
}
