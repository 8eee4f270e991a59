package portal

import (
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"golang.org/x/text/language"
)

// Date writes t as the records do: DateLayout in Vietnam time (calendar.Zone, UTC+7) whatever
// the zone t is in and whatever the host's zone; the zero time is the empty string.
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Zone()).Format(DateLayout)
}

// status writes a national status code as the records do.
func status(s dossier.State) string { return strconv.Itoa(int(s.Status())) }

// names are what a record takes from the record's public view and the configuration.
type names struct {
	code, procedure, procedureName, agency string
	field, fieldCode                       string
	steps                                  []onestop.PublicStep
}

func (p *Publisher) namesOf(rec onestop.Record) names {
	d := rec.Dossier
	n := names{code: d.Code.String(), procedure: d.Procedure.Code, procedureName: d.Procedure.Name, agency: d.Agency,
		field: rec.Summary.Field}
	if v := rec.Public; v != nil {
		n.code, n.procedure, n.procedureName, n.steps = v.Code, v.Procedure, v.ProcedureName, v.Steps
		if v.AgencyName != "" {
			n.agency = v.AgencyName
		}
	}
	n.fieldCode = p.fieldCodes[n.field]
	return n
}

// dossierRecord is the DongBoHoSoMC record of d.
func dossierRecord(d *dossier.Dossier, n names) DossierRecord {
	r := DossierRecord{
		MaHoSo: n.code, MaTTHC: n.procedure, TenTTHC: n.procedureName, MaLinhVuc: n.fieldCode, TenLinhVuc: n.field,
		LoaiDoiTuong: ApplicantPerson, TrichYeuHoSo: n.procedureName,
		NgayTiepNhan: Date(d.Received), NgayHenTra: Date(d.Deadline.Due), TrangThaiHoSo: status(d.State),
		NgayTra: Date(d.Resolution.Returned), HinhThuc: ReturnAtDesk, NgayKetThucXuLy: Date(d.Resolution.At),
		DonViXuLy: n.agency, GhiChu: d.State.Name(language.Vietnamese),
		TaiLieuNop: []SubmittedFile{}, DanhSachLePhi: []Fee{}, DanhSachHoSoBoSung: []SupplementRecord{},
		DanhSachGiayToKetQua: []ResultDocument{},
	}
	if a := d.Applicant; a != nil {
		r.ChuHoSo = a.Name
		if a.Kind == dossier.Organisation {
			r.LoaiDoiTuong = ApplicantOrganisation
		}
	}
	for _, doc := range d.Documents {
		r.TaiLieuNop = append(r.TaiLieuNop, SubmittedFile{TenTepDinhKem: doc})
	}
	var due time.Time
	for _, ev := range d.Events {
		switch ev.Command {
		case dossier.RequestSupplement:
			r.DanhSachHoSoBoSung = append(r.DanhSachHoSoBoSung, SupplementRecord{
				HoSoBoSungId: strconv.Itoa(ev.Seq), NguoiYeuCauBoSung: official(ev.Actor),
				NoiDungBoSung: wordsSupplement + strings.Join(ev.Attachments, "; "), NgayBoSung: Date(ev.At),
				TrangThaiBoSung: SupplementPending, DanhSachGiayToBoSung: append([]string{}, ev.Attachments...),
				NgayHenTraTruoc: Date(due)})
		case dossier.Supplement:
			if k := len(r.DanhSachHoSoBoSung) - 1; k >= 0 {
				s := &r.DanhSachHoSoBoSung[k]
				s.NgayTiepNhanBoSung, s.TrangThaiBoSung = Date(ev.At), SupplementSupplied
				if !ev.Due.IsZero() {
					s.NgayHenTraMoi = Date(ev.Due)
				} else {
					s.NgayHenTraMoi = Date(due)
				}
			}
		}
		if !ev.Due.IsZero() {
			due = ev.Due
		}
	}
	if !d.Resolution.At.IsZero() && !d.Resolution.Refused {
		switch d.State {
		case dossier.Resolved, dossier.Returned, dossier.Correction:
			r.DanhSachGiayToKetQua = append(r.DanhSachGiayToKetQua, ResultDocument{
				TenGiayTo: wordsResult + n.procedureName, GiayToId: d.Resolution.Reference})
		}
	}
	return r
}

// official is the ID of an official who acted, never an applicant's.
func official(a dossier.Actor) string {
	if a.Role == dossier.RoleClerk || a.Role == dossier.RoleOfficer {
		return a.ID
	}
	return ""
}

// progress is one step started or finished, found in the log.
type progress struct {
	ev    *dossier.Event
	step  int // index in the route's steps
	done  bool
	again bool // the step was taken back (recall, send back)
	rec   dossier.StepRecord
}

// progressOf walks the log of d and returns the steps started or finished by the events
// from seq from on (1: all), in the order they happened: a hand-over finishes a step before
// it starts the next.
func progressOf(d *dossier.Dossier, from int) []progress {
	var (
		steps []dossier.StepRecord
		cur   int
		out   []progress
	)
	emit := func(ev *dossier.Event, i int, done, again bool) {
		if ev.Seq < from || i < 0 || i >= len(steps) {
			return
		}
		out = append(out, progress{ev: ev, step: i, done: done, again: again, rec: steps[i]})
	}
	for k := range d.Events {
		ev := &d.Events[k]
		switch ev.Command {
		case dossier.Transfer:
			steps, cur = append([]dossier.StepRecord{}, ev.Steps...), 0
		case dossier.Start:
			if len(steps) > 0 {
				steps[0].Start = ev.At
				emit(ev, 0, false, false)
			}
		case dossier.Handoff:
			if cur+1 < len(steps) {
				steps[cur].Done = ev.At
				emit(ev, cur, true, false)
				cur++
				steps[cur].Start = ev.At
				emit(ev, cur, false, false)
			}
		case dossier.Recall, dossier.SendBack:
			if cur > 0 && cur < len(steps) {
				steps[cur].Start = time.Time{}
				cur--
				steps[cur].Done = time.Time{}
				emit(ev, cur, false, true)
			}
		case dossier.Resolve, dossier.Refuse:
			if ev.From == dossier.InProcess && cur < len(steps) {
				steps[cur].Done = ev.At
				emit(ev, cur, true, false)
			}
		}
	}
	return out
}

// progressRecord is the CapNhatTienDoHoSoMC record of a step started or finished, with the
// national status after its event.
func progressRecord(pr progress, n names) ProgressRecord {
	agency, task := pr.rec.Agency, pr.rec.Task
	if pr.step < len(n.steps) {
		if s := n.steps[pr.step]; s.Agency == agency {
			if s.AgencyName != "" {
				agency = s.AgencyName
			}
			if s.TaskName != "" {
				task = s.TaskName
			}
		}
	}
	what := wordsStarted
	switch {
	case pr.done:
		what = wordsDone
	case pr.again:
		what = wordsAgain
	}
	if task != "" {
		what += ": " + task
	}
	return ProgressRecord{MaHoSo: n.code, NguoiXuLy: official(pr.ev.Actor), ThoiDiemXuLy: Date(pr.ev.At),
		PhongBanXuLy: agency, NoiDungXuLy: what, TrangThai: status(pr.ev.To), NgayBatDau: Date(pr.rec.Start),
		NgayKetThucTheoQuyDinh: Date(pr.rec.Due)}
}
