package procedure

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/motcua-go/motcua/calendar"
)

// fastDecoder decodes the common shape of a procedure without reflection. It gives up on
// anything unusual (escapes in decimals, null, repeated or unknown keys, keys in another case,
// invalid UTF-8, malformed text, values that do not fit); the caller then decodes the item with
// encoding/json, which also produces the problem to report. Where it succeeds it gives exactly
// what encoding/json with DisallowUnknownFields gives (FuzzFastDecode checks this).
type fastDecoder struct {
	d  []byte
	i  int
	ok bool
	// noUnit holds the paths of the limits that have no "unit" key, e.g. ".limits.counter".
	noUnit []string
}

// decodeProcedureFast decodes data into p and reports whether it could, and the paths of the
// limits without a "unit" key (relative to the procedure, e.g. ".cases[0].limits.online").
func decodeProcedureFast(data []byte, p *Procedure) (bool, []string) {
	f := fastDecoder{d: data, ok: true}
	f.ws()
	f.procedure(p)
	f.ws()
	return f.ok && f.i == len(f.d), f.noUnit
}

func (f *fastDecoder) fail() bool { f.ok = false; return false }

func (f *fastDecoder) ws() {
	for f.i < len(f.d) {
		switch f.d[f.i] {
		case ' ', '\t', '\n', '\r':
			f.i++
		default:
			return
		}
	}
}

func (f *fastDecoder) peek() byte {
	f.ws()
	if f.i < len(f.d) {
		return f.d[f.i]
	}
	return 0
}

// rawString returns the bytes between the quotes of the string at the cursor and whether it
// holds escapes.
func (f *fastDecoder) rawString() ([]byte, bool, bool) {
	if f.peek() != '"' {
		return nil, false, f.fail()
	}
	esc := false
	for j := f.i + 1; j < len(f.d); j++ {
		switch c := f.d[j]; {
		case c == '\\':
			esc = true
			j++
		case c == '"':
			s := f.d[f.i+1 : j]
			f.i = j + 1
			return s, esc, true
		case c < 0x20:
			return nil, false, f.fail()
		}
	}
	return nil, false, f.fail()
}

func (f *fastDecoder) str() string {
	start := f.i
	raw, esc, ok := f.rawString()
	if !ok {
		return ""
	}
	if esc {
		var s string
		if err := json.Unmarshal(f.d[start:f.i], &s); err != nil || !utf8.ValidString(s) {
			f.fail()
			return ""
		}
		return s
	}
	if !utf8.Valid(raw) {
		f.fail()
		return ""
	}
	return string(raw)
}

func (f *fastDecoder) boolean() bool {
	switch f.peek() {
	case 't':
		if f.lit("true") {
			return true
		}
	case 'f':
		if f.lit("false") {
			return false
		}
	}
	f.fail()
	return false
}

func (f *fastDecoder) lit(s string) bool {
	if len(f.d)-f.i >= len(s) && string(f.d[f.i:f.i+len(s)]) == s {
		f.i += len(s)
		return true
	}
	return false
}

// number returns the JSON number literal at the cursor.
func (f *fastDecoder) number() []byte {
	f.ws()
	j := f.i
	if j < len(f.d) && f.d[j] == '-' {
		j++
	}
	digits := func() int {
		n := 0
		for j < len(f.d) && f.d[j] >= '0' && f.d[j] <= '9' {
			j++
			n++
		}
		return n
	}
	start := j
	if n := digits(); n == 0 || (n > 1 && f.d[start] == '0') {
		f.fail()
		return nil
	}
	if j < len(f.d) && f.d[j] == '.' {
		j++
		if digits() == 0 {
			f.fail()
			return nil
		}
	}
	if j < len(f.d) && (f.d[j] == 'e' || f.d[j] == 'E') {
		j++
		if j < len(f.d) && (f.d[j] == '+' || f.d[j] == '-') {
			j++
		}
		if digits() == 0 {
			f.fail()
			return nil
		}
	}
	tok := f.d[f.i:j]
	f.i = j
	return tok
}

func (f *fastDecoder) integer() int {
	tok := f.number()
	if !f.ok {
		return 0
	}
	n, err := strconv.ParseInt(string(tok), 10, 64)
	if err != nil || int64(int(n)) != n {
		f.fail()
	}
	return int(n)
}

