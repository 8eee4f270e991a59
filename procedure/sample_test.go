package procedure

import (
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
)

// TestSample: the embedded sample catalog loads and validates, has at least 30 procedures
// across the seven fields of the domain notes and the three local levels, and includes
// same-day and inter-agency procedures and groups.
func TestSample(t *testing.T) {
	c, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	codes := map[NationalCode]bool{}
	sectors := map[Sector]bool{}
	levels := map[Level]bool{}
	sameDay, inter := 0, 0
	for _, p := range c.Procedures() {
		codes[p.Code] = true
		sectors[p.Sector] = true
		for _, l := range p.Levels {
			levels[l] = true
		}
		if p.SameDay != nil {
			sameDay++
		}
		if p.InterAgency {
			inter++
		}
	}
	if len(codes) < 30 {
		t.Errorf("%d procedure codes, want at least 30", len(codes))
	}
	for _, s := range []Sector{Justice, Land, Construction, Business, Culture, Labour, Environment} {
		if !sectors[s] {
			t.Errorf("no procedure in sector %s", s)
		}
	}
	for _, l := range []Level{Commune, District, Province} {
		if !levels[l] {
			t.Errorf("no procedure at level %s", l)
		}
	}
	if sameDay == 0 || inter == 0 || len(c.Groups()) == 0 {
		t.Errorf("same-day %d, inter-agency %d, groups %d: want some of each", sameDay, inter, len(c.Groups()))
	}
	t.Logf("%d versions of %d codes; %d same-day, %d inter-agency, %d groups", c.Len(), len(codes), sameDay, inter, len(c.Groups()))
}

// TestSampleFacts checks published facts the package handles specially.
func TestSampleFacts(t *testing.T) {
	c, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	vn := calendar.Zone()
	// Certification of copies: district and commune until 2025-06-30, commune only after.
	for _, tt := range []struct {
		at      time.Time
		version int
	}{
		{time.Date(2025, 6, 30, 23, 59, 0, 0, vn), 1},
		{time.Date(2025, 7, 1, 0, 0, 0, 0, vn), 2},
	} {
		p, err := c.Lookup("2.000815", tt.at)
		if err != nil || p.Version != tt.version {
			t.Errorf("Lookup(2.000815, %v) = %v, %v; want version %d", tt.at, p, err, tt.version)
		}
	}
	// 1.5 working days (published for 1.013097) is 12 working hours.
	p, err := c.Lookup("1.013097", time.Date(2025, 8, 1, 9, 0, 0, 0, vn))
	if err != nil {
		t.Fatal(err)
	}
	if l, err := p.Limit(Counter, ""); err != nil || l != (calendar.Limit{N: 12, Unit: calendar.WorkingHours}) {
		t.Errorf("1.013097 limit %v, %v", l, err)
	}
	// Birth registration is same-day and found by a search without diacritics.
	found := false
	for _, p := range c.Search("dang ky khai sinh", time.Date(2025, 8, 1, 9, 0, 0, 0, vn)) {
		if p.Code == "1.001193" {
			found = p.SameDay != nil
		}
	}
	if !found {
		t.Error(`"dang ky khai sinh" does not find the same-day 1.001193`)
	}
	if len(c.GroupsOf("1.001193")) == 0 {
		t.Error("1.001193 is in no inter-agency group")
	}
}
