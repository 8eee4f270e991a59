package astro

import (
	"math"
	"testing"
	"time"
)

// Meeus example 49.a: the new moon of 1977 February, k = −283, JDE 2443192.65118
// = 1977 Feb 18 03:37:42 TD.
func TestNewMoonMeeus49a(t *testing.T) {
	got := NewMoon(-283)
	if want := 2443192.65118; math.Abs(got-want) > 0.00001 {
		t.Errorf("NewMoon(-283) = %.5f, want %.5f", got, want)
	}
}

// Meeus example 25.b: 1992 October 13.0 TD, apparent longitude 199°54′21.818″ (VSOP87 in full);
// the truncated series and the short nutation series agree within about 1″.
func TestSunApparentLongitudeMeeus25b(t *testing.T) {
	got := SunApparentLongitude(2448908.5)
	want := 199 + 54.0/60 + 21.818/3600
	if d := math.Abs(got-want) * 3600; d > 1.5 {
		t.Errorf("apparent longitude = %.6f°, want %.6f° (off by %.2f″)", got, want, d)
	}
}

// Meeus example 27.a: the June solstice of 1962 at JDE 2437837.39245 (1962 June 21 21:25:08 TD).
func TestSolsticeMeeus27a(t *testing.T) {
	got := SolarLongitudeTime(90, 2437837)
	if d := math.Abs(got-2437837.39245) * 86400; d > 30 {
		t.Errorf("solstice JDE = %.5f, off by %.0f s", got, d)
	}
}

func TestDeltaT(t *testing.T) {
	for _, tc := range []struct{ year, want, tol float64 }{
		{1900, -2.79, 0.01},
		{1950, 29.07, 0.01},
		{2000, 63.86, 0.01},
		{2020, 71.5994, 0.001},
		{2100, 202.74, 0.001},
		{2200, 442.08, 0.001},
		{1800, 13.72, 0.001},
	} {
		if got := DeltaT(tc.year); math.Abs(got-tc.want) > tc.tol {
			t.Errorf("DeltaT(%v) = %.2f, want %.2f", tc.year, got, tc.want)
		}
	}
}

func TestLocalDay(t *testing.T) {
	// 1970-01-01 00:00 UT is JD 2440587.5, day number 719162.
	for _, tc := range []struct {
		jd     float64
		offset int
		want   int64
	}{
		{2440587.5, 0, 719162},
		{2440587.5 - 1.0/24/60, 0, 719161},
		{2440587.5 - 7.0/24, 7, 719162},
		{2440587.5 - 7.0/24 - 1e-6, 7, 719161},
		{2440587.5 - 7.0/24, 8, 719162},
	} {
		if got := LocalDay(tc.jd, tc.offset); got != tc.want {
			t.Errorf("LocalDay(%v, %d) = %d, want %d", tc.jd, tc.offset, got, tc.want)
		}
	}
}

// Published instants (UT, to the minute: USNO / NASA phase and season tables) against the
// package's series with ΔT; tolerance 90 s covers the rounding to the minute and the ΔT
// polynomial's few seconds of error in the 2020s.
func TestKnownInstants(t *testing.T) {
	j2000 := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	at := func(jd float64) time.Time {
		return j2000.Add(time.Duration(math.Round((jd-J2000)*86400)) * time.Second)
	}
	for _, tc := range []struct {
		what string
		got  float64 // JD (UT)
		want string
	}{
		{"new moon", ToUT(NewMoon(0)), "2000-01-06 18:14"},
		{"new moon (eclipse)", ToUT(NewMoon(LunationNear(J2000 + 17.64*365.25))), "2017-08-21 18:30"},
		{"new moon", ToUT(NewMoon(LunationNear(J2000 + 24.03*365.25))), "2024-01-11 11:57"},
		{"new moon (eclipse)", ToUT(NewMoon(LunationNear(J2000 + 24.27*365.25))), "2024-04-08 18:21"},
		{"new moon (eclipse)", ToUT(NewMoon(LunationNear(J2000 + 26.13*365.25))), "2026-02-17 12:01"},
		{"March equinox", ToUT(SolarLongitudeTime(0, 2451623)), "2000-03-20 07:35"},
		{"March equinox", ToUT(SolarLongitudeTime(0, 2460389)), "2024-03-20 03:06"},
		{"December solstice", ToUT(SolarLongitudeTime(270, 2460665)), "2024-12-21 09:20"},
		{"June solstice", ToUT(SolarLongitudeTime(90, 2460846)), "2025-06-21 02:42"},
		{"December solstice", ToUT(SolarLongitudeTime(270, 2461030)), "2025-12-21 15:03"},
	} {
		want, err := time.Parse("2006-01-02 15:04", tc.want)
		if err != nil {
			t.Fatal(err)
		}
		if d := at(tc.got).Sub(want); d < -90*time.Second || d > 90*time.Second {
			t.Errorf("%s: computed %s UT, published %s", tc.what, at(tc.got).Format(time.DateTime), tc.want)
		}
	}
}
