// Package procedure defines administrative procedures (thủ tục hành chính, TTHC) as published in
// the National Database on Administrative Procedures, and the Catalog that loads, validates,
// indexes and versions them.
//
// # Procedures
//
// A Procedure is one published version of a procedure: national code (format N.NNNNNN, e.g.
// 1.001193; the prefix digit is kept opaque, its meaning is not fixed by any text read), an
// optional implementing unit for a local instance (key 1.001193.000.00.00.H49, unit codes in
// the QCVN 102:2016/BTTTT structure), version and effective dates, name, sector and field,
// administrative levels, competent and receiving agencies, cases (trường hợp), time limits per
// channel, the same-day rule, documents, fees, results, online service level, legal basis and
// the inter-agency route. Groups of inter-agency procedures (Circular 01/2018/TT-VPCP Art. 4,
// e.g. the Decree 63/2024 birth + residence + health-insurance bundle) are a Group with a lead
// sector and member codes. The JSON form is described in testdata/catalog/SCHEMA.md.
//
// # Time limits
//
// Limits are published per channel (counter, online, postal) in working days, working hours,
// calendar days or months, sometimes fractional; online often differs from counter. A Limit
// keeps the published value exactly (a decimal) and converts to calendar.Limit: a fractional
// number of working days becomes working hours at HoursPerWorkingDay = 8 (the 40-hour week of
// Decision 188/1999/QĐ-TTg), so 1.5 working days is 12 working hours; values that are not whole
// hours, and fractional days or months, are rejected. Procedure.Due applies the same-day rule
// when the procedure has one (received on a working day not after its cut-off, 15:00 by default
// after Decree 61/2018 Art. 18(2) and the published rule of e.g. 1.001193: result that working
// day; otherwise the next), and otherwise calendar.Calendar.Due with the limit of the channel
// and case.
//
// # Validation
//
// Load and LoadFS validate every field with validator/v10 and then the rules across fields:
// limits positive and whole in hours; a case limit not longer than the procedure's for the same
// channel (Policy.AllowLongerCaseLimits relaxes it); a same-day procedure has no limit over one
// working day; documents present; fee amounts, rates and bounds consistent, and no decimal with
// more than 64 digits before or after the point (so comparing two stays cheap); (code, unit,
// version) unique; effective ranges of the versions of a code do not overlap; group members
// exist. From 2025-07-01 local government has two levels (province, commune): a version at
// district level must end by 2025-06-30 unless Policy says otherwise (LastDistrictDay,
// AllowDistrictLevel). Every problem is reported at once with its JSON path, in Vietnamese and
// English; a catalog with any problem is never returned, in part or whole. A value that does
// not decode (a wrong type, a date that does not exist) or an unknown key does not hide the
// item's other problems: each is reported at its path, the bad value is left zero, and the
// checks run on the rest, leaving out the problems a zero value could cause (a required value
// missing, a rule that reads it). The checks across items take an item only when the values they
// read decoded; group members are checked against the catalog's codes only when every code
// decoded. Malformed JSON, which cannot be read in part, is reported once with its line and
// column. Input values repeated in messages are cut to 64 characters, marked "…".
//
// # Versions and look-up
//
// A dossier is judged by the version in force on the day it is received (the date in Vietnam,
// UTC+7): Catalog.Lookup finds it by binary search without allocating. The catalog is also
// indexed by sector, field, agency and level, and Search matches names without regard to case
// and diacritics (đ/Đ fold to d): "khai sinh" finds "Đăng ký khai sinh".
//
// # Fees
//
// Fees are decimal VND (shopspring/decimal): fixed, per unit, or a percentage of a declared
// value within a floor and a cap; applicant categories may be exempt; a reduction for online
// submission applies within its validity dates (HĐND resolutions commonly lower online fees; the
// exact legal clause is not verified, so the reduction is data, not a rule). Procedure.AmountDue
// returns an itemised breakdown; each line is rounded half away from zero to whole đồng and the
// total is the sum of the rounded lines.
package procedure