func (f *fastDecoder) dec() decimal.Decimal {
	var text []byte
	if f.peek() == '"' {
		raw, esc, ok := f.rawString()
		if !ok || esc {
			f.fail()
			return decimal.Decimal{}
		}
		text = raw
	} else {
		text = f.number()
	}
	if !f.ok || len(text) > maxDecimalText {
		// A longer text is refused, without parsing it, by the lenient decoder.
		f.fail()
		return decimal.Decimal{}
	}
	v, err := decimal.NewFromString(string(text))
	if err != nil {
		f.fail()
	}
	return v
}

func (f *fastDecoder) agencyCode() AgencyCode {
	s := f.str()
	if !f.ok || s == "" {
		return AgencyCode{}
	}
	c, ok := parseAgencyCode(s)
	if !ok {
		f.fail()
	}
	return c
}

func (f *fastDecoder) date() Date {
	s := f.str()
	if !f.ok {
		return 0
	}
	var d Date
	if d.UnmarshalText([]byte(s)) != nil {
		f.fail()
	}
	return d
}

// object reads an object, calling field for each key; field reads the value and returns false
// for an unknown key. Repeated keys give up.
func (f *fastDecoder) object(field func(key string) bool) {
	if f.peek() != '{' {
		f.fail()
		return
	}
	f.i++
	var seen [32]string
	n := 0
	if f.peek() == '}' {
		f.i++
		return
	}
	for f.ok {
		raw, esc, ok := f.rawString()
		if !ok || esc {
			f.fail()
			return
		}
		key := string(raw)
		for _, k := range seen[:min(n, len(seen))] {
			if k == key {
				f.fail()
				return
			}
		}
		if n >= len(seen) {
			f.fail()
			return
		}
		seen[n] = key
		n++
		if f.peek() != ':' {
			f.fail()
			return
		}
		f.i++
		f.ws()
		if f.i < len(f.d) && f.d[f.i] == 'n' {
			f.fail() // null: encoding/json semantics differ per type
			return
		}
		if !field(key) {
			f.fail()
			return
		}
		switch f.peek() {
		case ',':
			f.i++
		case '}':
			f.i++
			return
		default:
			f.fail()
			return
		}
	}
}

// array reads an array, calling elem for each element.
func (f *fastDecoder) array(elem func()) {
	if f.peek() != '[' {
		f.fail()
		return
	}
	f.i++
	if f.peek() == ']' {
		f.i++
		return
	}
	for f.ok {
		f.ws()
		if f.i < len(f.d) && f.d[f.i] == 'n' {
			f.fail()
			return
		}
		elem()
		switch f.peek() {
		case ',':
			f.i++
		case ']':
			f.i++
			return
		default:
			f.fail()
			return
		}
	}
}

// objectsAhead counts the objects that open the array at the cursor, to size the list of a
// long array at once (a list grown by appending would cost up to twice its size). It reads
// only the array's own text.
func (f *fastDecoder) objectsAhead() int {
	i := skipSpace(f.d, f.i)
	if i >= len(f.d) || f.d[i] != '[' {
		return 0
	}
	n := 0
	for i = skipSpace(f.d, i+1); i < len(f.d) && f.d[i] == '{'; n++ {
		end, ok := skipObject(f.d, i)
		if !ok {
			break
		}
		if i = skipSpace(f.d, end); i >= len(f.d) || f.d[i] != ',' {
			return n + 1
		}
		i = skipSpace(f.d, i+1)
	}
	return n
}

func (f *fastDecoder) strings() []string {
	out := []string{}
	f.array(func() { out = append(out, f.str()) })
	return out
}

