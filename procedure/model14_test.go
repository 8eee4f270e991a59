package procedure

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar"
)

// The model of issue 14, each part on the sample procedure that needs it.

func sampleProc(t *testing.T, code NationalCode) *Procedure {
	t.Helper()
	c, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Lookup(code, time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Zone()))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func vnTime(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Zone())
}

// 1.010041: the counter is offered without a published limit; online takes 1 working day, 3
// when the residence must be verified (a case longer than the base, accepted); both count from
// a valid dossier.
func TestUnpublishedLimitAndLongerCase(t *testing.T) {
	p := sampleProc(t, "1.010041")
	if diff := cmp.Diff([]Channel{Counter, Online}, p.Channels()); diff != "" {
		t.Errorf("channels (-want +got):\n%s", diff)
	}
	for _, f := range []func() error{
		func() error { _, err := p.Limit(Counter, ""); return err },
		func() error { _, err := p.Due(nil, vnTime(2026, 3, 10, 9, 0), Counter, ""); return err },
	} {
		err := f()
		var ue *UseError
		if !errors.As(err, &ue) || !errors.Is(err, ErrLimitNotPublished) {
			t.Errorf("err = %v, want a *UseError wrapping ErrLimitNotPublished", err)
		}
	}
	if l, err := p.Limit(Online, "can-xac-minh"); err != nil || l != (calendar.Limit{N: 3, Unit: calendar.WorkingDays}) {
		t.Errorf("case limit = %v, %v", l, err)
	}
	due, err := p.Due(nil, vnTime(2026, 3, 10, 9, 0), Online, "")
	if err != nil || !due.Equal(vnTime(2026, 3, 11, 9, 0)) {
		t.Errorf("online due = %v, %v", due, err)
	}
	ck, err := p.ClockOf("can-xac-minh")
	if err != nil || ck.Start != CompleteDossier || ck.StartText == "" {
		t.Errorf("clock = %+v, %v", ck, err)
	}
	if (&UseError{Code: "1.010041", What: "counter", Err: ErrLimitNotPublished}).Message(language.Vietnamese) != `thủ tục 1.010041: "trực tiếp" không có thời hạn giải quyết được công bố` {
		t.Error("vi message")
	}
	// Written back as {"unpublished": true} and read again.
	var buf bytes.Buffer
	c := mustLoad(t, catalogJSON(t, []Procedure{*p}, nil))
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"unpublished": true`) {
		t.Errorf("export:\n%s", buf.String())
	}
	again := mustLoad(t, buf.Bytes()).Procedures()[0]
	if diff := cmp.Diff(p, again); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
}

// A limit in clock hours: "1 Giờ" received on Friday at 16:30 is due at 17:30.
func TestClockHourLimit(t *testing.T) {
	p := validProcedure()
	p.Limits = Limits{Counter: lim("1", calendar.Hours)}
	p.Cases = nil
	c := mustLoad(t, catalogJSON(t, []Procedure{p}, nil))
	got, err := c.Procedures()[0].Due(nil, vnTime(2026, 3, 13, 16, 30), Counter, "")
	if err != nil || !got.Equal(vnTime(2026, 3, 13, 17, 30)) {
		t.Errorf("Due = %v, %v", got, err)
	}
	p.Limits.Counter = lim("1.5", calendar.Hours)
	probs := problemsOf(t, catalogJSON(t, []Procedure{p}, nil), LoadOptions{})
	want := []Problem{{Path: "procedures[0].limits.counter.value", Rule: "limit_integer",
		En: "1.5 hours must be a whole number of hours", Vi: "1.5 giờ phải là số nguyên giờ"}}
	if diff := cmp.Diff(want, probs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// "giờ" in a catalog file is clock hours, "giờ làm việc" working hours.
	data := strings.Replace(string(catalogJSON(t, []Procedure{validProcedure()}, nil)), `"unit":"working_days"`, `"unit":"giờ"`, 1)
	if l, _ := mustLoad(t, []byte(data)).Procedures()[0].Limit(Counter, ""); l != (calendar.Limit{N: 3, Unit: calendar.Hours}) {
		t.Errorf("giờ read as %v", l)
	}
}

// 1.001612: 50,000 đồng at the counter, 150,000 online and by post.
func TestFeesByChannel(t *testing.T) {
	p := sampleProc(t, "1.001612")
	for ch, want := range map[Channel]string{Counter: "50000", Online: "150000", Postal: "150000"} {
		fb, err := p.AmountDue(FeeQuery{Channel: ch, At: vnTime(2026, 3, 10, 9, 0)})
		if err != nil || fb.Total.String() != want || len(fb.Lines) != 1 {
			t.Errorf("%v: %v, %v", ch, fb, err)
		}
	}
	if _, err := p.AmountDue(FeeQuery{}); !errors.Is(err, ErrMissingInput) || !strings.Contains(err.Error(), "(channel)") {
		t.Errorf("no channel: %v", err)
	}
	// 1.004194 (sample fix): 15,000 at the counter, 7,000 online for an individual.
	p = sampleProc(t, "1.004194")
	for ch, want := range map[Channel]string{Counter: "15000", Online: "7000"} {
		fb, err := p.AmountDue(FeeQuery{Channel: ch, At: vnTime(2026, 3, 10, 9, 0)})
		if err != nil || fb.Total.String() != want {
			t.Errorf("1.004194 %v: %v, %v", ch, fb.Total, err)
		}
	}
}

// 2.000815: 2,000 đồng a page for pages 1–2, 1,000 from page 3, at most 200,000 a copy; 10
// USD a copy at a representative mission.
func TestFeeCapPerCopyAndUSD(t *testing.T) {
	p := sampleProc(t, "2.000815")
	tests := []struct {
		pages, copies int64
		want          string
	}{
		{1, 1, "2000"},
		{2, 1, "4000"},
		{3, 1, "5000"},
		{150, 2, "304000"}, // (4,000 + 148,000) × 2: under the cap each
		{250, 2, "400000"}, // 252,000 capped at 200,000 for each copy
		{250, 0, "0"},
	}
	for _, tt := range tests {
		fb, err := p.AmountDue(FeeQuery{Channel: Counter, Quantities: map[string]int64{"phi-chung-thuc": tt.pages},
			Copies: map[string]int64{"phi-chung-thuc": tt.copies}})
		if err != nil || fb.Total.String() != tt.want || fb.Lines[0].Copies != tt.copies {
			t.Errorf("%d pages × %d copies = %v, %v; want %s", tt.pages, tt.copies, fb.Total, err, tt.want)
		}
	}
	fb, err := p.AmountDue(FeeQuery{Channel: Counter, Quantities: map[string]int64{"phi-chung-thuc": 5}})
	if err != nil || fb.Total.String() != "7000" {
		t.Errorf("copies not given (1): %v, %v", fb.Total, err)
	}
	if _, err := p.AmountDue(FeeQuery{Quantities: map[string]int64{"phi-chung-thuc": 5}, Copies: map[string]int64{"phi-chung-thuc": -1}}); !errors.Is(err, ErrNegativeInput) {
		t.Errorf("negative copies: %v", err)
	}
	fb, err = p.AmountDue(FeeQuery{Case: "co-quan-dai-dien", Channel: Counter, Copies: map[string]int64{"phi-chung-thuc-co-quan-dai-dien": 3}})
	if err != nil || !fb.Total.IsZero() || fb.Other["USD"].String() != "30" || fb.Lines[0].Currency != "USD" {
		t.Errorf("USD: %+v, %v", fb, err)
	}
}

// A fee set by the provincial council (1.004859) or unpublished for the case at hand (1.013097)
// is unknown, not free; 1.013097's 40,000 applies to cars of more than 10 seats only.
func TestUnknownFees(t *testing.T) {
	p := sampleProc(t, "1.004859")
	fb, err := p.AmountDue(FeeQuery{Channel: Counter})
	if err != nil || !fb.Incomplete || len(fb.Lines) != 1 || !fb.Lines[0].Unknown || fb.Lines[0].Kind != CouncilFee {
		t.Errorf("council: %+v, %v", fb, err)
	}
	p = sampleProc(t, "1.013097")
	fb, err = p.AmountDue(FeeQuery{Channel: Counter})
	if err != nil || !fb.Incomplete || !fb.Lines[0].Unknown {
		t.Errorf("unpublished: %+v, %v", fb, err)
	}
	fb, err = p.AmountDue(FeeQuery{Channel: Counter, Case: "o-to-tren-10-cho"})
	if err != nil || fb.Incomplete || fb.Total.String() != "40000" {
		t.Errorf("car of more than 10 seats: %+v, %v", fb, err)
	}
	if diff := cmp.Diff([]Level{Other}, p.Levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	c, _ := Sample()
	if ps := c.ByLevel(Other, time.Time{}); len(ps) != 1 || ps[0].Code != "1.013097" {
		t.Errorf("ByLevel(Other) = %v", codes(ps))
	}
}

// 1.004859: the same-day rule applies to supplementing information only.
func TestSameDayForOneCase(t *testing.T) {
	p := sampleProc(t, "1.004859")
	if _, ok := p.Cutoff(); ok {
		t.Error("the procedure as a whole has no same-day rule")
	}
	tue := vnTime(2026, 3, 10, 14, 0)
	got, err := p.Due(nil, tue, Counter, "bo-sung-thong-tin")
	if err != nil || !got.Equal(vnTime(2026, 3, 10, 17, 0)) {
		t.Errorf("case before 15:00: %v, %v", got, err)
	}
	got, err = p.Due(nil, vnTime(2026, 3, 10, 15, 30), Counter, "bo-sung-thong-tin")
	if err != nil || !got.Equal(vnTime(2026, 3, 11, 17, 0)) {
		t.Errorf("case after 15:00: %v, %v", got, err)
	}
	got, err = p.Due(nil, tue, Counter, "")
	if err != nil || !got.Equal(vnTime(2026, 3, 11, 14, 0)) {
		t.Errorf("general case: %v, %v", got, err)
	}
}

// The rules of the new fields, with their messages.
func TestModelRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *Procedure)
		want   []Problem
	}{
		{"tiers and amount", func(p *Procedure) {
			p.Fees[0] = Fee{ID: "x", Name: "X", Kind: PerUnitFee, Per: "trang", Amount: dec("1"), Tiers: []Tier{{Amount: dec("1")}}}
		}, []Problem{{Path: "procedures[0].fees[0].amount", Rule: "tiers_amount", En: "amount must not be given with tiers: each tier gives its amount", Vi: "không ghi mức thu khi đã có các bậc: mỗi bậc ghi mức thu của mình"}}},
		{"tier order", func(p *Procedure) {
			p.Fees[0] = Fee{ID: "x", Name: "X", Kind: PerUnitFee, Per: "trang", Tiers: []Tier{{UpTo: 2, Amount: dec("2")}, {UpTo: 2, Amount: dec("1")}, {Amount: dec("0")}}}
		}, []Problem{
			{Path: "procedures[0].fees[0].tiers[1].up_to", Rule: "tier_order", En: "up_to must be greater than the tier before, and absent on the last tier", Vi: "số đơn vị tối đa của bậc phải lớn hơn của bậc trước, và không ghi ở bậc cuối"},
			{Path: "procedures[0].fees[0].tiers[2].amount", Rule: "fee_positive", En: "amount must be greater than 0", Vi: "mức thu phải lớn hơn 0"},
		}},
		{"tiers on a fixed fee", func(p *Procedure) { p.Fees[0].Tiers = []Tier{{Amount: dec("1")}} },
			[]Problem{{Path: "procedures[0].fees[0].tiers", Rule: "fee_not_applicable", En: "tiers does not apply to fixed fees", Vi: "các bậc mức thu không áp dụng cho loại phí \"fixed\" (mức cố định)"}}},
		{"council fee with an amount", func(p *Procedure) { p.Fees[0].Kind = CouncilFee },
			[]Problem{{Path: "procedures[0].fees[0].amount", Rule: "fee_not_applicable", En: "amount does not apply to council fees", Vi: "mức thu không áp dụng cho loại phí \"council\" (do HĐND cấp tỉnh quyết định)"}}},
		{"council fee", func(p *Procedure) { p.Fees[0] = Fee{ID: "x", Name: "X", Kind: CouncilFee} }, nil},
		{"currency", func(p *Procedure) { p.Fees[0].Currency = "usd" },
			[]Problem{{Path: "procedures[0].fees[0].currency", Rule: "currency", En: "currency \"usd\" must be an ISO 4217 currency code such as VND or USD", Vi: "loại tiền \"usd\" phải là mã tiền tệ ISO 4217, ví dụ VND hoặc USD"}}},
		{"channels twice", func(p *Procedure) { p.Fees[0].Channels = []Channel{Online, Online} },
			[]Problem{{Path: "procedures[0].fees[0].channels", Rule: "unique", En: "channels must not list a value twice", Vi: "hình thức nộp áp dụng có giá trị bị lặp lại"}}},
		{"clock start", func(p *Procedure) { p.Clock = &Clock{Start: "payment"} },
			[]Problem{{Path: "procedures[0].clock.start", Rule: "clockstart", En: "start \"payment\" must be one of: reception, complete_dossier, fee_paid, other", Vi: "thời điểm bắt đầu tính thời hạn \"payment\" phải là một trong các giá trị: \"reception\" (tiếp nhận hồ sơ), \"complete_dossier\" (nhận đủ hồ sơ hợp lệ), \"fee_paid\" (nộp phí, lệ phí), \"other\" (sự kiện khác)"}}},
		{"other start without its text", func(p *Procedure) { p.Clock = &Clock{Start: OtherStart} },
			[]Problem{{Path: "procedures[0].clock.start_text", Rule: "required_if", En: "start_text is a required field", Vi: "mô tả thời điểm bắt đầu không được bỏ trống"}}},
		{"pauses", func(p *Procedure) {
			p.Clock = &Clock{Start: FeePaid, Pauses: []Pause{{ID: "niem-yet", Name: "Niêm yết", Length: lim("15", calendar.Days)},
				{ID: "niem-yet", Name: "Sửa đổi", Applicant: true}, {Name: "X", Length: lim("0", calendar.Days)}}}
		}, []Problem{
			{Path: "procedures[0].clock.pauses[2].id", Rule: "required", En: "id is a required field", Vi: "mã không được bỏ trống"},
			{Path: "procedures[0].clock.pauses[1].id", Rule: "duplicate", En: "duplicate id \"niem-yet\"", Vi: "mã \"niem-yet\" bị trùng"},
			{Path: "procedures[0].clock.pauses[2].length.value", Rule: "limit_range", En: "value must be greater than 0 and at most 10000", Vi: "giá trị thời hạn phải lớn hơn 0 và không quá 10000"},
		}},
		{"case same day and clock", func(p *Procedure) {
			p.Cases[0].SameDay = &SameDay{}
			p.Cases[0].Clock = &Clock{Start: CompleteDossier}
		}, nil},
		{"level other", func(p *Procedure) { p.Levels = []Level{Other} }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProcedure()
			tt.mutate(&p)
			data := catalogJSON(t, []Procedure{p}, nil)
			got := problemsOf(t, data, LoadOptions{})
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			// The fast decoder reads the new fields as encoding/json does.
			var fast, slow Procedure
			ok, _ := decodeProcedureFast(itemsOf(t, data)[0], &fast)
			if err := decodeStrict(itemsOf(t, data)[0], &slow); err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Fatalf("not read by the fast decoder")
			}
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Errorf("fast decoder (-encoding/json +fast):\n%s", diff)
			}
		})
	}
	// A limit marked unpublished that gives a value (MarshalJSON never writes one).
	data := strings.Replace(string(catalogJSON(t, []Procedure{validProcedure()}, nil)), `"counter":{"value":"3","unit":"working_days"}`,
		`"counter":{"unpublished":true,"value":"3"}`, 1)
	want := []Problem{{Path: "procedures[0].limits.counter.value", Rule: "limit_unpublished", En: "a limit marked unpublished gives no value (and a pause's length must be published)", Vi: "thời hạn ghi là chưa công bố thì không ghi giá trị (độ dài khoảng thời gian không tính phải được công bố)"}}
	if diff := cmp.Diff(want, problemsOf(t, []byte(data), LoadOptions{})); diff != "" {
		t.Errorf("unpublished with a value (-want +got):\n%s", diff)
	}
	// A pause's length without a unit: required, by either decoder.
	data = strings.Replace(string(catalogJSON(t, []Procedure{validProcedure()}, nil)), `"limits":`,
		`"clock":{"pauses":[{"id":"a","name":"A","length":{"value":"15"}}]},"limits":`, 1)
	want = []Problem{{Path: "procedures[0].clock.pauses[0].length.unit", Rule: "required", En: "unit is a required field", Vi: "đơn vị thời hạn không được bỏ trống"}}
	if diff := cmp.Diff(want, problemsOf(t, []byte(data), LoadOptions{})); diff != "" {
		t.Errorf("pause without unit (-want +got):\n%s", diff)
	}
}

// 1.001193: the applicant's pause of at most one day online, as data for the dossier clock.
func TestSamplePause(t *testing.T) {
	p := sampleProc(t, "1.001193")
	ck, err := p.ClockOf("")
	if err != nil || ck.Start != Reception || len(ck.Pauses) != 1 || !ck.Pauses[0].Applicant ||
		ck.Pauses[0].Length == nil || ck.Pauses[0].Length.String() != "1 days" {
		t.Errorf("clock = %+v, %v", ck, err)
	}
	if _, err := p.ClockOf("nope"); !errors.Is(err, ErrUnknownCase) {
		t.Errorf("unknown case: %v", err)
	}
	var nilp *Procedure
	if _, err := nilp.ClockOf(""); !errors.Is(err, ErrNilProcedure) {
		t.Errorf("nil: %v", err)
	}
}

// 1.010727: the limit counts from a complete and valid dossier, the applicant's corrections do
// not count, and the appraisal fee is the council's.
func TestSampleRevisionPause(t *testing.T) {
	p := sampleProc(t, "1.010727")
	ck, err := p.ClockOf("")
	if err != nil || ck.Start != CompleteDossier || len(ck.Pauses) != 1 || !ck.Pauses[0].Applicant || ck.Pauses[0].Length != nil {
		t.Errorf("clock = %+v, %v", ck, err)
	}
	fb, err := p.AmountDue(FeeQuery{Channel: Online, At: vnTime(2026, 3, 10, 9, 0)})
	if err != nil || !fb.Incomplete || fb.Lines[0].Kind != CouncilFee {
		t.Errorf("fees = %+v, %v", fb, err)
	}
}
