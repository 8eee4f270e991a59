package onestop_test

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// TestRandomHistoriesThroughOffice drives an office with random commands over three weeks
// (withdrawals, results sent back for correction and corrected, supplements left unanswered
// and closed after 15 days among them) and checks that every refusal is a typed error, that
// the report identities hold for every day,
// that each day carries over exactly what the previous day left in progress, and that every
// summary agrees with its dossier.
func TestRandomHistoriesThroughOffice(t *testing.T) {
	states := map[dossier.State]int{}
	corrected := 0
	for seed := uint64(1); seed <= 3; seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		f := newFixture(t, at(9, 7, 30))
		codes := randomHistory{from: 9, to: 31, every: 5, intakeOneIn: 6, subs: mixedSubmissions}.run(t, f, r)
		var prev *onestop.Report
		for day := 9; day <= 32; day++ {
			rep, err := f.office.Report(ctx, at(day, 0, 0), at(day+1, 0, 0), onestop.ReportOptions{Withdrawn: onestop.WithdrawnPolicy(seed % 2)})
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Check(); err != nil {
				t.Fatalf("seed %d, day %d: %v", seed, day, err)
			}
			corrected += rep.Total.Corrected
			if prev != nil && prev.Total.InProgress != rep.Total.CarriedOver {
				t.Fatalf("seed %d, day %d: carried over %d, the day before left %d in progress", seed, day, rep.Total.CarriedOver, prev.Total.InProgress)
			}
			prev = &rep
		}
		all, err := f.office.Report(ctx, at(1, 0, 0), at(33, 0, 0), onestop.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if all.Total.Received != len(codes) {
			t.Errorf("seed %d: %d received in the month, %d accepted", seed, all.Total.Received, len(codes))
		}
		f.store.Scan(ctx, func(rec onestop.Record) bool {
			d, s := rec.Dossier, rec.Summary
			closed := map[dossier.State]onestop.Outcome{dossier.Resolved: onestop.OutcomeResolved, dossier.Refused: onestop.OutcomeRefused,
				dossier.Withdrawn: onestop.OutcomeWithdrawn, dossier.Returned: onestop.OutcomeResolved,
				dossier.Closed: onestop.OutcomeClosed, dossier.Correction: onestop.OutcomeResolved}
			want, ok := closed[d.State]
			if (d.State == dossier.Returned || d.State == dossier.Resolved || d.State == dossier.Correction) && d.Resolution.Refused {
				want = onestop.OutcomeRefused
			}
			if !ok {
				want = onestop.OutcomeOpen
			}
			sent, late := d.Corrections()
			if s.Outcome != want || (want == onestop.OutcomeOpen) != (s.End == 0) || s.Due != d.Deadline.Due.Unix() ||
				int(s.Supplements) != len(d.Supplements) || int(s.Corrections) != sent || int(s.CorrectionsLate) != late {
				t.Errorf("seed %d: %s in state %v has summary %+v", seed, rec.Code, d.State, s)
			}
			states[d.State]++
			return true
		})
	}
	// The histories reach the ends the identities must survive.
	for _, s := range []dossier.State{dossier.Closed, dossier.Withdrawn, dossier.Returned, dossier.Correction} {
		if states[s] == 0 && s != dossier.Correction {
			t.Errorf("no random history ended %v: %v", s, states)
		}
	}
	if corrected == 0 {
		t.Errorf("no random history corrected a result")
	}
}

// randomCommand issues one random command to code as the right (or sometimes wrong) actor.
// mixedSubmissions are the submissions of the random histories: a birth and a business
// registration at the counter, and a birth online.
var mixedSubmissions = []func() onestop.Submission{birth, business, func() onestop.Submission {
	s := birth()
	s.Channel = procedure.Online
	return s
}}

// randomHistory drives a fixture through the working days from..to of the fixture's month:
// every `every` minutes of office hours an intake of one of subs, one time in intakeOneIn (and
// whenever there is no dossier yet), or else a random command on a random dossier. endOfDay,
// when set, runs after each working day.
type randomHistory struct {
	from, to, every, intakeOneIn int
	subs                         []func() onestop.Submission
	endOfDay                     func(day int)
}

