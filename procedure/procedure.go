package procedure

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/motcua-go/motcua/calendar"
)

// Date is a calendar day, written "YYYY-MM-DD" in JSON and read strictly (no "2020-13-01").
// Convert with date.Date(d) and Date(date.New(y, m, d)).
type Date date.Date

// String returns "YYYY-MM-DD".
func (d Date) String() string { return date.Date(d).String() }

// MarshalText writes "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "YYYY-MM-DD". The error is a *FieldError wrapping ErrDateFormat for
// another form, or ErrNoSuchDate for a day the calendar does not have ("2025-02-30").
func (d *Date) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s[:4]) || !digits(s[5:7]) || !digits(s[8:]) {
		return &FieldError{Field: "date", Value: s, Err: ErrDateFormat}
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := time.Month(int(s[5]-'0')*10 + int(s[6]-'0'))
	day := int(s[8]-'0')*10 + int(s[9]-'0')
	v := date.New(y, m, day)
	if y < 1 || m < 1 || m > 12 || day < 1 || v.Day() != day {
		return &FieldError{Field: "date", Value: s, Err: ErrNoSuchDate}
	}
	*d = Date(v)
	return nil
}

// NationalCode is a procedure code of the National Database on Administrative Procedures, e.g. "1.001193",
// or a local instance code that appends the implementing unit, e.g. "1.001193.000.00.00.H49".
type NationalCode string

// OnlineLevel is the online public service level of Decree 42/2022 Art. 11.
type OnlineLevel string

// Online service levels.
const (
	FullOnline    OnlineLevel = "full"    // toàn trình
	PartialOnline OnlineLevel = "partial" // một phần
	NotOnline     OnlineLevel = "none"    // not offered online
)

// Sector groups fields (lĩnh vực) into the sectors used for reporting and inter-agency groups.
type Sector string

// Sectors.
const (
	Justice      Sector = "justice"      // tư pháp – hộ tịch, chứng thực
	Land         Sector = "land"         // đất đai
	Construction Sector = "construction" // xây dựng
	Business     Sector = "business"     // đăng ký kinh doanh
	Culture      Sector = "culture"      // văn hóa, thể thao, du lịch
	Labour       Sector = "labour"       // lao động, thương binh và xã hội
	Environment  Sector = "environment"  // tài nguyên, môi trường
	Health       Sector = "health"       // y tế, bảo hiểm y tế
	Education    Sector = "education"    // giáo dục
	Transport    Sector = "transport"    // giao thông
	Security     Sector = "security"     // công an: cư trú, căn cước
	Finance      Sector = "finance"      // tài chính, thuế
	Agriculture  Sector = "agriculture"  // nông nghiệp
	OtherSector  Sector = "other"
)

// Requirement says whether a document is always required or only under a condition.
type Requirement string

// Document requirements.
const (
	Required    Requirement = "required"    // bắt buộc
	Conditional Requirement = "conditional" // theo điều kiện (Condition says when)
)

// FeeKind is the way a fee amount is computed.
type FeeKind string

// Fee kinds.
const (
	FixedFee   FeeKind = "fixed"    // Amount
	PerUnitFee FeeKind = "per_unit" // Amount × quantity of Per
	PercentFee FeeKind = "percent"  // Rate % of a declared value, within [Min, Max]
	// CouncilFee is a fee whose amount the provincial People's Council sets by resolution
	// (Law on Fees and Charges 2015 Art. 21(3)): the national record gives none ("theo Nghị
	// quyết của HĐND"). It is not free: AmountDue reports its line as unknown. A local
	// instance of the procedure replaces it with the amount of its province.
	CouncilFee FeeKind = "council"
	// UnpublishedFee is a fee the record names without an amount for the case at hand (a
	// price list published elsewhere). Like CouncilFee, it is unknown, not free.
	UnpublishedFee FeeKind = "unpublished"
)

// ClockStart is the event from which a time limit counts.
type ClockStart string

