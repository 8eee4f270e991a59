package onestop_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
)

// FuzzLookup: any text given as a dossier code gets a status or a *dossier.CodeError, never a
// panic; a code that parses (as typed, without the spaces around it, or in capitals) but is
// not stored is ErrNotFound, one that does not parse ErrMalformedCode.
func FuzzLookup(f *testing.F) {
	fx := newFixture(f, at(10, 9, 0))
	stored := mustIntake(f, fx, birth()).Code
	for _, s := range []string{stored, "", "x", desk + "-260310-0002", desk + "-260230-0001", desk + "-260310-0000",
		"000.00.31.h49-260310-0001", desk + "-2603100001", desk + "-260310-00011", "ØØØ.00.31.H49-260310-0001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		st, err := fx.office.Lookup(ctx, code)
		trimmed := strings.TrimSpace(code)
		if err == nil {
			if st.Code != trimmed && st.Code != strings.ToUpper(trimmed) {
				t.Fatalf("Lookup(%q) returned %q", code, st.Code)
			}
			return
		}
		var ce *dossier.CodeError
		if !errors.As(err, &ce) || ce.Code != msg.Clip(code) {
			t.Fatalf("Lookup(%q): %v is not a *dossier.CodeError for the code", code, err)
		}
		_, perr := dossier.ParseCode(trimmed)
		if perr != nil {
			_, perr = dossier.ParseCode(strings.ToUpper(trimmed))
		}
		if (perr == nil) != errors.Is(err, onestop.ErrNotFound) || (perr != nil) != errors.Is(err, onestop.ErrMalformedCode) {
			t.Fatalf("Lookup(%q): %v, parse: %v", code, err, perr)
		}
	})
}
