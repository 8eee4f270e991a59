package reckon

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/calendar/lunar/internal/astro"
)

func day(y int, m time.Month, d int) int64 {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 + 719162
}

func fmtDay(n int64) string {
	return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format("2006-01-02")
}

// gioTo returns the day of 10/3 (the regular month 3) of a lunar year.
func gioTo(y Year) int64 {
	d := y.NewYear
	for i, m := range y.Months {
		if m.Number == 3 && !m.Leap {
			return d + 9
		}
		d += int64(y.Lengths[i])
	}
	return 0
}

// The years where UTC+7 and UTC+8 disagree: the Vietnamese dates at UTC+7 and the Chinese ones
// at UTC+8, both from the same astronomy.
func TestChinaDiffers(t *testing.T) {
	type row struct{ Year, Tet, GioTo string }
	tests := []struct {
		year       int
		vn, cn     string // Tết
		vnGT, cnGT string // Giỗ Tổ (10/3)
	}{
		{1968, "1968-01-29", "1968-01-30", "", ""},
		{1969, "1969-02-16", "1969-02-17", "", ""},
		{1985, "1985-01-21", "1985-02-20", "", ""},
		{2007, "2007-02-17", "2007-02-18", "", ""},
		{2009, "", "", "2009-04-04", "2009-04-05"},
		{2030, "2030-02-02", "2030-02-03", "", ""},
		{2037, "", "", "2037-04-24", "2037-04-25"},
		{2038, "", "", "2038-04-13", "2038-04-14"},
		{2053, "2053-02-18", "2053-02-19", "", ""},
	}
	for _, tc := range tests {
		vn := Zone(Fixed7).Years(tc.year, tc.year)[0]
		cn := Zone(China).Years(tc.year, tc.year)[0]
		got := [2]row{{"vn", fmtDay(vn.NewYear), fmtDay(gioTo(vn))}, {"cn", fmtDay(cn.NewYear), fmtDay(gioTo(cn))}}
		want := got
		if tc.vn != "" {
			want[0].Tet, want[1].Tet = tc.vn, tc.cn
		}
		if tc.vnGT != "" {
			want[0].GioTo, want[1].GioTo = tc.vnGT, tc.cnGT
		}
		if got[0] == got[1] {
			t.Errorf("%d: UTC+7 and UTC+8 agree (%v), want them to differ", tc.year, got[0])
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%d (-want +got):\n%s", tc.year, d)
		}
	}
}

// North Vietnam's calendar moved to UTC+7 in August 1967; the package keeps UTC+8 until
// 1968-01-01 (lunar years up to 1967 as in the Chinese reckoning). Between the two, exactly one
// event falls on a different day: the new moon that begins month 11 of Đinh Mùi (1967).
func TestCutover1967(t *testing.T) {
	from, to := float64(day(1967, 8, 8))+1721425.5, CutoverJD
	var differ []string
	var checked int
	for k := int(astro.LunationNear(from)) - 1; ; k++ {
		jd := astro.ToUT(astro.NewMoon(float64(k)))
		if jd >= to {
			break
		}
		if jd < from {
			continue
		}
		checked++
		if a, b := astro.LocalDay(jd, 7), astro.LocalDay(jd, 8); a != b {
			differ = append(differ, "new moon "+fmtDay(a)+" at UTC+7, "+fmtDay(b)+" at UTC+8")
		}
	}
	for lon := 0.0; lon < 360; lon += 15 {
		// Estimate: the March equinox of 1967 plus the longitude's share of the year.
		est := 2439570.5 + lon/360*365.2422
		jd := astro.ToUT(astro.SolarLongitudeTime(lon, est))
		if jd < from || jd >= to {
			continue
		}
		checked++
		if a, b := astro.LocalDay(jd, 7), astro.LocalDay(jd, 8); a != b {
			differ = append(differ, "solar term "+fmtDay(a)+" at UTC+7, "+fmtDay(b)+" at UTC+8")
		}
	}
	want := []string{"new moon 1967-12-01 at UTC+7, 1967-12-02 at UTC+8"}
	if d := cmp.Diff(want, differ); d != "" {
		t.Errorf("events of August–December 1967 on different days (-want +got):\n%s", d)
	}
	if checked != 5+10 {
		t.Errorf("checked %d events, want 5 new moons and 10 solar terms", checked)
	}
	ys := Years(1967, 1968)
	m11 := ys[0].Months[len(ys[0].Months)-2]
	if m11.Number != 11 || fmtDay(m11.Start) != "1967-12-02" || fmtDay(ys[1].NewYear) != "1968-01-29" {
		t.Errorf("month %d of 1967 starts %s, Tết 1968 %s; want 11, 1967-12-02, 1968-01-29", m11.Number, fmtDay(m11.Start), fmtDay(ys[1].NewYear))
	}
}