// Clock starts. The zero ClockStart is Reception.
const (
	// Reception: the dossier is received (the default; Decree 61/2018 Art. 18).
	Reception ClockStart = "reception"
	// CompleteDossier: a complete and valid dossier is received ("kể từ ngày nhận đủ hồ sơ hợp
	// lệ"), later than reception when the desk accepts a dossier to be completed.
	CompleteDossier ClockStart = "complete_dossier"
	// FeePaid: the applicant pays the fee ("kể từ khi chủ xe nộp lệ phí").
	FeePaid ClockStart = "fee_paid"
	// OtherStart: another event, named by Clock.StartText (an inspection passed, a decision).
	OtherStart ClockStart = "other"
)

// Procedure is one version of an administrative procedure (thủ tục hành chính) as published.
// Versions of the same code have non-overlapping effective ranges; a dossier is judged by the
// version in force on the day it is received.
type Procedure struct {
	// Code is the national code, e.g. "1.001193".
	Code NationalCode `json:"code" validate:"required,ttcode"`
	// Unit is the implementing unit of a local instance; empty for the national template.
	Unit AgencyCode `json:"unit,omitzero"`
	// Version numbers the published versions of Code (from 1).
	Version int `json:"version" validate:"gte=1"`
	// EffectiveFrom is the first day the version is in force.
	EffectiveFrom Date `json:"effective_from" validate:"required"`
	// EffectiveTo is the last day the version is in force; zero when open-ended.
	EffectiveTo Date `json:"effective_to,omitempty"`
	// Name is the published name, e.g. "Đăng ký khai sinh".
	Name string `json:"name" validate:"required"`
	// Sector is the reporting sector of Field.
	Sector Sector `json:"sector" validate:"required,sector"`
	// Field is the published field (lĩnh vực), e.g. "Hộ tịch".
	Field string `json:"field" validate:"required"`
	// Levels are the administrative levels that carry the procedure out.
	Levels []Level `json:"levels" validate:"required,min=1,unique"`
	// CompetentAgency decides the matter (cơ quan có thẩm quyền).
	CompetentAgency Agency `json:"competent_agency"`
	// ReceivingAgency receives the dossier when it differs from CompetentAgency.
	ReceivingAgency *Agency `json:"receiving_agency,omitempty"`
	// Limits are the time limits per channel; a channel without a limit is not offered.
	Limits Limits `json:"limits"`
	// SameDay is set for procedures resolved within the working day of receipt.
	SameDay *SameDay `json:"same_day,omitempty"`
	// Clock says when the limits start and which periods do not count; nil: from reception,
	// every period counts.
	Clock *Clock `json:"clock,omitempty"`
	// Cases are variants (trường hợp) that change the time limit, fees or documents.
	Cases []Case `json:"cases,omitempty" validate:"dive"`
	// Documents make up the dossier (thành phần hồ sơ).
	Documents []Document `json:"documents" validate:"required,min=1,dive"`
	// Fees are the fees and charges (phí, lệ phí); empty when free.
	Fees []Fee `json:"fees,omitempty" validate:"dive"`
	// Results are what the applicant receives (kết quả), e.g. "Giấy khai sinh".
	Results []Result `json:"results" validate:"required,min=1,dive"`
	// Online is the online service level (Decree 42/2022); empty when unknown.
	Online OnlineLevel `json:"online,omitempty" validate:"omitempty,onlinelevel"`
	// LegacyOnlineLevel is the level 1–4 of Decree 43/2011 for old data; 0 when unknown.
	LegacyOnlineLevel int `json:"legacy_online_level,omitempty" validate:"gte=0,lte=4"`
	// LegalBasis lists the legal documents the procedure rests on (căn cứ pháp lý).
	LegalBasis []string `json:"legal_basis" validate:"required,min=1,dive,required"`
	// InterAgency marks a one-stop inter-agency procedure (liên thông).
	InterAgency bool `json:"inter_agency,omitempty"`
	// Route names the inter-agency route (see package routing); required when InterAgency.
	Route string `json:"route,omitempty" validate:"required_if=InterAgency true"`
	// Nationwide marks a procedure that its ministry opened to reception in any province,
	// regardless of administrative boundaries (Decree 118/2025 Art. 36(10): where the data
	// for appraisal are already in national or sector databases and no on-site check is
	// needed). A one-stop desk anywhere may then receive it for the competent agency,
	// besides its own reception scope (onestop.Config.Receivable). false: the province's
	// boundary-free scope only (Art. 14(2)).
	Nationwide bool `json:"nationwide,omitempty"`
	// Note records facts that could not be confirmed, or other remarks.
	Note string `json:"note,omitempty"`
}

