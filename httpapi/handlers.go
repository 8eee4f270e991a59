package httpapi

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
)

func itoa(n int) string { return strconv.Itoa(n) }

// done writes the result of a command. A command whose notice could not be delivered took
// effect (the notice waits in the outbox): it is answered as done.
func (s *Server) done(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil && errors.Is(err, onestop.ErrNotDelivered) {
		if s.log != nil {
			s.log.Warn("notice not delivered; it stays in the outbox", "route", r.Pattern)
		}
		err = nil
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if status == http.StatusNoContent {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		return
	}
	writeJSON(w, r, status, v)
}

func (s *Server) intake(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	sub, err := decode[onestop.Submission](w, r, s.maxBody, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.office.Intake(r.Context(), k.Actor, sub)
	status := http.StatusOK
	if res.Decision == onestop.DecisionReceive && res.Code != "" {
		status = http.StatusCreated
		w.Header().Set("Location", "/v1/dossiers/"+url.PathEscape(res.Code))
	}
	s.done(w, r, status, res, err)
}

func (s *Server) lookup(w http.ResponseWriter, r *http.Request) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.office.Lookup(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, v)
}

// Request bodies of the commands.
type (
	reasonBody struct {
		Reason string `json:"reason"`
	}
	documentsBody struct {
		Reason    string   `json:"reason"`
		Documents []string `json:"documents"`
	}
	supplementBody struct {
		Documents []string `json:"documents"`
	}
	apologyBody struct {
		Reason string    `json:"reason"`
		NewDue time.Time `json:"new_due"`
	}
	referenceBody struct {
		Reference string `json:"reference"`
	}
	ratingBody struct {
		Rating    onestop.Rating `json:"rating"`
		Complaint bool           `json:"complaint"`
	}
	answerBody struct {
		Agree *bool  `json:"agree"`
		Note  string `json:"note"`
	}
	emptyBody struct{}
)

// commandSpec is one command on a dossier: the last part of its path, and how it runs.
type commandSpec struct {
	name string
	run  func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error)
}

// body decodes the body of a command; an empty body reads as the zero T when empty.
func body[T any](s *Server, w http.ResponseWriter, r *http.Request, empty bool) (T, error) {
	return decode[T](w, r, s.maxBody, empty)
}

// commandTable lists the commands on a dossier, POST /v1/dossiers/{code}/<name>.
func commandTable() []commandSpec {
	view := func(f func(o *onestop.Office, r *http.Request, a dossier.Actor, code string) (onestop.PublicView, error)) func(*Server, http.ResponseWriter, *http.Request, dossier.Actor, string) (int, any, error) {
		return func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			if _, err := body[emptyBody](s, w, r, true); err != nil {
				return 0, nil, err
			}
			v, err := f(s.office, r, a, code)
			return http.StatusOK, v, err
		}
	}
	withReason := func(f func(o *onestop.Office, r *http.Request, a dossier.Actor, code, reason string) (onestop.PublicView, error)) func(*Server, http.ResponseWriter, *http.Request, dossier.Actor, string) (int, any, error) {
		return func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[reasonBody](s, w, r, true)
			if err != nil {
				return 0, nil, err
			}
			v, err := f(s.office, r, a, code, b.Reason)
			return http.StatusOK, v, err
		}
	}
	return []commandSpec{
		{"transfer", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			if _, err := body[emptyBody](s, w, r, true); err != nil {
				return 0, nil, err
			}
			h, err := s.office.Transfer(r.Context(), a, code)
			return http.StatusOK, h, err
		}},
		{"start", view(func(o *onestop.Office, r *http.Request, a dossier.Actor, code string) (onestop.PublicView, error) {
			return o.Start(r.Context(), a, code)
		})},
		{"handoff", view(func(o *onestop.Office, r *http.Request, a dossier.Actor, code string) (onestop.PublicView, error) {
			return o.Handoff(r.Context(), a, code)
		})},
		{"supplement-request", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[documentsBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			slip, err := s.office.RequestSupplement(r.Context(), a, code, b.Reason, b.Documents)
			return http.StatusOK, slip, err
		}},
		{"verification-request", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[documentsBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			slip, err := s.office.RequestVerification(r.Context(), a, code, b.Reason, b.Documents)
			return http.StatusOK, slip, err
		}},
		{"supplement", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[supplementBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			v, err := s.office.Supplement(r.Context(), a, code, b.Documents)
			return http.StatusOK, v, err
		}},
		{"refusal", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[reasonBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			slip, err := s.office.Refuse(r.Context(), a, code, b.Reason)
			return http.StatusOK, slip, err
		}},
		{"apology", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[apologyBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			slip, err := s.office.Apologise(r.Context(), a, code, b.Reason, b.NewDue)
			return http.StatusOK, slip, err
		}},
		{"result", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[referenceBody](s, w, r, true)
			if err != nil {
				return 0, nil, err
			}
			v, err := s.office.Resolve(r.Context(), a, code, b.Reference)
			return http.StatusOK, v, err
		}},
		{"return", view(func(o *onestop.Office, r *http.Request, a dossier.Actor, code string) (onestop.PublicView, error) {
			return o.Return(r.Context(), a, code)
		})},
		{"withdrawal", withReason(func(o *onestop.Office, r *http.Request, a dossier.Actor, code, reason string) (onestop.PublicView, error) {
			return o.Withdraw(r.Context(), a, code, reason)
		})},
		{"closure", withReason(func(o *onestop.Office, r *http.Request, a dossier.Actor, code, reason string) (onestop.PublicView, error) {
			return o.Close(r.Context(), a, code, reason)
		})},
		{"amendment", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[documentsBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			v, err := s.office.Amend(r.Context(), a, code, b.Reason, b.Documents)
			return http.StatusOK, v, err
		}},
		{"correction-request", withReason(func(o *onestop.Office, r *http.Request, a dossier.Actor, code, reason string) (onestop.PublicView, error) {
			return o.SendForCorrection(r.Context(), a, code, reason)
		})},
		{"correction", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[referenceBody](s, w, r, true)
			if err != nil {
				return 0, nil, err
			}
			v, err := s.office.Correct(r.Context(), a, code, b.Reference)
			return http.StatusOK, v, err
		}},
		{"assessment", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[onestop.Assessment](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			return http.StatusNoContent, nil, s.office.Assess(r.Context(), a, code, b)
		}},
		{"rating", func(s *Server, w http.ResponseWriter, r *http.Request, a dossier.Actor, code string) (int, any, error) {
			b, err := body[ratingBody](s, w, r, false)
			if err != nil {
				return 0, nil, err
			}
			return http.StatusNoContent, nil, s.office.Rate(r.Context(), a, code, b.Rating, b.Complaint)
		}},
	}
}

