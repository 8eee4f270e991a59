package pgstore

import (
	"context"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// BenchmarkDecodeRecord decodes the columns of one record (a birth registration received and
// transferred, its log of three events) as Get reads them: with the column sweep (the dossier
// and its log in binary), and as a row written before migration 004 (the record's JSON and
// the log's JSON).
func BenchmarkDecodeRecord(b *testing.B) {
	ctx := context.Background()
	cat, err := procedure.Sample()
	if err != nil {
		b.Fatal(err)
	}
	mem := onestop.NewMemStore()
	clock := onestop.NewFakeClock(time.Date(2026, 3, 10, 8, 0, 0, 0, calendar.Zone()))
	o, err := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Store: mem, Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	p, err := cat.Lookup("1.001193", clock.Now())
	if err != nil {
		b.Fatal(err)
	}
	var docs []string
	for _, d := range p.Documents {
		if d.Requirement == procedure.Required {
			docs = append(docs, d.Name)
		}
	}
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}
	res, err := o.Intake(ctx, clerk, onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Competent: "000.00.31.H49", Documents: docs})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
		b.Fatal(err)
	}
	rec, err := mem.Get(ctx, res.Code)
	if err != nil {
		b.Fatal(err)
	}
	r, err := encode(rec)
	if err != nil {
		b.Fatal(err)
	}
	_, events, err := r.newEvents(0)
	if err != nil {
		b.Fatal(err)
	}
	log := []byte{'['}
	for i, e := range events {
		if i > 0 {
			log = append(log, ',')
		}
		log = append(log, e...)
	}
	log = append(log, ']')
	b.Run("Binary", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeRecord(2, r.seq, r.record, r.public, r.sweep, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("JSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeRecord(2, r.seq, r.record, r.public, nil, log); err != nil {
				b.Fatal(err)
			}
		}
	})
}
