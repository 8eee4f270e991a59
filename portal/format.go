package portal

// This file holds every name of the portal's interface: the services, the keys of the
// records and of the request, the date layout and the codes of the fields that take codes.
// They come from public integration code, not from a published specification: OpenCPS
// (github.com/VietOpenCPS/opencps-v2, module backend-dossiermgt,
// org/opencps/dossiermgt/action/impl/DVCQGIntegrationActionImpl.java at commit
// b5b943c24574f07c851f7e6595f8b710f6c89d39, and constants/DVCQGIntegrationActionTerm.java),
// which posts them to the National Public Service Portal (Cổng Dịch vụ công quốc gia, DVCQG).
// A change of the portal's interface is a new Format, with its own names here.

// Format names a version of the records' shape: their services, keys, date layout and codes.
// Every Message carries the Format it was written in, so that a message written by one version
// of the library and delivered by another is read as it was meant, or refused.
type Format string

// DVCQG1 is the shape OpenCPS posts to the portal's integration endpoint: the services
// DongBoHoSoMC (one record per dossier) and CapNhatTienDoHoSoMC (one record per processing
// step), dates as yyyyMMddHHmmss in Vietnam time (Asia/Ho_Chi_Minh), every value a string
// (codes included), empty strings for what is not known. It is the default Format.
const DVCQG1 Format = "dvcqg/1"

// The portal's services (the "service" key of a request).
const (
	ServiceDossier  = "DongBoHoSoMC"        // đồng bộ hồ sơ một cửa: the dossier record
	ServiceProgress = "CapNhatTienDoHoSoMC" // cập nhật tiến độ hồ sơ một cửa: a progress record
)

// DateLayout is the layout of every date of the records (Go's form of Java's
// "yyyyMMddHHmmss"), read in Vietnam time whatever the host's zone.
const DateLayout = "20060102150405"

// Codes of LoaiDoiTuong, the kind of applicant (OpenCPS: 2 for an applicant whose ID type is
// "business", 1 otherwise).
const (
	ApplicantPerson       = "1" // công dân
	ApplicantOrganisation = "2" // tổ chức, doanh nghiệp
)

// Codes of HinhThuc, how the result is returned (OpenCPS: 1 when it goes by post). motcua
// does not record a return by post: every record says ReturnAtDesk.
const (
	ReturnAtDesk = "0"
	ReturnByPost = "1"
)

// Codes of TrangThaiBoSung, the state of a supplement request. OpenCPS leaves the key empty:
// these two codes are motcua's assumption, not the portal's documented values.
const (
	SupplementPending  = "0" // asked, not yet supplied
	SupplementSupplied = "1" // supplied
)

// DossierRecord is the record of service DongBoHoSoMC: the whole dossier as the portal shows
// it, sent again after every command that changes it. Every date is in DateLayout, empty when
// it has not happened. Personal data appears only in ChuHoSo, the applicant's name, which the
// portal requires to show the dossier to its owner; the applicant's identifiers, phone,
// e-mail and address are never sent (OpenCPS also sends Email, Fax and SoDienThoai: DVCQG1
// leaves them out).
type DossierRecord struct {
	MaHoSo       string `json:"MaHoSo"`       // dossier code as printed
	MaTTHC       string `json:"MaTTHC"`       // national procedure code (a group's lead procedure)
	TenTTHC      string `json:"TenTTHC"`      // procedure name (a group's name)
	MaLinhVuc    string `json:"MaLinhVuc"`    // national field code (Config.FieldCodes), empty when unknown
	TenLinhVuc   string `json:"TenLinhVuc"`   // field name
	ChuHoSo      string `json:"ChuHoSo"`      // the applicant's name
	LoaiDoiTuong string `json:"LoaiDoiTuong"` // ApplicantPerson or ApplicantOrganisation
	MaDoiTuong   string `json:"MaDoiTuong"`   // the applicant's account at the portal: not known to motcua, empty
	TrichYeuHoSo string `json:"TrichYeuHoSo"` // summary: the procedure name (and case)
	NgayTiepNhan string `json:"NgayTiepNhan"` // official reception
	NgayHenTra   string `json:"NgayHenTra"`   // appointment in force
	// TrangThaiHoSo is the national status code, 1–10 (dossier.State.Status), as text.
	TrangThaiHoSo   string `json:"TrangThaiHoSo"`
	NgayTra         string `json:"NgayTra"`         // result (or refusal) handed over
	ThongTinTra     string `json:"ThongTinTra"`     // return details: empty
	HinhThuc        string `json:"HinhThuc"`        // ReturnAtDesk or ReturnByPost
	NgayKetThucXuLy string `json:"NgayKetThucXuLy"` // end of processing: result ready, refusal, withdrawal, closing
	DonViXuLy       string `json:"DonViXuLy"`       // competent agency, by name when known, else its QCVN 102 code
	// GhiChu is a note: the state in Vietnamese words, never a reason or any free text.
	GhiChu               string             `json:"GhiChu"`
	TaiLieuNop           []SubmittedFile    `json:"TaiLieuNop"`           // documents handed in
	DanhSachLePhi        []Fee              `json:"DanhSachLePhi"`        // fees: motcua's dossier holds none, always empty
	DanhSachHoSoBoSung   []SupplementRecord `json:"DanhSachHoSoBoSung"`   // supplements asked during processing
	DanhSachGiayToKetQua []ResultDocument   `json:"DanhSachGiayToKetQua"` // the result document, once ready
}

