package procedure

import "strconv"

// Channel is a way of submitting a dossier (hình thức nộp hồ sơ; KenhThucHien of the National
// Public Service Portal). The zero Channel is not a channel. In JSON and text it is written
// "counter", "online" or "postal".
type Channel uint16

// Submission channels.
const (
	Counter Channel = iota + 1 // trực tiếp: in person at the one-stop desk
	Online                     // trực tuyến: through a public service portal
	Postal                     // bưu chính công ích: by the public postal service
)

// channels lists the channels in order.
var channels = [...]Channel{Counter, Online, Postal}

// String returns "counter", "online" or "postal", and "Channel(n)" for any other value.
func (c Channel) String() string {
	switch c {
	case Counter:
		return "counter"
	case Online:
		return "online"
	case Postal:
		return "postal"
	}
	return "Channel(" + strconv.Itoa(int(c)) + ")"
}

// Valid reports whether c is Counter, Online or Postal.
func (c Channel) Valid() bool { return c >= Counter && c <= Postal }

// Paper reports whether the channel delivers a paper dossier (counter or postal).
func (c Channel) Paper() bool { return c == Counter || c == Postal }

// MarshalText writes the channel's name; a channel that is not valid is a *FieldError wrapping
// ErrInvalid.
func (c Channel) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, &FieldError{Field: "channel", Value: c.String(), Err: ErrInvalid}
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads a channel's name; any other text is a *FieldError wrapping ErrInvalid.
func (c *Channel) UnmarshalText(b []byte) error {
	for _, x := range channels {
		if x.String() == string(b) {
			*c = x
			return nil
		}
	}
	return &FieldError{Field: "channel", Value: string(b), Err: ErrInvalid}
}

// Level is an administrative level at which a procedure is carried out (cấp thực hiện), and the
// tier of an agency. Levels are ordered from the top: Central < Province < District < Commune;
// Other, the bodies outside that hierarchy, comes last. The zero Level is not a level ("not
// known"). In JSON and text it is written "central", "province", "district", "commune" or
// "other". (It is not a byte, so that a list of levels is never
// read from JSON as base64 text.)
type Level uint16

// Administrative levels. District is abolished from 2025-07-01 (two-level local government,
// Law on the Organisation of Local Government 2025).
const (
	Central  Level = iota + 1 // cấp trung ương: ministries and central agencies
	Province                  // cấp tỉnh: provinces and centrally-run cities
	District                  // cấp huyện: districts, until 2025-06-30
	Commune                   // cấp xã: communes, wards, special zones
	// Other is "Cơ quan khác" of the national database: bodies outside the administrative
	// levels that carry procedures out, such as vehicle inspection facilities (1.013097).
	Other
)

// levels lists the levels in order.
var levels = [...]Level{Central, Province, District, Commune, Other}

// String returns "central", "province", "district", "commune" or "other", and "level(n)" for
// any other value.
func (l Level) String() string {
	switch l {
	case Central:
		return "central"
	case Province:
		return "province"
	case District:
		return "district"
	case Commune:
		return "commune"
	case Other:
		return "other"
	}
	return "level(" + strconv.Itoa(int(l)) + ")"
}

// Valid reports whether l is one of the five levels.
func (l Level) Valid() bool { return l >= Central && l <= Other }

// ParseLevel reads a level's name ("commune"); any other text is a *FieldError wrapping
// ErrInvalid.
func ParseLevel(s string) (Level, error) {
	for _, l := range levels {
		if l.String() == s {
			return l, nil
		}
	}
	return 0, &FieldError{Field: "level", Value: s, Err: ErrInvalid}
}

// MarshalText writes the level's name; a level that is not valid is a *FieldError wrapping
// ErrInvalid.
func (l Level) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, &FieldError{Field: "level", Value: l.String(), Err: ErrInvalid}
	}
	return []byte(l.String()), nil
}

// UnmarshalText reads a level's name as ParseLevel does.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
