package httpapi_test

import (
	"strings"
	"testing"

	"github.com/motcua-go/motcua/httpapi"
)

func TestParseKeys(t *testing.T) {
	const h1 = "ac5db698f630871a4473621bf024390318c307f1c5f57441a899848516b21341"
	const h2 = "4ee73fe27b79e17d513c59f0e4fc0697b1d8b8924dc94a78f20b1069ed0003d0"
	clerk := `"actor": {"id": "a", "role": "clerk", "agency": "000.00.31.H49"}`
	for _, c := range []struct {
		name, file, want string // want: "" for a file that is read, else part of the error
	}{
		{"two clients", `{"clients": [{"client": "a", "sha256": "` + h1 + `", ` + clerk + `}, {"client": "b", "sha256": "` + h2 + `", "actor": {"id": "p", "role": "applicant"}}]}`, ""},
		{"no client", `{"clients": []}`, ""},
		{"a name twice", `{"clients": [{"client": "a", "sha256": "` + h1 + `", ` + clerk + `}, {"client": "a", "sha256": "` + h2 + `", ` + clerk + `}]}`, "listed twice"},
		{"a key twice", `{"clients": [{"client": "a", "sha256": "` + h1 + `", ` + clerk + `}, {"client": "b", "sha256": "` + h1 + `", ` + clerk + `}]}`, "same key"},
		{"no name", `{"clients": [{"sha256": "` + h1 + `", ` + clerk + `}]}`, "client is required"},
		{"short hash", `{"clients": [{"client": "a", "sha256": "abcd", ` + clerk + `}]}`, "64 hexadecimal"},
		{"a clerk without agency", `{"clients": [{"client": "a", "sha256": "` + h1 + `", "actor": {"id": "a", "role": "clerk"}}]}`, "QCVN 102"},
		{"no role", `{"clients": [{"client": "a", "sha256": "` + h1 + `", "actor": {"id": "a"}}]}`, "role must be"},
		{"an unknown role", `{"clients": [{"client": "a", "sha256": "` + h1 + `", "actor": {"id": "a", "role": "admin"}}]}`, "key file"},
		{"no actor id", `{"clients": [{"client": "a", "sha256": "` + h1 + `", "actor": {"role": "applicant"}}]}`, "actor.id"},
		{"the key itself", `{"clients": [{"client": "a", "key": "secret", ` + clerk + `}]}`, "unknown field"},
		{"trailing data", `{"clients": []} {}`, "after the JSON"},
		{"not JSON", `clients: []`, "key file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := httpapi.ParseKeys([]byte(c.file))
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one with %q", err, c.want)
			}
		})
	}
}