// command serves one command on a dossier with the actor of the key.
func (s *Server) command(c commandSpec) func(w http.ResponseWriter, r *http.Request, k Key) {
	return func(w http.ResponseWriter, r *http.Request, k Key) {
		if _, err := params(r); err != nil {
			s.fail(w, r, err)
			return
		}
		status, v, err := s.anyCase(w, r, func(code string) (int, any, error) { return c.run(s, w, r, k.Actor, code) })
		s.done(w, r, status, v, err)
	}
}

func (s *Server) consult(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	status, c, err := s.anyCase(w, r, func(code string) (int, any, error) {
		req, err := decode[onestop.ConsultRequest](w, r, s.maxBody, false)
		if err != nil {
			return 0, nil, err
		}
		c, err := s.office.Consult(r.Context(), k.Actor, code, req)
		return http.StatusCreated, c, err
	})
	s.done(w, r, status, c, err)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id < 1 {
		s.fail(w, r, &badInput{kind: kindBadRequest, field: "id",
			vi: "số ý kiến " + msg.Quote(r.PathValue("id")) + " không phải số nguyên dương",
			en: "consultation number " + msg.Quote(r.PathValue("id")) + " is not a positive integer"})
		return
	}
	status, c, err := s.anyCase(w, r, func(code string) (int, any, error) {
		b, err := decode[answerBody](w, r, s.maxBody, false)
		if err != nil {
			return 0, nil, err
		}
		if b.Agree == nil {
			return 0, nil, &badInput{kind: kindBadRequest, field: "agree",
				vi: "thiếu trường \"agree\" (true: đồng ý, false: không đồng ý)", en: "field \"agree\" is required (true: agree, false: disagree)"}
		}
		c, err := s.office.Answer(r.Context(), k.Actor, code, id, *b.Agree, b.Note)
		return http.StatusOK, c, err
	})
	s.done(w, r, status, c, err)
}

// anyCase runs a command on the code of the path as a citizen types it: spaces around it
// are dropped, and a code the Office reads only in capitals (the QCVN 102 unit code's
// letters) is tried again in capitals. The body is read once, up to the limit, and given
// to each try; a malformed code is refused before anything changes, so the second try is
// safe.
func (s *Server) anyCase(w http.ResponseWriter, r *http.Request, run func(code string) (int, any, error)) (int, any, error) {
	buf, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		return 0, nil, decodeError(err, s.maxBody)
	}
	code := strings.TrimSpace(r.PathValue("code"))
	r.Body = io.NopCloser(bytes.NewReader(buf))
	status, v, err := run(code)
	if errors.Is(err, onestop.ErrMalformedCode) {
		if upper := strings.ToUpper(code); upper != code {
			r.Body = io.NopCloser(bytes.NewReader(buf))
			return run(upper)
		}
	}
	return status, v, err
}

