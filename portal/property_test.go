package portal_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
	"github.com/motcua-go/motcua/procedure"
)

// TestReplayGivesLookupsStatus drives the desk with random commands over two weeks, delivers
// the records through a portal that refuses some and sees others twice (at-least-once
// delivery), and checks for every dossier that the portal ends with the status Lookup gives,
// that the records replayed are those Rebuild makes from the store, and that each dossier's
// records arrive in the order of its log.
func TestReplayGivesLookupsStatus(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		r := rand.New(rand.NewPCG(seed, 15))
		m := newModel()
		var order []portal.Message
		sender := portal.SenderFunc(func(_ context.Context, msg portal.Message) error {
			if r.IntN(5) == 0 {
				return errors.New("portal busy")
			}
			m.applyMessage(msg)
			order = append(order, msg)
			if r.IntN(4) == 0 { // the acknowledgement was lost: the portal sees it again
				m.applyMessage(msg)
			}
			return nil
		})
		w := newWorld(t, sender)
		w.clock.Set(at(9, 7, 30))
		var codes []string
		subs := []string{"1.001193", "1.004873", "1.001612"}
		for day := 9; day <= 20; day++ {
			if wd := at(day, 0, 0).Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			for minute := 7*60 + 30; minute < 17*60; minute += 10 {
				if minute >= 11*60+30 && minute < 13*60 {
					continue
				}
				w.clock.Set(at(day, minute/60, minute%60))
				if r.IntN(5) == 0 || len(codes) == 0 {
					p := subs[r.IntN(len(subs))]
					ch := procedure.Counter
					if r.IntN(3) == 0 {
						ch = procedure.Online
					}
					res, err := w.office.Intake(ctx, clerk, onestop.Submission{Procedure: p, Channel: ch,
						Applicant: person("received"), Competent: desk, Documents: w.required(p, w.clock.Now())})
					if err != nil {
						t.Fatal(err)
					}
					codes = append(codes, res.Code)
					continue
				}
				randomCommand(t, w, r, codes[r.IntN(len(codes))])
				if r.IntN(8) == 0 {
					if _, err := w.office.Deliver(ctx, 1+r.IntN(20)); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		w.deliverAll()
		for _, code := range codes {
			view, err := w.office.Lookup(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.dossiers[code].status; got != itoa(int(view.National)) {
				t.Fatalf("seed %d, %s: the portal shows %q, Lookup %d (%s)", seed, code, got, view.National, view.State)
			}
			// What was delivered is what Rebuild makes from the store.
			key, err := w.office.Store().Get(ctx, storedKey(t, code))
			if err != nil {
				t.Fatal(err)
			}
			rebuilt := w.pub.Rebuild(key, true)
			var delivered []portal.Message
			last := 0
			for _, msg := range order {
				if msg.Code != code {
					continue
				}
				if msg.Seq < last {
					t.Fatalf("seed %d, %s: %s delivered after sequence %d", seed, code, msg.Key(), last)
				}
				last = msg.Seq
				delivered = append(delivered, msg)
			}
			var finalDossier *portal.DossierRecord
			var progress []string
			for _, msg := range delivered {
				if msg.Dossier != nil {
					finalDossier = msg.Dossier
				} else {
					progress = append(progress, msg.Key())
				}
			}
			if diff := cmp.Diff(rebuilt[0].Dossier, finalDossier); diff != "" {
				t.Fatalf("seed %d, %s: the last dossier record delivered and Rebuild's (-rebuilt +delivered):\n%s", seed, code, diff)
			}
			var want []string
			for _, msg := range rebuilt[1:] {
				want = append(want, msg.Key())
			}
			if diff := cmp.Diff(want, progress); diff != "" {
				t.Fatalf("seed %d, %s: progress records (-rebuilt +delivered):\n%s", seed, code, diff)
			}
			if diff := cmp.Diff(want, m.progress[code]); diff != "" {
				t.Fatalf("seed %d, %s: the portal's progress (-rebuilt +portal):\n%s", seed, code, diff)
			}
		}
	}
}

// storedKey is the stored form of a printed code.
func storedKey(t testing.TB, code string) string {
	c, err := dossier.ParseCode(code)
	if err != nil {
		t.Fatal(err)
	}
	return c.String()
}

// randomCommand applies one command to the dossier, mostly one its state calls for.
func randomCommand(t *testing.T, w *world, r *rand.Rand, code string) {
	t.Helper()
	st, err := w.office.Lookup(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	officer := dossier.Actor{ID: "can-bo-" + st.Holder, Role: dossier.RoleOfficer, Agency: st.Holder}
	o := w.office
	pick := r.IntN(14)
	if r.IntN(5) != 0 {
		switch st.State {
		case dossier.Received:
			pick = 0
		case dossier.Transferred:
			pick = 1
		case dossier.InProcess:
			pick = []int{2, 2, 2, 4, 4, 6, 8, 9, 11, 12}[r.IntN(10)]
		case dossier.SupplementRequested:
			pick = []int{7, 7, 13}[r.IntN(3)]
		case dossier.Resolved, dossier.Refused:
			pick = []int{5, 5, 5, 10}[r.IntN(4)]
		case dossier.Correction:
			pick = 3
		}
	}
	switch pick {
	case 0:
		_, err = o.Transfer(ctx, clerk, code)
	case 1:
		_, err = o.Start(ctx, officer, code)
	case 2:
		_, err = o.Handoff(ctx, officer, code)
	case 3:
		_, err = o.Correct(ctx, officer, code, "R2")
	case 4:
		_, err = o.Resolve(ctx, officer, code, "R")
	case 5:
		_, err = o.Return(ctx, clerk, code)
	case 6:
		_, err = o.RequestSupplement(ctx, officer, code, "thiếu giấy tờ", []string{"Giấy tờ"})
	case 7:
		_, err = o.Supplement(ctx, citizen, code, []string{"Giấy tờ"})
	case 8:
		_, err = o.Apologise(ctx, officer, code, "chậm", st.Due.Add(48*time.Hour))
	case 9:
		_, err = o.Refuse(ctx, officer, code, "không đủ điều kiện")
	case 10:
		_, err = o.SendForCorrection(ctx, clerk, code, "sai tên")
	case 11:
		_, err = o.Withdraw(ctx, citizen, code, "rút")
	case 12:
		err = o.Rate(ctx, citizen, code, onestop.Satisfied, false)
	case 13:
		_, err = o.Close(ctx, clerk, code, "")
	}
	_ = err // refusals are onestop's to test; the portal follows what was written
}