// Agency is a competent or receiving agency.
type Agency struct {
	// Code is the QCVN 102 code when the agency is a specific unit; empty for a kind of agency
	// ("Ủy ban nhân dân cấp xã") in a national template.
	Code AgencyCode `json:"code,omitzero"`
	// Name is the agency's name.
	Name string `json:"name" validate:"required"`
}

// Limits holds a time limit per channel.
type Limits struct {
	// Counter is the limit of a dossier submitted at the desk (trực tiếp); nil: not offered.
	Counter *PublishedLimit `json:"counter,omitempty"`
	// Online is the limit of a dossier submitted online (trực tuyến); nil: not offered.
	Online *PublishedLimit `json:"online,omitempty"`
	// Postal is the limit of a dossier sent by post (bưu chính công ích); nil: not offered.
	Postal *PublishedLimit `json:"postal,omitempty"`
}

// PublishedLimit is a time limit as published: an exact value (possibly fractional, e.g. 1.5)
// and a unit. Its calendar form is given by Calendar. In a catalog file both keys are
// required; the unit may be written in any spelling calendar.ParseUnit reads ("working_days",
// "ngày làm việc", "wd", "giờ", …) and is written back as "working_days", "working_hours",
// "days", "months" or "hours" (clock hours).
//
// A channel that is offered but whose limit the record does not publish ("Không có thông
// tin") is written {"unpublished": true}, with no value and no unit: the channel is offered
// (Channels lists it), but Limit and Due answer ErrLimitNotPublished, so that the desk sets
// the appointment itself rather than the library inventing one.
type PublishedLimit struct {
	// Value is the number of units as published, e.g. 1.5; positive, at most 10000.
	Value decimal.Decimal `json:"value"`
	// Unit is the unit of Value; its zero value is calendar.WorkingDays, but a catalog file
	// must name it.
	Unit calendar.Unit `json:"unit"`
	// Unpublished marks a channel offered without a published limit; Value and Unit are then
	// absent.
	Unpublished bool `json:"unpublished,omitempty"`
}

// Clock says when the time limit starts and which periods do not count (thời gian không tính
// vào thời hạn giải quyết), as the record publishes them, for the dossier clock.
type Clock struct {
	// Start is the event the limit counts from; empty means Reception.
	Start ClockStart `json:"start,omitempty"`
	// StartText is the published words, e.g. "kể từ khi chủ xe nộp lệ phí"; required for
	// OtherStart.
	StartText string `json:"start_text,omitempty"`
	// Pauses are the periods that do not count toward the limit, in the order published.
	Pauses []Pause `json:"pauses,omitempty"`
}

// Pause is a period that does not count toward the time limit: a public posting of a fixed
// length, or the time the dossier is with the applicant for revision.
type Pause struct {
	// ID identifies the pause within its clock, e.g. "niem-yet".
	ID string `json:"id"`
	// Name is the published description, e.g. "Niêm yết công khai tại trụ sở UBND cấp xã".
	Name string `json:"name"`
	// Length is the length of the period when fixed (15 days of posting), or the longest an
	// applicant's period may last (1.001193: the applicant confirms the draft online within
	// one day at most); nil when it lasts until an event (the revised dossier comes back).
	Length *PublishedLimit `json:"length,omitempty"`
	// Applicant is set when the period is the applicant's (revisions, supplements): the clock
	// resumes when the applicant acts.
	Applicant bool `json:"applicant,omitempty"`
}

