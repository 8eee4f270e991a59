package routing

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/procedure"
)

func mk(t *testing.T, l1 string, l2, l3, l4 int) procedure.AgencyCode {
	t.Helper()
	c, err := procedure.NewAgencyCode(l1, l2, l3, l4)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDirectoryLookup(t *testing.T) {
	d := SampleDirectory()
	tests := []struct {
		name string
		code string
		on   string
		want string // unit name, or the error message
		is   error
	}{
		{"province", "000.00.00.H49", "2026-03-02", "UBND tỉnh Quảng Ninh", nil},
		{"district before the reform", "000.00.21.H49", "2025-06-30", "UBND huyện Vân Đồn", nil},
		{"district after the reform", "000.00.21.H49", "2025-07-01",
			"agency 000.00.21.H49 was abolished after 2025-06-30 (date used: 2025-07-01); succeeded by 000.00.31.H49", ErrAbolished},
		{"merged province", "000.00.00.H54", "2026-01-05",
			"agency 000.00.00.H54 was abolished after 2025-06-30 (date used: 2026-01-05); succeeded by 000.00.00.H33", ErrAbolished},
		{"new commune before it existed", "000.00.31.H49", "2025-06-30",
			"agency 000.00.31.H49 was not yet in force on 2025-06-30 (in force from 2025-07-01)", ErrNotYet},
		{"renamed: old version", "000.00.03.H49", "2025-06-30", "Cục Thuế tỉnh Quảng Ninh", nil},
		{"renamed: new version", "000.00.03.H49", "2025-07-01", "Thuế tỉnh Quảng Ninh", nil},
		{"unknown", "000.00.99.H49", "2026-03-02", "agency 000.00.99.H49 is not a known agency on 2026-03-02", ErrUnknownAgency},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := d.Lookup(code(t, tt.code), day(tt.on))
			// Level reads the same version, or fails with the same error.
			if l, lerr := d.Level(code(t, tt.code), day(tt.on)); l != u.Level || fmt.Sprintf("%#v", lerr) != fmt.Sprintf("%#v", err) {
				t.Errorf("Level = %v, %v; Lookup gives %v, %v", l, lerr, u.Level, err)
			}
			if tt.is == nil {
				if n := testing.AllocsPerRun(10, func() { _, _ = d.Level(code(t, tt.code), day(tt.on)) }); n != 0 {
					t.Errorf("Level allocates %v times, want 0", n)
				}
			}
			if tt.is == nil {
				if err != nil || u.Name != tt.want {
					t.Fatalf("Lookup = %q, %v; want %q", u.Name, err, tt.want)
				}
				return
			}
			var ae *AgencyError
			if !errors.Is(err, tt.is) || !errors.As(err, &ae) || err.Error() != tt.want {
				t.Fatalf("Lookup error = %v, want %q", err, tt.want)
			}
		})
	}
	_, err := d.Lookup(code(t, "000.00.21.H49"), day("2025-07-01"))
	var ae *AgencyError
	errors.As(err, &ae)
	if got, want := ae.Message(language.Vietnamese), "cơ quan 000.00.21.H49 đã bị bãi bỏ sau ngày 2025-06-30 (ngày sử dụng: 2025-07-01); đơn vị kế thừa: 000.00.31.H49"; got != want {
		t.Errorf("Vietnamese: %q, want %q", got, want)
	}
}

func TestDirectoryResolve(t *testing.T) {
	d := SampleDirectory()
	oldCommune, newCommune := "000.10.21.H49", "000.00.31.H49"
	tests := []struct {
		role     Function
		locality string
		on       string
		want     string // agency code, or the error message
		is       error
	}{
		{"civil-status", oldCommune, "2025-06-30", oldCommune, nil},
		{"commune-police", oldCommune, "2025-06-30", "001.10.21.H49", nil},
		{"district-desk", oldCommune, "2025-06-30", "000.02.21.H49", nil},
		{"tax-authority", oldCommune, "2025-06-30", "000.03.21.H49", nil},            // district tax sub-department
		{"social-insurance", oldCommune, "2025-06-30", "000.04.21.H49", nil},         // district social insurance
		{"land-registration-office", oldCommune, "2025-06-30", "000.00.02.H49", nil}, // up to the province
		{"civil-status", newCommune, "2025-07-01", newCommune, nil},
		{"commune-police", newCommune, "2026-03-02", "001.00.31.H49", nil},
		{"tax-authority", newCommune, "2026-03-02", "000.00.03.H49", nil},
		{"household-business-registration", newCommune, "2026-03-02", newCommune, nil},
		{"civil-status", oldCommune, "2025-07-01",
			"agency 000.10.21.H49 was abolished after 2025-06-30 (date used: 2025-07-01); succeeded by 000.00.31.H49", ErrAbolished},
		{"district-desk", newCommune, "2026-03-02",
			"role district-desk for 000.00.31.H49 has no agency on 2026-03-02", ErrNoAgency},
	}
	for _, tt := range tests {
		u, err := d.Resolve(tt.role, code(t, tt.locality), day(tt.on))
		if tt.is == nil {
			if err != nil || u.Code.String() != tt.want {
				t.Errorf("Resolve(%s, %s, %s) = %s, %v; want %s", tt.role, tt.locality, tt.on, u.Code, err, tt.want)
			}
			continue
		}
		if !errors.Is(err, tt.is) || err.Error() != tt.want {
			t.Errorf("Resolve(%s, %s, %s) error = %v; want %q", tt.role, tt.locality, tt.on, err, tt.want)
		}
	}
}