func TestCutoverInstant(t *testing.T) {
	// 1968-01-01 00:00 at UTC+7.
	if got := astro.LocalDay(CutoverJD, 7); got != day(1968, 1, 1) {
		t.Errorf("cutover falls on %s at UTC+7, want 1968-01-01", fmtDay(got))
	}
	if Vietnam(CutoverJD-1e-6) != 8 || Vietnam(CutoverJD) != 7 {
		t.Error("Vietnam zone does not switch at CutoverJD")
	}
}

// Structural properties of every year of the table range: 12 or 13 months of 29 or 30 days,
// a leap month exactly in the 13-month years, months numbered 1…12 in order, Tết between
// 21 January and 20 February, consecutive years adjoining.
func TestYearsWellFormed(t *testing.T) {
	ys := Years(TableFirst, TableLast)
	if len(ys) != TableLast-TableFirst+1 {
		t.Fatalf("got %d years", len(ys))
	}
	for i, y := range ys {
		if y.Year != TableFirst+i {
			t.Fatalf("year %d at index %d", y.Year, i)
		}
		n := len(y.Lengths)
		if (n == 13) != (y.Leap != 0) || (n != 12 && n != 13) || len(y.Months) != n {
			t.Errorf("%d: %d months, leap %d", y.Year, n, y.Leap)
		}
		num, sum := 0, int64(0)
		for j, m := range y.Months {
			if y.Lengths[j] != 29 && y.Lengths[j] != 30 {
				t.Errorf("%d: month %d has %d days", y.Year, m.Number, y.Lengths[j])
			}
			if m.Start != y.NewYear+sum {
				t.Errorf("%d: month %d starts at %d, want %d", y.Year, m.Number, m.Start, y.NewYear+sum)
			}
			sum += int64(y.Lengths[j])
			if m.Leap {
				if m.Number != num || m.Number != y.Leap {
					t.Errorf("%d: leap month %d after %d", y.Year, m.Number, num)
				}
			} else {
				num++
				if m.Number != num {
					t.Errorf("%d: month %d where %d expected", y.Year, m.Number, num)
				}
			}
		}
		if num != 12 {
			t.Errorf("%d: last month %d", y.Year, num)
		}
		if i+1 < len(ys) && y.NewYear+sum != ys[i+1].NewYear {
			t.Errorf("%d: ends at %s, next Tết %s", y.Year, fmtDay(y.NewYear+sum), fmtDay(ys[i+1].NewYear))
		}
		if doy := y.NewYear - Jan1(y.Year); doy < 20 || doy > 50 {
			t.Errorf("%d: Tết on %s", y.Year, fmtDay(y.NewYear))
		}
	}
}

func TestJan1(t *testing.T) {
	for _, y := range []int{1, 2, 4, 5, 100, 101, 400, 401, 1900, 1970, 2000, 2001, 2200, 3000} {
		if got, want := Jan1(y), day(y, 1, 1); got != want {
			t.Errorf("Jan1(%d) = %d, want %d", y, got, want)
		}
	}
}

// Major solar terms decide month 11 and the leap month. A term near midnight matters only at a
// month boundary: late on the eve of a month's first day, or early on that day. Within the
// table no such term is closer to midnight than the margin below, far beyond the error of the
// solar series (about a second of arc, that is 25 s).
func TestMajorTermsNearMonthBoundary(t *testing.T) {
	starts := map[int64]bool{}
	for _, y := range Years(TableFirst, TableLast) {
		for _, m := range y.Months {
			starts[m.Start] = true
		}
	}
	type near struct {
		Longitude float64
		Local     string
	}
	var got []near
	z := Zone(Vietnam)
	for y := TableFirst; y <= TableLast; y++ {
		ws := z.WinterSolstice(y - 1)
		for j := 0; j < 12; j++ {
			lon := math.Mod(270+30*float64(j), 360)
			e := z.event(astro.SolarLongitudeTime(lon, ws.JDE+30.44*float64(j)))
			local := e.JD + float64(e.Offset)/24 - 1721425.5 // days since 0001-01-01 00:00 local
			sec := int(math.Round((local - float64(e.Day)) * 86400))
			if (starts[e.Day] && sec < 1800) || (starts[e.Day+1] && sec > 86400-1800) {
				got = append(got, near{lon, fmtDay(e.Day) + " " + time.Duration(sec*int(time.Second)).String()})
			}
		}
	}
	want := []near{
		{30, "1917-04-21 17m31s"},
		{120, "1922-07-24 19m50s"},
		{180, "2033-09-22 23h51m28s"}, // the eve of month 8 of 2033: 8½ minutes to spare
		{210, "2147-10-24 25m7s"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("major terms within 30 minutes of a month boundary (-want +got):\n%s", d)
	}
}
