package portal_test

import (
	"context"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
)

// BenchmarkPublish is the cost the publisher adds to a command: the group dossier's last
// hand-over (a log of 8 events, a route of 4 steps), its records built and encoded.
func BenchmarkPublish(b *testing.B) {
	w := newWorld(b, portal.SenderFunc(func(context.Context, portal.Message) error { return nil }))
	w.quickstart()
	rec, err := w.store.Get(ctx, storedKey(b, w.codes["group"]))
	if err != nil {
		b.Fatal(err)
	}
	d := rec.Dossier
	before := *d
	before.Events = d.Events[:len(d.Events)-1]
	before.State = before.Events[len(before.Events)-1].To
	c := onestop.Change{Before: &before, Record: rec, Events: d.Events[len(d.Events)-1:],
		Actor: dossier.Actor{ID: "x", Role: dossier.RoleOfficer}, At: d.Events[len(d.Events)-1].At}
	b.ReportAllocs()
	for b.Loop() {
		if len(w.pub.Publish(c)) == 0 {
			b.Fatal("no record")
		}
	}
}