func (f *fastDecoder) procedure(p *Procedure) {
	f.object(func(k string) bool {
		switch k {
		case "code":
			p.Code = NationalCode(f.str())
		case "unit":
			p.Unit = f.agencyCode()
		case "version":
			p.Version = f.integer()
		case "effective_from":
			p.EffectiveFrom = f.date()
		case "effective_to":
			p.EffectiveTo = f.date()
		case "name":
			p.Name = f.str()
		case "sector":
			p.Sector = Sector(f.str())
		case "field":
			p.Field = f.str()
		case "levels":
			p.Levels = []Level{}
			f.array(func() {
				l, err := ParseLevel(f.str())
				if err != nil {
					f.fail()
				}
				p.Levels = append(p.Levels, l)
			})
		case "competent_agency":
			f.agency(&p.CompetentAgency)
		case "receiving_agency":
			p.ReceivingAgency = new(Agency)
			f.agency(p.ReceivingAgency)
		case "limits":
			f.limits(&p.Limits, "")
		case "same_day":
			p.SameDay = f.sameDay()
		case "clock":
			p.Clock = f.clock()
		case "cases":
			p.Cases = make([]Case, 0, f.objectsAhead())
			f.array(func() {
				p.Cases = append(p.Cases, Case{})
				f.caseOf(&p.Cases[len(p.Cases)-1], len(p.Cases)-1)
			})
		case "documents":
			p.Documents = f.documents()
		case "fees":
			p.Fees = f.fees()
		case "results":
			p.Results = []Result{}
			f.array(func() {
				var r Result
				f.object(func(k string) bool {
					switch k {
					case "name":
						r.Name = f.str()
					case "code":
						r.Code = f.str()
					default:
						return false
					}
					return true
				})
				p.Results = append(p.Results, r)
			})
		case "online":
			p.Online = OnlineLevel(f.str())
		case "legacy_online_level":
			p.LegacyOnlineLevel = f.integer()
		case "legal_basis":
			p.LegalBasis = f.strings()
		case "inter_agency":
			p.InterAgency = f.boolean()
		case "route":
			p.Route = f.str()
		case "nationwide":
			p.Nationwide = f.boolean()
		case "note":
			p.Note = f.str()
		default:
			return false
		}
		return true
	})
}

func (f *fastDecoder) sameDay() *SameDay {
	s := new(SameDay)
	f.object(func(k string) bool {
		if k != "cutoff" {
			return false
		}
		t, err := calendar.ParseTimeOfDay(f.str())
		if err != nil {
			f.fail()
		}
		s.Cutoff = t
		return true
	})
	return s
}

func (f *fastDecoder) clock() *Clock {
	c := new(Clock)
	f.object(func(k string) bool {
		switch k {
		case "start":
			c.Start = ClockStart(f.str())
		case "start_text":
			c.StartText = f.str()
		case "pauses":
			c.Pauses = []Pause{}
			f.array(func() {
				var ps Pause
				f.object(func(k string) bool {
					switch k {
					case "id":
						ps.ID = f.str()
					case "name":
						ps.Name = f.str()
					case "length":
						ps.Length = f.limit("")
					case "applicant":
						ps.Applicant = f.boolean()
					default:
						return false
					}
					return true
				})
				c.Pauses = append(c.Pauses, ps)
			})
		default:
			return false
		}
		return true
	})
	return c
}

func (f *fastDecoder) agency(a *Agency) {
	f.object(func(k string) bool {
		switch k {
		case "code":
			a.Code = f.agencyCode()
		case "name":
			a.Name = f.str()
		default:
			return false
		}
		return true
	})
}

func (f *fastDecoder) limits(ls *Limits, at string) {
	f.object(func(k string) bool {
		var dst **PublishedLimit
		switch k {
		case "counter":
			dst = &ls.Counter
		case "online":
			dst = &ls.Online
		case "postal":
			dst = &ls.Postal
		default:
			return false
		}
		*dst = f.limit(at + ".limits." + k)
		return true
	})
}

// limit reads a limit at path at (relative to the procedure) and records it in noUnit if it
// has no unit and is not marked unpublished; a pause's length (at "") must have a unit.
func (f *fastDecoder) limit(at string) *PublishedLimit {
	l := new(PublishedLimit)
	unit := false
	f.object(func(k string) bool {
		switch k {
		case "value":
			l.Value = f.dec()
		case "unit":
			u, err := calendar.ParseUnit(f.str())
			if err != nil {
				f.fail()
			}
			l.Unit, unit = u, true
		case "unpublished":
			l.Unpublished = f.boolean()
		default:
			return false
		}
		return true
	})
	if !unit && !l.Unpublished && f.ok {
		if at == "" {
			f.fail()
		} else {
			f.noUnit = append(f.noUnit, at)
		}
	}
	return l
}

