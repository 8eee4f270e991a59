package dossier

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// UnmarshalJSON decodes a dossier in the encoding of encoding/json (which is unchanged) and
// compacts it as Apply and Replay build it: times in calendar.Zone(), lists without spare
// capacity, and equal strings (agency codes, the intake's fields) shared by the dossier and
// its log. The decoded dossier replaces d whole, keeping only d.Rules (which are not
// encoded); on error d is unchanged. A value of the wrong type or a bad text is reported as
// a *FieldError (on field "dossier", wrapping the decoder's error, with a Vietnamese
// message too); a bad state, command, code or role keeps its own *FieldError or *CodeError.
func (d *Dossier) UnmarshalJSON(b []byte) error {
	if d == nil {
		return errNoDossier()
	}
	type plain Dossier
	var x plain
	if err := json.Unmarshal(b, &x); err != nil {
		return decodeError(err)
	}
	x.Rules = d.Rules
	*d = Dossier(x)
	d.compact()
	return nil
}

// decodeError returns an error of encoding/json as a *FieldError on the dossier, so that its
// message reads in Vietnamese too; this package's own errors are kept.
func decodeError(err error) error {
	var fe *FieldError
	var ce *CodeError
	if errors.As(err, &fe) || errors.As(err, &ce) {
		return err
	}
	return &FieldError{Field: "dossier", Err: jsonError{err}}
}

// jsonError is an error of encoding/json, with its Vietnamese text.
type jsonError struct{ err error }

func (e jsonError) Error() string { return e.Message(language.English) }
func (e jsonError) Unwrap() error { return e.err }

// Message names the problem in lang: the field of a value of the wrong type, or the byte of
// a syntax error.
func (e jsonError) Message(lang language.Tag) string {
	vi := msg.Vietnamese(lang)
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(e.err, &te) && te.Field != "":
		return msg.Pick(lang, "không hợp lệ: trường ", "is not valid: field ") + msg.Quote(te.Field) +
			msg.Pick(lang, " có giá trị sai kiểu", " holds a value of the wrong type")
	case errors.As(e.err, &te):
		return msg.Pick(lang, "không hợp lệ: có giá trị sai kiểu ở byte ", "is not valid: a value of the wrong type at byte ") +
			strconv.FormatInt(te.Offset, 10)
	case errors.As(e.err, &se):
		return msg.Pick(lang, "không phải JSON hợp lệ: lỗi cú pháp ở byte ", "is not valid JSON: syntax error at byte ") +
			strconv.FormatInt(se.Offset, 10)
	case vi:
		return "không phải JSON hợp lệ"
	}
	return "is not valid JSON: " + msg.Clip(e.err.Error())
}

// interner shares equal strings; a dossier has a handful of distinct agency and actor codes.
type interner []string

func (in *interner) get(s string) string {
	if s == "" {
		return s
	}
	for _, x := range *in {
		if x == s {
			return x
		}
	}
	*in = append(*in, s)
	return s
}

// exact returns s without spare capacity.
func exact[T any](s []T) []T {
	if cap(s) == len(s) {
		return s
	}
	if len(s) == 0 {
		return nil
	}
	out := make([]T, len(s))
	copy(out, s)
	return out
}

func inZone(t *time.Time) {
	if !t.IsZero() {
		*t = t.In(calendar.Zone())
	}
}

// compact shares what a decoded dossier holds twice and trims its lists.
func (d *Dossier) compact() {
	codes := make(interner, 0, 8)
	d.Events = exact(d.Events)
	for i := range d.Events {
		ev := &d.Events[i]
		inZone(&ev.At)
		inZone(&ev.StepDue)
		inZone(&ev.Due)
		ev.Actor.ID, ev.Actor.Agency = codes.get(ev.Actor.ID), codes.get(ev.Actor.Agency)
		ev.Code.Unit = codes.get(ev.Code.Unit)
		for j := range ev.Steps {
			s := &ev.Steps[j]
			s.Agency = codes.get(s.Agency)
			inZone(&s.Due)
			inZone(&s.Start)
			inZone(&s.Done)
		}
		if in := ev.Intake; in != nil {
			in.Desk, in.Agency = codes.get(in.Desk), codes.get(in.Agency)
			inZone(&in.Submitted)
		}
	}
	if len(d.Events) > 0 && d.Events[0].Intake != nil {
		in := d.Events[0].Intake
		if d.Procedure == in.Procedure {
			d.Procedure = in.Procedure
		}
		if d.Applicant != nil && *d.Applicant == in.Applicant {
			d.Applicant = &in.Applicant
		}
		if equalStrings(d.Documents, in.Documents) {
			d.Documents = in.Documents[:len(in.Documents):len(in.Documents)]
		}
	}
	d.Documents = exact(d.Documents)
	d.Desk, d.Agency, d.Code.Unit = codes.get(d.Desk), codes.get(d.Agency), codes.get(d.Code.Unit)
	for _, t := range []*time.Time{&d.Submitted, &d.Received, &d.Transferred, &d.Deadline.Due,
		&d.Resolution.At, &d.Resolution.Returned, &d.Resolution.Corrected} {
		inZone(t)
	}
	d.Steps = exact(d.Steps)
	for i := range d.Steps {
		s := &d.Steps[i]
		s.Agency = codes.get(s.Agency)
		inZone(&s.Due)
		inZone(&s.Start)
		inZone(&s.Done)
		if t := d.transferStep(i); t != nil && t.ID == s.ID && t.Task == s.Task {
			s.ID, s.Task = t.ID, t.Task
		}
	}
	d.Supplements = exact(d.Supplements)
	for i := range d.Supplements {
		s := &d.Supplements[i]
		s.Agency = codes.get(s.Agency)
		inZone(&s.Requested)
		inZone(&s.Supplied)
	}
	d.Deadline.History = exact(d.Deadline.History)
	for i := range d.Deadline.History {
		inZone(&d.Deadline.History[i].Due)
	}
	// Encodings without the late flag: the log says whether the result came late.
	if d.State == Resolved || d.State == Refused || d.State == Returned || d.State == Correction {
		if ev := d.last(Resolve, Refuse); ev != nil {
			d.Resolution.Late = d.lateAt(ev.At)
		}
	}
	for i := len(d.Events) - 1; i >= 0 && d.Resolution.Reference != ""; i-- {
		if d.Events[i].Reference == d.Resolution.Reference {
			d.Resolution.Reference = d.Events[i].Reference
			break
		}
	}
}

// transferStep returns step i of the last transfer in the log, if any.
func (d *Dossier) transferStep(i int) *StepRecord {
	for j := len(d.Events) - 1; j >= 0; j-- {
		if d.Events[j].Command == Transfer {
			if i < len(d.Events[j].Steps) {
				return &d.Events[j].Steps[i]
			}
			return nil
		}
	}
	return nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