// queuePage is the answer to GET /v1/queue.
type queuePage struct {
	Dossiers []onestop.PublicView `json:"dossiers"`
	Next     *onestop.QueueCursor `json:"next,omitempty"` // where the next page starts; absent on the last page
}

func (s *Server) queue(w http.ResponseWriter, r *http.Request, k Key) {
	q, err := params(r, "agency", "state", "limit", "after_due", "after_code")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := requireRole(k, dossier.RoleClerk, dossier.RoleOfficer); err != nil {
		s.fail(w, r, err)
		return
	}
	query := onestop.QueueQuery{Agency: q.Get("agency")}
	if query.Agency == "" {
		query.Agency = k.Actor.Agency
	}
	if query.Agency != k.Actor.Agency {
		s.fail(w, r, &forbidden{vi: "chỉ xem được hàng đợi của cơ quan mình (" + k.Actor.Agency + ")",
			en: "only the queue of the key's own agency (" + k.Actor.Agency + ") may be read"})
		return
	}
	for _, st := range q["state"] {
		var state dossier.State
		if err := state.UnmarshalText([]byte(st)); err != nil {
			s.fail(w, r, &badInput{kind: kindBadRequest, field: "state",
				vi: "trạng thái " + msg.Quote(st) + " không có", en: "state " + msg.Quote(st) + " is not a state"})
			return
		}
		query.States = append(query.States, state)
	}
	if len(query.States) > 16 {
		s.fail(w, r, &badInput{kind: kindBadRequest, field: "state", vi: "quá nhiều trạng thái", en: "too many states"})
		return
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > onestop.MaxQueueLimit {
			s.fail(w, r, &badInput{kind: kindBadRequest, field: "limit",
				vi: "limit phải là số từ 1 đến " + itoa(onestop.MaxQueueLimit), en: "limit must be a number from 1 to " + itoa(onestop.MaxQueueLimit)})
			return
		}
		query.Limit = n
	}
	if v := q.Get("after_due"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.fail(w, r, &badInput{kind: kindBadRequest, field: "after_due",
				vi: "after_due phải là số giây Unix", en: "after_due must be Unix seconds"})
			return
		}
		query.After.Due = n
	}
	query.After.Code = q.Get("after_code")
	views, next, err := s.office.Queue(r.Context(), query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := queuePage{Dossiers: views}
	if page.Dossiers == nil {
		page.Dossiers = []onestop.PublicView{}
	}
	if next != (onestop.QueueCursor{}) {
		page.Next = &next
	}
	writeJSON(w, r, http.StatusOK, page)
}

// alerts is the answer to GET /v1/sweep.
type alerts struct {
	Alerts []onestop.Alert `json:"alerts"`
}

func (s *Server) sweep(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := requireRole(k, dossier.RoleClerk, dossier.RoleOfficer); err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.office.Sweep(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := alerts{Alerts: make([]onestop.Alert, 0, len(all))}
	for _, a := range all {
		// The desk's clerks see every alert; an agency's officers, those of their agency.
		if k.Actor.Role == dossier.RoleClerk || a.Agency == k.Actor.Agency || a.LateAgency == k.Actor.Agency {
			out.Alerts = append(out.Alerts, a)
		}
	}
	writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) report(w http.ResponseWriter, r *http.Request, k Key) {
	from, to, opts, err := periodParams(r, k)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := s.office.Report(r.Context(), from, to, opts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, rep)
}

// periodParams reads the period and the options of a report or an evaluation, which only
// clerks and officers may read.
func periodParams(r *http.Request, k Key) (from, to time.Time, opts onestop.ReportOptions, err error) {
	q, err := params(r, "from", "to", "appointment", "withdrawn", "early_by")
	if err != nil {
		return from, to, opts, err
	}
	if err := requireRole(k, dossier.RoleClerk, dossier.RoleOfficer); err != nil {
		return from, to, opts, err
	}
	if from, err = instantParam(q, "from", true); err != nil {
		return from, to, opts, err
	}
	if to, err = instantParam(q, "to", true); err != nil {
		return from, to, opts, err
	}
	switch q.Get("appointment") {
	case "", "current":
	case "original":
		opts.Appointment = onestop.OriginalAppointment
	default:
		return from, to, opts, choiceError("appointment", "current, original")
	}
	switch q.Get("withdrawn") {
	case "", "resolved":
	case "excluded":
		opts.Withdrawn = onestop.WithdrawnExcluded
	default:
		return from, to, opts, choiceError("withdrawn", "resolved, excluded")
	}
	switch q.Get("early_by") {
	case "", "day":
	case "instant":
		opts.EarlyBy = onestop.EarlyByInstant
	default:
		return from, to, opts, choiceError("early_by", "day, instant")
	}
	return from, to, opts, nil
}

func choiceError(name, choices string) error {
	return &badInput{kind: kindBadRequest, field: name,
		vi: name + " chỉ nhận " + choices, en: name + " takes only " + choices}
}
