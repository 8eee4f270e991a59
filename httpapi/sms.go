package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
)

// MaxSMS is the length of one SMS in the GSM 03.38 7-bit alphabet: 160 characters.
const MaxSMS = 160

// SMS looks code up and returns the reply for an SMS gateway or a phone menu: at most 160
// characters of plain ASCII, all in the basic GSM 03.38 alphabet (no diacritics, none of
// the characters that take two septets), so that it fits in one message. It gives the code,
// the status, the agency holding the dossier and the appointment (marked when it was moved
// by an apology or is provisional), e.g.
//
//	HS 000.00.31.H49-260310-0001: dang xu ly. Dang o: UBND dac khu Van Don. Hen tra: 16:00 13/03/2026.
//
// A malformed code, an unknown one and a failure of the store each get a reply too, which
// never repeats what was typed (it may be anything, a phone number for instance); err then
// says what happened (errors.Is onestop.ErrMalformedCode, onestop.ErrNotFound). lang picks
// Vietnamese (default) or English.
func SMS(ctx context.Context, o *onestop.Office, code string, lang language.Tag) (string, error) {
	v, err := o.Lookup(ctx, code)
	if err != nil {
		return smsError(err, lang), err
	}
	return SMSText(v, lang), nil
}

// SMSText is the SMS reply for a dossier's public view (see SMS).
func SMSText(v onestop.PublicView, lang language.Tag) string {
	holder := v.HolderName
	if holder == "" {
		holder = v.Holder
	}
	due := v.Due.In(calendar.Zone()).Format("15:04 02/01/2006")
	var tail string
	switch {
	case !v.ReturnedAt.IsZero():
		tail = msg.Pick(lang, "Da tra ket qua ", "Result handed over ") + v.ReturnedAt.In(calendar.Zone()).Format("02/01/2006") + "."
	case !v.ResultAt.IsZero() && v.State.Terminal():
		tail = msg.Pick(lang, "Ket thuc ", "Ended ") + v.ResultAt.In(calendar.Zone()).Format("02/01/2006") + "."
	default:
		tail = msg.Pick(lang, "Hen tra: ", "Due: ") + due
		switch {
		case v.Reappointed:
			tail += msg.Pick(lang, " (hen lai)", " (new date)")
		case v.Provisional:
			tail += msg.Pick(lang, " (du kien)", " (provisional)")
		}
		if v.Overdue {
			tail += msg.Pick(lang, ", qua han", ", overdue")
		}
		tail += "."
	}
	head := "HS " + gsm(v.Code) + ": " + gsm(v.StateName(lang)) + ". "
	lead := msg.Pick(lang, "Dang o: ", "At: ")
	room := MaxSMS - len(head) - len(tail) - len(lead) - 2
	h := gsm(holder)
	if room < 8 { // a code of a strange format: leave the holder out
		return clipSMS(head + tail)
	}
	if len(h) > room {
		h = strings.TrimSpace(h[:room-3]) + "..."
	}
	return clipSMS(head + lead + h + ". " + tail)
}

// smsError is the reply for a lookup that found nothing.
func smsError(err error, lang language.Tag) string {
	switch {
	case errors.Is(err, onestop.ErrMalformedCode):
		return msg.Pick(lang,
			"Ma ho so khong dung dang. Hay nhap dung ma tren giay hen, vi du 000.00.31.H49-260310-0001.",
			"Not a dossier code. Type the code on your appointment slip, e.g. 000.00.31.H49-260310-0001.")
	case errors.Is(err, onestop.ErrNotFound):
		return msg.Pick(lang,
			"Khong tim thay ho so voi ma nay. Hay kiem tra lai ma tren giay hen hoac hoi bo phan mot cua.",
			"No dossier has this code. Check the code on your appointment slip or ask the one-stop desk.")
	}
	return msg.Pick(lang,
		"He thong tra cuu tam thoi khong tra loi duoc. Vui long thu lai sau.",
		"The lookup is not available at the moment. Please try again later.")
}

// gsm writes s in the basic GSM 03.38 alphabet: Vietnamese letters without their marks
// (đ as d), other letters and symbols outside the alphabet as "?", control characters
// and runs of spaces as one space.
func gsm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(msg.ClipN(s, 4*MaxSMS)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		case unicode.IsSpace(r) || unicode.IsControl(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		case !gsmBasic(r):
			r = '?'
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// gsmBasic reports whether r is a printable ASCII character of the GSM 03.38 basic table
// (which lacks [ ] { } \ ~ ^ | and `, found only in its extension table at two septets).
func gsmBasic(r rune) bool {
	if r < 0x20 || r > 0x7e {
		return false
	}
	return !strings.ContainsRune("[]{}\\~^|`", r)
}

// clipSMS cuts s to MaxSMS characters.
func clipSMS(s string) string {
	if utf8.RuneCountInString(s) <= MaxSMS {
		return s
	}
	return s[:MaxSMS-3] + "..."
}

// smsAnswer is the answer of GET /v1/dossiers/{code}/sms.
type smsAnswer struct {
	Text string `json:"text"`
}

func (s *Server) sms(w http.ResponseWriter, r *http.Request) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	lang := langOf(r)
	text, err := SMS(r.Context(), s.office, r.PathValue("code"), lang)
	if err != nil {
		k := classify(err)
		s.logCause(r, k, err)
		if k.status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", itoa(RetryAfter))
		}
		p := problemFor(k, lang, r, text, nil)
		p.Text = text
		writeProblem(w, p)
		return
	}
	writeJSON(w, r, http.StatusOK, smsAnswer{Text: text})
}