func TestAgencyErrorVietnamese(t *testing.T) {
	d := SampleDirectory()
	tests := []struct {
		err  error
		want string
	}{
		{func() error {
			_, err := d.Resolve("district-desk", code(t, "000.00.31.H49"), day("2026-03-02"))
			return err
		}(),
			"vai trò district-desk tại 000.00.31.H49 không có cơ quan nào vào ngày 2026-03-02"},
		{func() error { _, err := d.Lookup(code(t, "000.00.31.H49"), day("2025-06-30")); return err }(),
			"cơ quan 000.00.31.H49 chưa có hiệu lực vào ngày 2025-06-30 (hiệu lực từ 2025-07-01)"},
		{func() error { _, err := d.Lookup(code(t, "000.00.99.H49"), day("2026-03-02")); return err }(),
			"cơ quan 000.00.99.H49 không phải là cơ quan đã biết vào ngày 2026-03-02"},
	}
	for _, tt := range tests {
		var ae *AgencyError
		if !errors.As(tt.err, &ae) || ae.Message(language.Vietnamese) != tt.want {
			t.Errorf("Message(language.Vietnamese) = %q, want %q", ae.Message(language.Vietnamese), tt.want)
		}
	}
}

func TestDirectoryValidation(t *testing.T) {
	js := `{"units": [
		{"code": "000.00.00.H49", "name": "A", "level": "province"},
		{"code": "000.00.00.H49", "name": "A again", "level": "province", "from": "2020-01-01"},
		{"code": "000.00.01.H49", "name": "", "level": "county", "parent": "000.00.09.H49", "from": "2025-07-01", "until": "2025-01-01"},
		{"code": "H49", "name": "B", "level": "commune", "successor": "000.00.08.H49", "from": "1st May"}
	]}`
	_, err := ParseDirectory([]byte(js))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ParseDirectory = %v", err)
	}
	want := []string{
		`directory: units[2].level "county" is not valid`,
		`directory: units[3].code "H49" is not valid`,
		`directory: units[3].from "1st May" is not valid`,
	}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Errorf("decoding problems (-want +got):\n%s", diff)
	}
	_, err = NewDirectory([]Entry{
		{Code: code(t, "000.00.00.H49"), Name: "A", Level: procedure.Province},
		{Code: code(t, "000.00.00.H49"), Name: "A again", Level: procedure.Province, From: day("2020-01-01")},
		{Code: code(t, "000.00.01.H49"), Level: 9, Parent: code(t, "000.00.09.H49"), From: day("2025-07-01"), Until: day("2025-01-01")},
		{Name: "B", Level: procedure.Commune, Successor: code(t, "000.00.08.H49"), Functions: []Function{""}},
	})
	if !errors.As(err, &ve) {
		t.Fatalf("NewDirectory = %v", err)
	}
	want = []string{
		`directory: units[1].code "000.00.00.H49" is used more than once`,
		`directory: units[2].name is required`,
		`directory: units[2].level "9" is not valid`,
		`directory: units[2].until "2025-01-01" is not valid`,
		`directory: units[3].code is required`,
		`directory: units[3].roles[0] is required`,
		`directory: units[2].parent "000.00.09.H49" is not a known agency`,
		`directory: units[3].successor "000.00.08.H49" is not a known agency`,
	}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Errorf("validation problems (-want +got):\n%s", diff)
	}
	_, err = NewDirectory([]Entry{
		{Code: code(t, "000.00.00.H49"), Name: "A", Level: procedure.Province, Parent: code(t, "000.00.01.H49")},
		{Code: code(t, "000.00.01.H49"), Name: "B", Level: procedure.District, Parent: code(t, "000.00.00.H49")},
		{Code: code(t, "000.00.02.H49"), Name: "C", Level: procedure.Commune, Parent: code(t, "000.00.01.H49")},
	})
	if !errors.As(err, &ve) {
		t.Fatalf("NewDirectory = %v", err)
	}
	want = []string{
		`directory: units[0].parent "000.00.01.H49" is part of a cycle`,
		`directory: units[1].parent "000.00.00.H49" is part of a cycle`,
	}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Errorf("parent cycle (-want +got):\n%s", diff)
	}
	if _, err := ParseDirectory([]byte(`{"units": [`)); !errors.Is(err, ErrSyntax) {
		t.Errorf("bad JSON: %v", err)
	}
}

func TestDirectoryJSONRoundTrip(t *testing.T) {
	d := SampleDirectory()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := ParseDirectory(b)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d.Entries(), d2.Entries()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Entries returns copies.
	us := d.Entries()
	us[0].Functions[0] = "changed"
	if d.Entries()[0].Functions[0] == "changed" {
		t.Error("Entries shares its slices with the directory")
	}
}
