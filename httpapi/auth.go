package httpapi

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
)

// Key is one client of the API: its name (for the log, never the key), the SHA-256 of its
// API key, and the actor its requests act as.
type Key struct {
	Client string
	Hash   [sha256.Size]byte
	Actor  dossier.Actor
}

// NewKey returns the Key of a client whose API key is secret.
func NewKey(client, secret string, actor dossier.Actor) Key {
	return Key{Client: client, Hash: sha256.Sum256([]byte(secret)), Actor: actor}
}

// MaxKeys is the most clients a key file may list.
const MaxKeys = 10000

// ParseKeys reads a key file: a JSON object listing the clients, each with its name, the
// hexadecimal SHA-256 of its API key (so that the file holds no key: `printf %s "$KEY" |
// sha256sum`) and its actor, e.g.
//
//	{"clients": [
//	  {"client": "quay-1", "sha256": "9f86d0…", "actor": {"id": "cb-tiep-nhan-01", "role": "clerk", "agency": "000.00.31.H49"}},
//	  {"client": "tu-phap", "sha256": "…", "actor": {"id": "cong-chuc-01", "role": "officer", "agency": "000.00.31.H49"}}
//	]}
//
// An actor of role clerk or officer needs its agency's QCVN 102 code. Two clients may not
// share a name or a key. Unknown fields are refused.
func ParseKeys(data []byte) ([]Key, error) {
	var file struct {
		Clients []struct {
			Client string        `json:"client"`
			SHA256 string        `json:"sha256"`
			Actor  dossier.Actor `json:"actor"`
		} `json:"clients"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("key file: %s", msg.Clip(err.Error()))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("key file: data after the JSON object")
	}
	if len(file.Clients) > MaxKeys {
		return nil, fmt.Errorf("key file: %d clients, at most %d", len(file.Clients), MaxKeys)
	}
	keys := make([]Key, 0, len(file.Clients))
	names := make(map[string]bool)
	hashes := make(map[[sha256.Size]byte]bool)
	for i, c := range file.Clients {
		at := fmt.Sprintf("key file: clients[%d]", i)
		if strings.TrimSpace(c.Client) == "" {
			return nil, errors.New(at + ": client is required")
		}
		if names[c.Client] {
			return nil, fmt.Errorf("%s: client %s is listed twice", at, msg.Quote(c.Client))
		}
		h, err := hex.DecodeString(c.SHA256)
		if err != nil || len(h) != sha256.Size {
			return nil, errors.New(at + ": sha256 is not 64 hexadecimal digits")
		}
		k := Key{Client: c.Client, Actor: c.Actor}
		copy(k.Hash[:], h)
		if hashes[k.Hash] {
			return nil, errors.New(at + ": the same key as another client")
		}
		switch c.Actor.Role {
		case dossier.RoleClerk, dossier.RoleOfficer:
			if !dossier.ValidUnitCode(c.Actor.Agency) {
				return nil, fmt.Errorf("%s: actor.agency %s is not a QCVN 102 unit code", at, msg.Quote(c.Actor.Agency))
			}
		case dossier.RoleApplicant:
		default:
			return nil, errors.New(at + ": actor.role must be clerk, officer or applicant")
		}
		if strings.TrimSpace(c.Actor.ID) == "" {
			return nil, errors.New(at + ": actor.id is required")
		}
		names[c.Client], hashes[k.Hash] = true, true
		keys = append(keys, k)
	}
	return keys, nil
}

// authenticate finds the key of the request's bearer token. It hashes the token and
// compares the hash with every key's, in constant time and without stopping at a match, so
// that neither the key's length nor its place in the list shows in the time taken.
func (s *Server) authenticate(r *http.Request) (Key, bool) {
	token, ok := bearer(r.Header.Get("Authorization"))
	if !ok {
		return Key{}, false
	}
	sum := sha256.Sum256([]byte(token))
	found := -1
	for i := range s.keys {
		if subtle.ConstantTimeCompare(sum[:], s.keys[i].Hash[:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return Key{}, false
	}
	return s.keys[found], true
}

// bearer returns the token of an "Authorization: Bearer <token>" header (the scheme in any
// case, RFC 9110 §11.1).
func bearer(h string) (string, bool) {
	const scheme = "bearer "
	if len(h) <= len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return "", false
	}
	t := strings.TrimSpace(h[len(scheme):])
	return t, t != ""
}
