// Package procedure defines administrative procedures (thủ tục hành chính, TTHC) as published in
// the National Database on Administrative Procedures, and the Catalog that loads, validates,
// indexes and versions them.
//
// # Procedures and codes
//
// A Procedure is one published version of a procedure: its national code (NationalCode, format
// N.NNNNNN, e.g. 1.001193), an optional implementing unit for a local instance (the key is then
// 1.001193.000.00.00.H49), version and effective dates, name, sector and field, administrative
// levels, competent and receiving agencies, cases (trường hợp), time limits per channel, the
// same-day rule, documents, fees, results, online service level (Decree 42/2022/NĐ-CP Art. 11),
// legal basis and the inter-agency route. Groups of inter-agency procedures (Circular
// 01/2018/TT-VPCP Art. 4, e.g. the Decree 63/2024/NĐ-CP bundle of birth registration,
// permanent residence and a health-insurance card) are a Group with a lead sector and member
// codes. The JSON form of a catalog is described in testdata/catalog/SCHEMA.md.
//
// The package also holds three types the whole module shares:
//   - AgencyCode, an agency in the structure of QCVN 102:2016/BTTTT, V1V2V3.Z1Z2.Y1Y2.MX1X2
//     ("000.00.12.H49"), or in the short form portals use for units of execution ("H49",
//     "H55.242"); ParseAgencyCode reads both, and a short code prints back as written.
//   - Channel, the way a dossier is submitted: Counter (trực tiếp), Online (trực tuyến), Postal
//     (bưu chính công ích), written "counter", "online", "postal".
//   - Level, the administrative level (cấp thực hiện): Central, Province, District, Commune,
//     ordered from the top. District ends on 2025-06-30 (two-level local government).
//
// # Time limits
//
// Limits are published per channel in working days, working hours, calendar days or months,
// sometimes fractional (1.5 working days); online often differs from counter. A PublishedLimit
// keeps the published value exactly (a decimal) with a calendar.Unit. In a catalog file the
// unit is written "working_days", "working_hours", "days", "months" or "hours" (clock hours of
// elapsed time, for the procedures that publish "Giờ") and may be given in any spelling
// calendar.ParseUnit reads, Vietnamese included ("ngày làm việc", "giờ"); it is always written
// back in the first form. A channel offered without a published limit is {"unpublished": true}:
// Limit and Due answer ErrLimitNotPublished for it rather than invent one. PublishedLimit.Calendar converts to a calendar.Limit: a
// fractional number of working days becomes working hours at HoursPerWorkingDay = 8 (the
// 40-hour week of the civil service, Decision 188/1999/QĐ-TTg), so 1.5 working days is 12
// working hours; a value that is not a whole number of hours, and a fractional number of days
// or months, is refused.
//
// The same-day rule: a procedure with "same_day" gives its result on the working day of
// receipt when the dossier arrives on a working day not after the cut-off, and on the next
// working day otherwise (Decree 61/2018/NĐ-CP Art. 18(2); e.g. procedure 1.001193). The
// cut-off is 15:00 (DefaultCutoff); a procedure sets another with {"cutoff": "16:30"}.
// Procedure.Due applies it unless a case sets its own limit for the channel, and otherwise
// calendar.Calendar.Due with the limit of the channel and case. A case may carry its own
// same-day rule (1.004859: supplementing civil-status information only).
//
// The clock: Due counts from reception. A procedure or case whose limit starts at another event
// ("kể từ ngày nhận đủ hồ sơ hợp lệ", "kể từ khi chủ xe nộp lệ phí") or has periods that do not
// count (a 15-day public posting, the applicant's revisions) says so in its Clock, which
// Procedure.ClockOf returns for the dossier clock to use.
//
// # Validation
//
// Load and LoadFS check every field and then the rules across fields and items; a catalog
// with any problem is never returned, in part or whole. The rules, and how to relax them:
//   - limits are positive, at most 10000, and whole in hours; each procedure offers at least
//     one channel; an online limit needs an online service level other than "none";
//   - a case's limit may be longer than the procedure's: the national records publish such
//     cases (1.010041: 1 working day, 3 when the residence must be verified), so the rule that
//     refused them until issue 14 is gone;
//   - a same-day procedure has no limit over one working day;
//   - from 2025-07-01 local government has two levels (province, commune): a version at
//     district level must end by 2025-06-30 (LoadOptions.LastDistrictDay moves that day,
//     LoadOptions.AllowDistrictLevel lifts the rule);
//   - fees: amounts positive, rates and reductions in (0, 100], bounds ordered, tiers in
//     increasing bands, no amount on a fee the council sets or the record does not publish,
//     currencies ISO 4217 codes, and no decimal with more than 64 digits before or after the
//     point (a longer text is refused unread);
//   - keys: a key given twice in an object, or naming a field in another case ("CODE" for
//     "code"), is a problem, not read as encoding/json would (last wins, case ignored);
//   - (code, unit, version) is unique, the versions of a code do not overlap, case and fee IDs
//     are unique within their procedure, group IDs in the catalog, and group members exist;
//   - texts: identifiers at most MaxIDLen (100) characters, names MaxNameLen (500), free text
//     MaxTextLen (5000); no NUL or other control characters (line breaks and tabs are allowed
//     in free text); files must be UTF-8; dates are written YYYY-MM-DD and must exist.
//
// Every problem has its JSON path and a message in Vietnamese and English; the bad value is
// repeated, cut at 64 characters and marked "…". A ValidationError lists the first 100 problems
// and counts the rest, so that a hostile file cannot make a huge error. Loading takes time and
// memory in proportion to the input, and little of it for bad input: an item with a problem
// keeps nothing but its code and version days for the checks across items, and problems past
// the first 100 are counted without building their paths and messages (1,000,000 empty
// procedures, a 3 MB file, are refused in about 0.2 s with a few megabytes of heap). The
// `validate` struct tags of the types state the rules on single fields ("required", "ttcode",
// "gte=1", …, the Rule of their problems); the package checks them itself. A value that does not decode (a wrong type, a day that does
// not exist) or an unknown key does not hide the item's other problems: each is reported at its
// path, the value is left zero, and the checks run on the rest, leaving out those a zero value
// could cause. Malformed JSON, which cannot be read in part, is reported once with its line and
// column.
//
// # Messages
//
// Every error a person may read has Message(lang language.Tag) (golang.org/x/text/language):
// Vietnamese for any tag whose base language is vi (language.Vietnamese, vi-VN), English for
// any other. Vietnamese messages name fields in Vietnamese and quote only the literal values a
// file may hold. Error() is the English message. Sentinel errors (ErrUnknownCode, ErrNoSuchDate,
// ErrTooLong, …) are testable with errors.Is.
//
// # Versions and look-up
//
// A dossier is judged by the version in force on the day it is received (the date in Vietnam,
// UTC+7): Catalog.Lookup finds it by binary search without allocating. Procedure.InForce takes
// a date.Date (github.com/rickb777/date/v2); from a time.Time t, it is
// date.NewAt(t.In(calendar.Zone())). The catalog is also indexed by sector, field, agency and
// level, and Search matches names without regard to case, diacritics and punctuation (Fold;
// đ/Đ and the Ð of legacy converters fold to d): "khai sinh" finds "Đăng ký khai sinh", "nhan
// cha me con" finds "nhận cha, mẹ, con".
//
// # Fees
//
// Fees are decimal VND (shopspring/decimal), or another currency where published (10 USD per
// copy at a representative mission): fixed, per unit (at one rate or in tiers), or a percentage
// of a declared value within a floor and a cap, which may bound each copy rather than the line;
// a fee may apply to some channels only (1.001612: 50,000 đồng at the counter, 150,000 online);
// a fee the provincial People's Council sets, or the record does not publish, is unknown, not
// free; applicant categories may be exempt; a reduction for online submission applies within
// its validity dates. Provincial People's Councils (HĐND) commonly
// lower online fees by resolution: the reduction is data given with each fee, with the
// resolution in its basis, not a rule of the package. Procedure.AmountDue returns an itemised
// breakdown; each line is rounded half away from zero to whole đồng (cents in another currency)
// and the total is the sum of the rounded lines in đồng, with the other currencies apart.
package procedure
