package httpapi

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// Online dossiers waiting for the desk's acceptance (Decree 118/2025 Art. 17(2)): the province
// system records a submission from the National Public Service Portal
// (POST /v1/online-submissions, onestop.Office.ReceiveOnline), the desk accepts it, asks once
// for corrections or refuses it (…/{reference}/acceptance, Office.Accept), and the applicant
// hands the corrections in (…/{reference}/resubmission, Office.Resubmit). {reference} is the
// portal's reference of the submission (Submission.Reference).

// receiveOnline serves POST /v1/online-submissions: for the desk's system (a clerk key of
// the desk) or a portal acting for applicants (an applicant key).
func (s *Server) receiveOnline(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := requireRole(k, dossier.RoleClerk, dossier.RoleApplicant); err != nil {
		s.fail(w, r, err)
		return
	}
	if k.Actor.Role == dossier.RoleClerk && k.Actor.Agency != s.office.Desk() {
		s.fail(w, r, &forbidden{vi: "cán bộ của bộ phận một cửa khác không nhận hồ sơ cho bộ phận này",
			en: "a clerk of another desk may not receive for this desk"})
		return
	}
	sub, err := decode[onestop.Submission](w, r, s.maxBody, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.office.ReceiveOnline(r.Context(), sub)
	if err == nil {
		w.Header().Set("Location", "/v1/online-submissions/"+url.PathEscape(p.Reference))
	}
	s.done(w, r, http.StatusCreated, p, err)
}

// accept serves POST /v1/online-submissions/{reference}/acceptance: the desk's decision, with
// the clerk's own review (optional) as the body.
func (s *Server) accept(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	review, err := decode[onestop.Review](w, r, s.maxBody, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.office.Accept(r.Context(), k.Actor, strings.TrimSpace(r.PathValue("reference")), review)
	status := http.StatusOK
	if res.Decision == onestop.DecisionReceive && res.Code != "" {
		status = http.StatusCreated
		w.Header().Set("Location", "/v1/dossiers/"+url.PathEscape(res.Code))
	}
	s.done(w, r, status, res, err)
}

// resubmit serves POST /v1/online-submissions/{reference}/resubmission: the corrections
// handed in (applicant or clerk).
func (s *Server) resubmit(w http.ResponseWriter, r *http.Request, k Key) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := decode[supplementBody](w, r, s.maxBody, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.office.Resubmit(r.Context(), k.Actor, strings.TrimSpace(r.PathValue("reference")), b.Documents)
	s.done(w, r, http.StatusOK, v, err)
}

// evaluate serves GET /v1/evaluation: the criteria of Decree 118/2025 Art. 32(1) for a
// period (clerk or officer).
func (s *Server) evaluate(w http.ResponseWriter, r *http.Request, k Key) {
	from, to, opts, err := periodParams(r, k)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ev, err := s.office.Evaluate(r.Context(), from, to, opts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, ev)
}