// SubmittedFile is one document handed in (TaiLieuNop). motcua knows documents by name only.
type SubmittedFile struct {
	TenTepDinhKem string `json:"TenTepDinhKem"`
}

// Fee is one fee of DanhSachLePhi (OpenCPS's keys; never filled by DVCQG1).
type Fee struct {
	TenPhiLePhi  string `json:"TenPhiLePhi"`
	MaPhiLePhi   string `json:"MaPhiLePhi"`
	HinhThucThu  string `json:"HinhThucThu"`
	Gia          string `json:"Gia"`
	LoaiPhiLePhi string `json:"LoaiPhiLePhi"`
}

// SupplementRecord is one supplement asked during processing (DanhSachHoSoBoSung), with the
// appointment before the request and the one after the supplement (the time limit restarts
// under the default policy).
type SupplementRecord struct {
	HoSoBoSungId       string `json:"HoSoBoSungId"`       // the request's sequence in the dossier's log
	NguoiYeuCauBoSung  string `json:"NguoiYeuCauBoSung"`  // ID of the official who asked
	NoiDungBoSung      string `json:"NoiDungBoSung"`      // the documents asked for, never the free-text reason
	NgayBoSung         string `json:"NgayBoSung"`         // when it was asked
	NgayTiepNhanBoSung string `json:"NgayTiepNhanBoSung"` // when it was supplied; empty until then
	TrangThaiBoSung    string `json:"TrangThaiBoSung"`    // SupplementPending or SupplementSupplied
	// DanhSachGiayToBoSung names the documents asked for.
	DanhSachGiayToBoSung []string `json:"DanhSachGiayToBoSung"`
	NgayHenTraTruoc      string   `json:"NgayHenTraTruoc"` // appointment in force when it was asked
	NgayHenTraMoi        string   `json:"NgayHenTraMoi"`   // appointment after the supplement; empty until supplied
}

// ResultDocument is the result of the dossier (DanhSachGiayToKetQua).
type ResultDocument struct {
	TenGiayTo string `json:"TenGiayTo"` // "Kết quả giải quyết: " and the procedure name
	GiayToId  string `json:"GiayToId"`  // number of the result document (dossier.Resolution.Reference)
}

// ProgressRecord is the record of service CapNhatTienDoHoSoMC: one step of the route started
// or finished. NguoiXuLy is the official's ID (never an applicant's); NoiDungXuLy says what
// happened in fixed words and the step's task, never a reason or any free text.
type ProgressRecord struct {
	MaHoSo                 string `json:"MaHoSo"`
	NguoiXuLy              string `json:"NguoiXuLy"`              // ID of the official who acted
	ChucDanh               string `json:"ChucDanh"`               // title: not known to motcua, empty
	ThoiDiemXuLy           string `json:"ThoiDiemXuLy"`           // when it happened
	PhongBanXuLy           string `json:"PhongBanXuLy"`           // agency of the step, by name when known
	NoiDungXuLy            string `json:"NoiDungXuLy"`            // "Bắt đầu xử lý: …" or "Hoàn thành: …"
	TrangThai              string `json:"TrangThai"`              // national status code after it, as text
	NgayBatDau             string `json:"NgayBatDau"`             // when the step started
	NgayKetThucTheoQuyDinh string `json:"NgayKetThucTheoQuyDinh"` // the step's deadline
}

// Request is the body OpenCPS posts to the portal's integration endpoint: the embedder's
// session token and unit code (which the library never holds), the service, for
// DongBoHoSoMC whether the dossier is already on the portal, and the records. OpenCPS sends
// the header "dstcode" beside it and reads "error_code" in the answer; both are the
// embedder's Sender's business.
type Request struct {
	Session    string `json:"session,omitempty"`
	MaDonVi    string `json:"madonvi,omitempty"`
	Service    string `json:"service"`
	IsUpdating string `json:"isUpdating,omitempty"` // "True" or "False" (DongBoHoSoMC only)
	Data       []any  `json:"data"`
}

// The fixed words DVCQG1 writes in its texts, in place of any free text of the dossier.
const (
	wordsSupplement = "Bổ sung: "            // NoiDungBoSung, before the documents asked for
	wordsResult     = "Kết quả giải quyết: " // TenGiayTo, before the procedure name
	wordsStarted    = "Bắt đầu xử lý"        // NoiDungXuLy of a step started
	wordsDone       = "Hoàn thành"           // NoiDungXuLy of a step finished
	wordsAgain      = "Nhận lại hồ sơ"       // NoiDungXuLy of a step taken back (recall, send back)
)

// The values of Request.IsUpdating.
const (
	updatingTrue  = "True"
	updatingFalse = "False"
)