func (f *fastDecoder) caseOf(c *Case, j int) {
	f.object(func(k string) bool {
		switch k {
		case "id":
			c.ID = f.str()
		case "name":
			c.Name = f.str()
		case "limits":
			f.limits(&c.Limits, ".cases["+strconv.Itoa(j)+"]")
		case "same_day":
			c.SameDay = f.sameDay()
		case "clock":
			c.Clock = f.clock()
		case "fees":
			c.Fees = f.fees()
		case "documents":
			c.Documents = f.documents()
		case "note":
			c.Note = f.str()
		default:
			return false
		}
		return true
	})
}

func (f *fastDecoder) documents() []Document {
	out := make([]Document, 0, f.objectsAhead())
	f.array(func() {
		var d Document
		f.object(func(k string) bool {
			switch k {
			case "name":
				d.Name = f.str()
			case "originals":
				d.Originals = f.integer()
			case "copies":
				d.Copies = f.integer()
			case "presented":
				d.Presented = f.boolean()
			case "requirement":
				d.Requirement = Requirement(f.str())
			case "condition":
				d.Condition = f.str()
			case "form":
				d.Form = f.str()
			default:
				return false
			}
			return true
		})
		out = append(out, d)
	})
	return out
}

func (f *fastDecoder) fees() []Fee {
	out := make([]Fee, 0, f.objectsAhead())
	f.array(func() {
		var fe Fee
		f.object(func(k string) bool {
			switch k {
			case "id":
				fe.ID = f.str()
			case "name":
				fe.Name = f.str()
			case "kind":
				fe.Kind = FeeKind(f.str())
			case "amount":
				fe.Amount = f.dec()
			case "per":
				fe.Per = f.str()
			case "rate":
				fe.Rate = f.dec()
			case "min":
				fe.Min = f.dec()
			case "max":
				fe.Max = f.dec()
			case "exemptions":
				fe.Exemptions = f.strings()
			case "tiers":
				fe.Tiers = []Tier{}
				f.array(func() {
					var t Tier
					f.object(func(k string) bool {
						switch k {
						case "up_to":
							t.UpTo = int64(f.integer())
						case "amount":
							t.Amount = f.dec()
						default:
							return false
						}
						return true
					})
					fe.Tiers = append(fe.Tiers, t)
				})
			case "per_copy":
				fe.PerCopy = f.boolean()
			case "channels":
				fe.Channels = []Channel{}
				f.array(func() {
					var ch Channel
					if ch.UnmarshalText([]byte(f.str())) != nil {
						f.fail()
					}
					fe.Channels = append(fe.Channels, ch)
				})
			case "currency":
				fe.Currency = f.str()
			case "online_reduction":
				r := new(Reduction)
				f.object(func(k string) bool {
					switch k {
					case "percent":
						r.Percent = f.dec()
					case "from":
						r.From = f.date()
					case "to":
						r.To = f.date()
					case "basis":
						r.Basis = f.str()
					default:
						return false
					}
					return true
				})
				fe.OnlineReduction = r
			case "note":
				fe.Note = f.str()
			default:
				return false
			}
			return true
		})
		out = append(out, fe)
	})
	return out
}

// decodeGroupFast decodes data into g and reports whether it could; like decodeProcedureFast,
// it gives exactly what encoding/json gives where it succeeds.
func decodeGroupFast(data []byte, g *Group) bool {
	f := fastDecoder{d: data, ok: true}
	f.ws()
	f.object(func(k string) bool {
		switch k {
		case "id":
			g.ID = f.str()
		case "name":
			g.Name = f.str()
		case "lead_sector":
			g.LeadSector = Sector(f.str())
		case "members":
			g.Members = []NationalCode{}
			f.array(func() { g.Members = append(g.Members, NationalCode(f.str())) })
		case "legal_basis":
			g.LegalBasis = f.strings()
		case "route":
			g.Route = f.str()
		case "note":
			g.Note = f.str()
		default:
			return false
		}
		return true
	})
	f.ws()
	return f.ok && f.i == len(f.d)
}