// SameDay is the same-day rule: a dossier received before Cutoff on a working day is resolved
// that day; after it, the next working day.
type SameDay struct {
	// Cutoff is the time of day, written "HH:MM" ("15:00"); zero (absent) means
	// DefaultCutoff, 15:00.
	Cutoff calendar.TimeOfDay `json:"cutoff,omitzero"`
}

// Case is a variant of a procedure (trường hợp). Limits given here replace the procedure's for
// that channel; Fees, when not empty, replace the procedure's fees; Documents are added.
type Case struct {
	// ID identifies the case within the procedure, e.g. "qua-han".
	ID string `json:"id" validate:"required"`
	// Name is the published description, e.g. "Đăng ký khai sinh quá hạn".
	Name string `json:"name" validate:"required"`
	// Limits replace the procedure's limits channel by channel. A case limit may be longer
	// than the procedure's (1.010041: 1 working day, 3 when the residence must be verified).
	Limits Limits `json:"limits,omitzero"`
	// SameDay applies the same-day rule to this case only (1.004859); the case's own limits
	// are then not used for the due time.
	SameDay *SameDay `json:"same_day,omitempty"`
	// Clock, when given, replaces the procedure's clock for this case.
	Clock *Clock `json:"clock,omitempty"`
	// Fees, when not empty, replace the procedure's fees.
	Fees []Fee `json:"fees,omitempty" validate:"dive"`
	// Documents are needed in addition to the procedure's.
	Documents []Document `json:"documents,omitempty" validate:"dive"`
	// Note records remarks on the case (at most MaxTextLen characters).
	Note string `json:"note,omitempty"`
}

// Document is one component of the dossier (thành phần hồ sơ).
type Document struct {
	// Name is the published name of the document, e.g. "Tờ khai đăng ký khai sinh".
	Name string `json:"name" validate:"required"`
	// Originals is the number of originals (bản chính), 0–100.
	Originals int `json:"originals" validate:"gte=0,lte=100"`
	// Copies is the number of copies (bản sao), 0–100.
	Copies int `json:"copies" validate:"gte=0,lte=100"`
	// Presented is set for documents shown at the desk and not filed (xuất trình).
	Presented bool `json:"presented,omitempty"`
	// Requirement is required or conditional; Condition says when a conditional one is needed.
	Requirement Requirement `json:"requirement" validate:"required,requirement"`
	// Condition says when a conditional document is needed (at most MaxTextLen characters).
	Condition string `json:"condition,omitempty" validate:"required_if=Requirement conditional"`
	// Form is the form template code (mẫu đơn, tờ khai), e.g. "Mẫu TP/HT-2020-KS.1".
	Form string `json:"form,omitempty"`
}

