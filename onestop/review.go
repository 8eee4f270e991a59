package onestop

import (
	"slices"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/dossier"
)

// Review is the clerk's own finding on a submission, beside the desk's automatic check of the
// procedure, the channel, the competence and the documents listed (Submission.Review). The
// desk checks that the documents are there; only the clerk sees that one is present but
// wrong (unsigned, expired, the wrong form) or that the dossier cannot be accepted for a
// reason the catalog does not know (Decree 61/2018 Art. 17(3); Decree 118/2025 Art.
// 17(1)–(2)).
//
// The zero Review leaves the decision to the automatic check.
type Review struct {
	// Refuse, when not blank, refuses the submission with these reasons (Mẫu 03), whatever
	// the automatic check found; a refusal the check made (outside the desk's competence,
	// channel not offered) keeps its reason and Refuse is added to it. At most
	// dossier.MaxReasonLen characters, lines allowed.
	Refuse string `json:"refuse,omitempty"`
	// Redirect names where the applicant should send a dossier that is not within the
	// desk's competence (Decree 118/2025 Art. 17(2)(a); dossier.Command.Redirect): a QCVN
	// 102 code or a name, printed on the refusal slip. Empty: for a refusal because the
	// competent agency is outside the desk's reach, that agency's code; otherwise none.
	Redirect string `json:"redirect,omitempty"`
	// Redo lists documents handed in but wrong, asked for again with the missing ones in the
	// one complete supplement request at intake (Mẫu 02; Decree 61/2018 Art. 15(3), Decree
	// 118/2025 Art. 16(3)). Reason is then required: what is wrong.
	Redo   []string `json:"redo,omitempty"`
	Reason string   `json:"reason,omitempty"`
	// Verification marks the supplement request as asking for documents the applicant's
	// data already hold (Submission.Electronic) in order to verify them, the one exception to
	// the once-only rule (Decree 118/2025 Art. 5(1)(i); dossier.Command.Verification).
	// Without it such a request is refused with dossier.ErrOnceOnly.
	Verification bool `json:"verification,omitempty"`
}

// checkReview checks the clerk's review and the electronic documents of the submission.
func (c *intakeCheck) checkReview() {
	r := &c.sub.Review
	if err := checkTextLines(r.Refuse, dossier.MaxReasonLen, true); err != nil {
		c.add("Submission.Review.Refuse", "", err)
	}
	if err := checkText(r.Redirect, dossier.MaxReasonLen); err != nil {
		c.add("Submission.Review.Redirect", "", err)
	}
	if err := checkTextLines(r.Reason, dossier.MaxReasonLen, true); err != nil {
		c.add("Submission.Review.Reason", "", err)
	}
	if len(r.Redo) > 0 && strings.TrimSpace(r.Reason) == "" {
		c.add("Submission.Review.Reason", "", ErrRequired)
	}
	checkNames := func(field string, names []string) {
		for i, doc := range names {
			err := checkText(doc, dossier.MaxDocumentLen)
			if err == nil && strings.TrimSpace(doc) == "" {
				err = ErrRequired
			}
			if err != nil && !c.full() {
				c.probs = append(c.probs, &FieldError{Field: field + "[" + strconv.Itoa(i) + "]", Err: err})
			}
		}
	}
	checkNames("Submission.Review.Redo", r.Redo)
	checkNames("Submission.Electronic", c.sub.Electronic)
}

// reviewRefusal adds the clerk's refusal to the automatic one, if any.
func (c *intakeCheck) reviewRefusal() {
	reason := strings.TrimSpace(c.sub.Review.Refuse)
	switch {
	case reason == "":
	case c.refusal == "":
		c.refusal = reason
	default:
		c.refusal += "; " + reason
	}
	if c.sub.Review.Redirect != "" {
		c.redirect = c.sub.Review.Redirect
	}
}

// given is the documents handed in and those the applicant's data already hold: the desk
// pulls the latter into the e-dossier and does not ask for them (Decree 118/2025 Art.
// 17(1)(b)).
func (c *intakeCheck) given() []string {
	if len(c.sub.Electronic) == 0 {
		return c.sub.Documents
	}
	return append(slices.Clip(c.sub.Documents), c.sub.Electronic...)
}

// supplementRequest is the one supplement request at intake: the documents missing, then
// those the clerk found wrong, with the reasons of both.
func (c *intakeCheck) supplementRequest(missing []string) dossier.Command {
	docs := appendNew(slices.Clip(missing), c.sub.Review.Redo)
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, "hồ sơ còn thiếu "+strconv.Itoa(len(missing))+" thành phần")
	}
	if len(c.sub.Review.Redo) > 0 {
		parts = append(parts, strings.TrimSpace(c.sub.Review.Reason))
	}
	reason := strings.Join(append(parts, "đề nghị bổ sung một lần đầy đủ theo danh sách"), "; ")
	return dossier.Command{Kind: dossier.RequestIntakeSupplement, Actor: c.clerk, Attachments: docs,
		Reason: reason, Verification: c.sub.Review.Verification}
}
