package procedure

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
)

// generate builds a valid catalog of n procedure versions: about one code in five has a second
// version, a third are local instances, and the sectors, levels, limits, cases and fees vary.
func generate(n int, seed uint64) []Procedure {
	r := rand.New(rand.NewPCG(seed, 7))
	sectors, _ := enumValues("sector")
	verbs := []string{"Đăng ký", "Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Xác nhận", "Thẩm định", "Công nhận"}
	objects := []string{"khai sinh", "kết hôn", "giấy phép xây dựng", "quyền sử dụng đất", "hộ kinh doanh",
		"giấy phép môi trường", "trợ cấp xã hội", "di tích lịch sử", "nhà ở riêng lẻ", "giấy chứng nhận"}
	units := []calendar.Unit{calendar.WorkingDays, calendar.WorkingDays, calendar.WorkingDays, calendar.Days, calendar.WorkingHours, calendar.Months}
	out := make([]Procedure, 0, n)
	for code := 1; len(out) < n; code++ {
		p := validProcedure()
		p.Code = NationalCode(fmt.Sprintf("%d.%06d", 1+code%3, code))
		if code%3 == 0 {
			p.Unit, _ = ParseAgencyCode(fmt.Sprintf("000.00.%02d.H%02d", code%100, 10+code%60))
		}
		p.Name = verbs[r.IntN(len(verbs))] + " " + objects[r.IntN(len(objects))] + fmt.Sprintf(" (%d)", code)
		p.Sector = Sector(sectors[r.IntN(len(sectors))])
		p.Field = "Lĩnh vực " + string(p.Sector)
		p.Levels = []Level{[]Level{Commune, Province, Central}[r.IntN(3)]}
		p.CompetentAgency = Agency{Code: agencyCode(fmt.Sprintf("000.00.%02d.H%02d", r.IntN(100), 10+r.IntN(60))), Name: "Sở " + string(p.Sector)}
		u := units[r.IntN(len(units))]
		v := fmt.Sprint(1 + r.IntN(30))
		p.Limits = Limits{Counter: lim(v, u), Online: lim(v, u)}
		if r.IntN(4) == 0 {
			p.Limits.Postal = lim(v, u)
		}
		p.Cases = nil
		if r.IntN(3) == 0 {
			p.Cases = []Case{{ID: "c1", Name: "Trường hợp đặc biệt", Limits: Limits{Counter: lim("1", u)}}}
		}
		p.Documents = nil
		for k := range 2 + r.IntN(4) {
			p.Documents = append(p.Documents, Document{Name: fmt.Sprintf("Giấy tờ %d", k), Originals: 1, Copies: r.IntN(2), Requirement: Required})
		}
		p.Fees = []Fee{{ID: "le-phi", Name: "Lệ phí", Kind: FixedFee, Amount: dec(fmt.Sprint(1000 * (1 + r.IntN(500))))}}
		if r.IntN(3) == 0 {
			p.Fees = append(p.Fees, Fee{ID: "phi", Name: "Phí thẩm định", Kind: PercentFee, Rate: dec("0.5"), Min: dec("100000"), Max: dec("5000000")})
		}
		if r.IntN(5) == 0 && len(out)+2 <= n {
			old := p
			old.EffectiveTo = ymd(2023, 12, 31)
			p.Version = 2
			p.EffectiveFrom = ymd(2024, 1, 1)
			out = append(out, old)
		}
		out = append(out, p)
	}
	return out
}

func TestGenerated6000(t *testing.T) {
	procs := generate(6000, 1)
	data := catalogJSON(t, procs, nil)
	start := time.Now()
	c := mustLoad(t, data)
	t.Logf("6000 procedures, %d KB of JSON, loaded in %v", len(data)/1024, time.Since(start))
	if c.Len() != 6000 {
		t.Fatalf("Len = %d", c.Len())
	}
	// Every version is found by Lookup on its first and last day.
	for _, p := range c.Procedures() {
		for _, d := range []Date{p.EffectiveFrom, p.EffectiveTo} {
			if d == 0 {
				continue
			}
			at := time.Date(d.year(), d.month(), d.day(), 12, 0, 0, 0, calendar.Zone())
			got, err := c.Lookup(p.Key(), at)
			if err != nil || got != p {
				t.Fatalf("Lookup(%s, %s) = %v, %v", p.Key(), d, got, err)
			}
		}
	}
	// Round trip at scale.
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	p1, _ := values(c)
	p2, _ := values(mustLoad(t, buf.Bytes()))
	if diff := cmp.Diff(p1, p2); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
}

// TestLookupAllocs: Lookup does not allocate.
func TestLookupAllocs(t *testing.T) {
	c := mustLoad(t, catalogJSON(t, generate(600, 2), nil))
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, calendar.Zone())
	code := c.Procedures()[300].Key()
	if n := testing.AllocsPerRun(1000, func() { _, _ = c.Lookup(code, at) }); n != 0 {
		t.Errorf("Lookup allocates %v times", n)
	}
}

func BenchmarkLoad6000(b *testing.B) {
	data := catalogJSON(b, generate(6000, 1), nil)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data), LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	c := mustLoad(b, catalogJSON(b, generate(6000, 1), nil))
	ps := c.Procedures()
	codes := make([]NationalCode, 256)
	for i := range codes {
		codes[i] = ps[i*len(ps)/len(codes)].Key()
	}
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, calendar.Zone())
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.Lookup(codes[i&255], at); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSearch(b *testing.B) {
	c := mustLoad(b, catalogJSON(b, generate(6000, 1), nil))
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, calendar.Zone())
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Search("giay phep xay dung", at)
	}
}

func BenchmarkAmountDue(b *testing.B) {
	p := validProcedure()
	p.Fees = append(p.Fees, Fee{ID: "p", Name: "P", Kind: PercentFee, Rate: dec("0.5"), Min: dec("100000"), Max: dec("500000")})
	q := FeeQuery{Channel: Online, At: time.Date(2024, 6, 1, 9, 0, 0, 0, calendar.Zone()), DeclaredValue: dec("45000000")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.AmountDue(q); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLookupMatchesScan: Lookup agrees with a linear scan of the versions at random instants.
func TestLookupMatchesScan(t *testing.T) {
	c := mustLoad(t, catalogJSON(t, generate(1500, 3), nil))
	ps := c.Procedures()
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for range 20000 {
		key := ps[r.IntN(len(ps))].Key()
		at := time.Unix(start+r.Int64N(9*365*86400), 0).UTC()
		var want *Procedure
		for _, p := range c.Versions(key) {
			if p.InForce(day(at)) {
				if want != nil {
					t.Fatalf("%s: two versions in force at %v", key, at)
				}
				want = p
			}
		}
		got, err := c.Lookup(key, at)
		if got != want || (want == nil) != errors.Is(err, ErrNotInForce) {
			t.Fatalf("Lookup(%s, %v) = %v, %v; scan finds %v", key, at, got, err, want)
		}
	}
}