// Fee is a fee or charge, in đồng unless Currency says otherwise.
type Fee struct {
	// ID identifies the fee within its procedure or case, e.g. "le-phi".
	ID string `json:"id" validate:"required"`
	// Name is the published name, e.g. "Lệ phí đăng ký khai sinh".
	Name string `json:"name" validate:"required"`
	// Kind is how the amount is computed: fixed, per unit, a percentage, or not known to the
	// catalog (council, unpublished).
	Kind FeeKind `json:"kind" validate:"required,feekind"`
	// Amount is the fixed amount, or the amount per unit.
	Amount decimal.Decimal `json:"amount,omitzero"`
	// Per names the unit of a per-unit fee, e.g. "trang", "bản".
	Per string `json:"per,omitempty" validate:"required_if=Kind per_unit"`
	// Tiers price the units of a per-unit fee in bands instead of Amount: "2.000 đồng/trang for
	// pages 1–2, 1.000 đồng/trang from page 3" is [{"up_to": 2, "amount": "2000"}, {"amount":
	// "1000"}]. Every tier but the last has an UpTo greater than the one before; the last has
	// none.
	Tiers []Tier `json:"tiers,omitempty"`
	// PerCopy computes the fee for one copy (its quantity counts the units of one copy) and
	// charges it for each copy, Min and Max bounding each copy: "tối đa 200.000 đồng/bản" caps
	// each of two copies of a 250-page original, not their sum. FeeQuery.Copies gives the
	// number of copies (1 when not given).
	PerCopy bool `json:"per_copy,omitempty"`
	// Channels limits the fee to dossiers submitted on these channels; empty: every channel.
	// A fee that differs by channel is one fee per channel, in either direction (1.001612:
	// 50,000 đồng at the counter, 150,000 online and by post).
	Channels []Channel `json:"channels,omitempty"`
	// Currency is the ISO 4217 code of the amounts, "VND" when empty; e.g. "USD" for fees
	// published in dollars.
	Currency string `json:"currency,omitempty"`
	// Rate is the percentage of the declared value for a percent fee, e.g. 0.5 for 0.5 %.
	Rate decimal.Decimal `json:"rate,omitzero"`
	// Min is the floor of the computed amount; zero means no floor.
	Min decimal.Decimal `json:"min,omitzero"`
	// Max is the cap of the computed amount; zero means no cap.
	Max decimal.Decimal `json:"max,omitzero"`
	// Exemptions are the applicant categories exempt from the fee, e.g. "poor_household".
	Exemptions []string `json:"exemptions,omitempty" validate:"unique,dive,required"`
	// OnlineReduction lowers the fee for online submission during a period.
	OnlineReduction *Reduction `json:"online_reduction,omitempty"`
	// Note records remarks on the fee (at most MaxTextLen characters).
	Note string `json:"note,omitempty"`
}

// Tier is a band of units of a per-unit fee: units up to UpTo (after those of the tier before)
// cost Amount each.
type Tier struct {
	// UpTo is the last unit of the band (2 for "pages 1–2"); 0 for the last band, which has no
	// end.
	UpTo int64 `json:"up_to,omitempty"`
	// Amount is the amount per unit in the band; positive.
	Amount decimal.Decimal `json:"amount"`
}

// Reduction is a percentage reduction valid from From to To (inclusive; To zero: open-ended).
type Reduction struct {
	// Percent is the share of the fee taken off, in (0, 100].
	Percent decimal.Decimal `json:"percent"`
	// From is the first day of the reduction.
	From Date `json:"from" validate:"required"`
	// To is the last day of the reduction; zero when open-ended.
	To Date `json:"to,omitempty"`
	// Basis is the decision or resolution that grants it.
	Basis string `json:"basis,omitempty"`
}

// Result is a result the applicant receives.
type Result struct {
	// Name is the published name, e.g. "Giấy khai sinh".
	Name string `json:"name" validate:"required"`
	// Code is the result code of the national database, e.g. "KQ.G15.000031".
	Code string `json:"code,omitempty" validate:"omitempty,resultcode"`
}

// Group is a published group of inter-agency procedures (nhóm thủ tục hành chính liên thông),
// e.g. birth registration + permanent residence + health-insurance card for a child under 6.
type Group struct {
	// ID identifies the group in the catalog, e.g. "khai-sinh-thuong-tru-bhyt".
	ID string `json:"id" validate:"required"`
	// Name is the published name of the group.
	Name string `json:"name" validate:"required"`
	// LeadSector is the sector that receives the dossier and leads the group.
	LeadSector Sector `json:"lead_sector" validate:"required,sector"`
	// Members are the codes of the member procedures, lead first.
	Members []NationalCode `json:"members" validate:"min=2,unique,dive,prockey"`
	// LegalBasis lists the documents that publish the group.
	LegalBasis []string `json:"legal_basis,omitempty" validate:"dive,required"`
	// Route names the inter-agency route of the group (see package routing).
	Route string `json:"route,omitempty"`
	// Note records remarks on the group (at most MaxTextLen characters).
	Note string `json:"note,omitempty"`
}

// document is the shape of a catalog file: {"procedures": [...], "groups": [...]}.
type document struct {
	Procedures []Procedure `json:"procedures"`
	Groups     []Group     `json:"groups,omitempty"`
}
