// Package motcua is an embeddable library for Vietnam's one-stop-shop
// administrative procedures (cơ chế một cửa, một cửa liên thông).
//
// A citizen or business hands a dossier (hồ sơ) to one desk (Bộ phận Một
// cửa); the desk checks it, issues a receipt with a promised return date,
// routes it through one or several agencies (liên thông) and returns the
// result on time, or apologises in writing and sets a new date. motcua does
// the hard parts of that work once, as pure Go packages an integrator embeds:
//
//   - calendar: when processing time runs — Vietnamese holidays (lunar Tết,
//     compensatory and swapped days, make-up Saturdays), office hours and
//     working-time due dates; calendar/lunar is the Vietnamese lunar calendar.
//   - procedure: what is asked — procedure definitions, versions, documents,
//     fees and time limits, loaded into a validated catalog.
//   - routing: who does it — inter-agency routes and how a time limit is
//     split between the agencies, and who is late.
//   - dossier: one case — the legal lifecycle, its deadline (the promised
//     return time and every re-appointment), the audit log and the slips.
//   - onestop: the office — intake, storage, public lookup, reports,
//     supervision and notifications.
//
// Each package imports only the ones above it in this list. The rules in
// force are chosen by date: Decree 61/2018/NĐ-CP (amended by Decree
// 107/2021/NĐ-CP) until 2025-06-30, Decree 118/2025/NĐ-CP from 2025-07-01;
// holidays follow the Labor Code (2012, then 2019) and each year's
// government notices. A dossier is judged by the rules and the procedure
// version in force when it was received.
//
// One vocabulary runs through the packages: a time limit is a
// calendar.Limit whose unit is written working_days, working_hours, days or
// months (or in Vietnamese: ngày làm việc, giờ làm việc, ngày, tháng)
// wherever the module reads or writes one; a channel is a procedure.Channel,
// an agency code a procedure.AgencyCode; the office's verbs are the dossier
// commands' verbs; everything the module reads or writes as JSON uses
// snake_case keys. Errors are typed (errors.Is and errors.As work on every
// one) and each can be shown to a person with its Message method, in the
// language of a golang.org/x/text/language.Tag: language.Vietnamese, or
// English for any other tag. A message repeats at most 64 characters of an
// input value and never repeats personal data.
//
// The library uses no network, database or logging at run time; its data
// ships embedded, and every time it reads is given to it by the caller.
package motcua
