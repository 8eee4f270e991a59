package httpapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
)

// gsmBasic is the GSM 03.38 basic table, written out (the 7-bit default alphabet, without
// the escape to the extension table).
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// checkSMS fails unless s fits in one SMS: at most 160 characters of the basic table.
func checkSMS(t *testing.T, s string) {
	t.Helper()
	if n := len([]rune(s)); n > httpapi.MaxSMS || n == 0 {
		t.Fatalf("%d characters, want 1–160: %q", n, s)
	}
	for _, r := range s {
		if !strings.ContainsRune(gsmBasic, r) {
			t.Fatalf("%q is not in the GSM 03.38 basic table: %q", r, s)
		}
	}
}

func TestSMSText(t *testing.T) {
	due := time.Date(2026, 3, 13, 16, 0, 0, 0, time.UTC).In(time.FixedZone("ICT", 7*3600))
	v := onestop.PublicView{Code: "000.00.31.H49-260310-0001", State: dossier.InProcess, Holder: "000.00.31.H49",
		HolderName: "Ủy ban nhân dân đặc khu Vân Đồn", Due: due}
	cases := []struct {
		name string
		v    func(onestop.PublicView) onestop.PublicView
		lang language.Tag
		want string
	}{
		{"in process", nil, language.Vietnamese,
			"HS 000.00.31.H49-260310-0001: dang xu ly. Dang o: Uy ban nhan dan dac khu Van Don. Hen tra: 23:00 13/03/2026."},
		{"in English", nil, language.English,
			"HS 000.00.31.H49-260310-0001: in process. At: Uy ban nhan dan dac khu Van Don. Due: 23:00 13/03/2026."},
		{"reappointed and overdue", func(v onestop.PublicView) onestop.PublicView { v.Reappointed, v.Overdue = true, true; return v }, language.Vietnamese,
			"HS 000.00.31.H49-260310-0001: dang xu ly. Dang o: Uy ban nhan dan dac khu Van Don. Hen tra: 23:00 13/03/2026 (hen lai), qua han."},
		{"no name: the code", func(v onestop.PublicView) onestop.PublicView { v.HolderName = ""; return v }, language.Vietnamese,
			"HS 000.00.31.H49-260310-0001: dang xu ly. Dang o: 000.00.31.H49. Hen tra: 23:00 13/03/2026."},
		{"a long name is cut", func(v onestop.PublicView) onestop.PublicView {
			v.HolderName = strings.Repeat("Phòng Tài nguyên và Môi trường ", 6)
			return v
		}, language.Vietnamese, ""},
		{"returned", func(v onestop.PublicView) onestop.PublicView {
			v.State, v.ReturnedAt = dossier.Returned, due
			return v
		}, language.Vietnamese, "HS 000.00.31.H49-260310-0001: da tra ket qua. Dang o: Uy ban nhan dan dac khu Van Don. Da tra ket qua 13/03/2026."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := v
			if c.v != nil {
				v = c.v(v)
			}
			got := httpapi.SMSText(v, c.lang)
			checkSMS(t, got)
			if c.want != "" && got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestSMSReplies: a malformed and an unknown code get a clear reply that repeats nothing
// of what was typed.
func TestSMSReplies(t *testing.T) {
	f := newFixture(t, nil)
	code := f.intake("1.001193")
	ctx := context.Background()
	got, err := httpapi.SMS(ctx, f.office, strings.ToLower(code), language.Vietnamese)
	if err != nil || !strings.HasPrefix(got, "HS "+code+": ") {
		t.Fatalf("%q, %v", got, err)
	}
	checkSMS(t, got)
	for _, c := range []struct {
		typed string
		is    error
		want  string
	}{
		{"0912345678", onestop.ErrMalformedCode, "Ma ho so khong dung dang"},
		{"000.00.31.H49-260310-0077", onestop.ErrNotFound, "Khong tim thay ho so"},
	} {
		got, err := httpapi.SMS(ctx, f.office, c.typed, language.Vietnamese)
		if !errors.Is(err, c.is) || !strings.HasPrefix(got, c.want) || strings.Contains(got, c.typed) {
			t.Errorf("%q: %q, %v", c.typed, got, err)
		}
		checkSMS(t, got)
		res := f.do(request{method: "GET", path: "/v1/dossiers/" + c.typed + "/sms"})
		if p := res.problem(t); p.Text != got {
			t.Errorf("the endpoint's reply %q, want %q", p.Text, got)
		}
	}
}

// FuzzSMS: whatever the view holds and whatever is typed, the reply fits in one SMS of the
// GSM 03.38 basic table.
func FuzzSMS(f *testing.F) {
	f.Add("000.00.31.H49-260310-0001", "Ủy ban nhân dân đặc khu Vân Đồn", "000.00.31.H49", uint8(6), true, true, int64(1773396000))
	f.Add("", "", "", uint8(0), false, false, int64(0))
	f.Add(strings.Repeat("Đ", 300), strings.Repeat("ữ\u0301{}[]~^|`€\t\n", 40), "\x00\xff", uint8(255), true, false, int64(-1<<40))
	fx := newFixture(f, nil)
	f.Fuzz(func(t *testing.T, code, name, holder string, state uint8, reappointed, overdue bool, due int64) {
		v := onestop.PublicView{Code: code, HolderName: name, Holder: holder, State: dossier.State(state),
			Reappointed: reappointed, Overdue: overdue, Due: time.Unix(due%(1<<35), 0)}
		for _, lang := range []language.Tag{language.Vietnamese, language.English} {
			checkSMS(t, httpapi.SMSText(v, lang))
			got, _ := httpapi.SMS(t.Context(), fx.office, code, lang)
			checkSMS(t, got)
		}
	})
}