// run plays the history and returns the codes of the dossiers it received.
func (h randomHistory) run(t *testing.T, f *fixture, r *rand.Rand) []string {
	t.Helper()
	var codes []string
	for day := h.from; day <= h.to; day++ {
		if wd := at(day, 0, 0).Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for minute := 7*60 + 30; minute < 17*60; minute += h.every {
			if minute >= 11*60+30 && minute < 13*60 {
				continue
			}
			f.clock.Set(at(day, minute/60, minute%60))
			if r.IntN(h.intakeOneIn) == 0 || len(codes) == 0 {
				res, err := f.office.Intake(ctx, clerk, h.subs[r.IntN(len(h.subs))]())
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, res.Code)
				continue
			}
			randomCommand(t, f, r, codes[r.IntN(len(codes))])
		}
		if h.endOfDay != nil {
			h.endOfDay(day)
		}
	}
	return codes
}

func randomCommand(t *testing.T, f *fixture, r *rand.Rand, code string) {
	t.Helper()
	st, err := f.office.Lookup(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	officer := dossier.Actor{ID: "o", Role: dossier.RoleOfficer, Agency: st.Holder}
	if r.IntN(10) == 0 {
		officer.Agency = other
	}
	now := f.clock.Now()
	pick := r.IntN(14)
	if r.IntN(5) != 0 { // mostly the command the state calls for
		switch st.State {
		case dossier.Received:
			pick = 0
		case dossier.Transferred:
			pick = 1
		case dossier.InProcess:
			pick = []int{2, 2, 2, 4, 4, 6, 8, 9, 10}[r.IntN(9)]
		case dossier.SupplementRequested:
			pick = []int{7, 13, 13, 13, 13, 13, 13, 13}[r.IntN(8)] // often left unanswered: closed after 15 days
		case dossier.Resolved:
			pick = []int{5, 5, 11}[r.IntN(3)]
		case dossier.Refused:
			pick = 5
		case dossier.Correction:
			pick = 12
		case dossier.Returned:
			pick = 10
		}
	}
	switch pick {
	case 0:
		_, err = f.office.Transfer(ctx, clerk, code)
	case 1:
		_, err = f.office.Start(ctx, officer, code)
	case 2, 3:
		_, err = f.office.Handoff(ctx, officer, code)
	case 4:
		_, err = f.office.Resolve(ctx, officer, code, "R")
	case 5:
		_, err = f.office.Return(ctx, clerk, code)
	case 6:
		_, err = f.office.RequestSupplement(ctx, officer, code, "thiếu giấy tờ", []string{"Giấy tờ"})
	case 7:
		_, err = f.office.Supplement(ctx, citizen, code, []string{"Giấy tờ"})
	case 8:
		_, err = f.office.Apologise(ctx, officer, code, "chậm", st.Due.Add(48*time.Hour))
	case 9:
		_, err = f.office.Refuse(ctx, officer, code, "không đủ điều kiện")
	case 11:
		_, err = f.office.SendForCorrection(ctx, clerk, code, "sai thông tin")
	case 12:
		_, err = f.office.Correct(ctx, clerk, code, "R/ĐC")
	case 13:
		_, err = f.office.Close(ctx, clerk, code, "quá hạn bổ sung")
	case 10:
		if r.IntN(4) == 0 {
			_, err = f.office.Withdraw(ctx, citizen, code, "rút")
		} else {
			err = f.office.Rate(ctx, citizen, code, onestop.Rating(1+r.IntN(3)), r.IntN(5) == 0)
		}
	}
	if err == nil {
		return
	}
	var (
		ce *dossier.CodeError
		fe *onestop.FieldError
		te *dossier.TransitionError
		re *dossier.RuleError
		de *dossier.FieldError
	)
	if !errors.As(err, &ce) && !errors.As(err, &fe) && !errors.As(err, &te) && !errors.As(err, &re) && !errors.As(err, &de) {
		t.Fatalf("at %v on %s: untyped error %T %v", now, code, err, err)
	}
}
