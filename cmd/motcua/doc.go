// Command motcua asks the motcua library from the command line: due times, days off, working
// days, lunar dates, the procedure catalog and inter-agency route plans. It is meant for test
// suites and scripts written in any language (Java, .NET, PHP, Python…): results are JSON on
// standard output, and `motcua due --jsonl` answers thousands of cases in one process.
//
// Install:
//
//	go install github.com/motcua-go/motcua/cmd/motcua@latest
//
// # Commands
//
//	motcua due --received 2026-02-13T16:20:00+07:00 --limit "5 ngày làm việc"
//	motcua due --received 2026-03-10T15:30:00+07:00 --same-day 15:00
//	motcua due --received 2026-03-10T09:10:00+07:00 --limit 3wd --policy civil_code
//	motcua due --jsonl < cases.jsonl > results.jsonl
//	motcua days-off 2026 [--format json|csv]
//	motcua working-days --from 2026-02-13 --to 2026-02-25
//	motcua lunar 2026-02-17
//	motcua solar --lunar 2026-01-01 [--leap]
//	motcua catalog validate my-catalog.json
//	motcua catalog show 1.001193 [--at 2026-03-10]
//	motcua catalog search "khai sinh" [--at 2026-03-10]
//	motcua plan --procedure 1.012787 --received 2026-02-11T09:00:00+07:00 --channel online
//	motcua serve --addr 127.0.0.1:8080 --keys keys.json [--store postgres://…]
//
// Every command has --help, with an example. Flags may come before or after the arguments.
//
// due gives one JSON object with received, limit (in its canonical spelling, e.g.
// "5 working_days"), limit_text, policy and due. Limits are read by calendar.ParseLimit:
// short forms ("5wd", "12wh", "3d", "1m"), Vietnamese ("5 ngày làm việc", "12 giờ làm việc",
// "3 ngày", "1 tháng") and catalog spellings ("3 working_days"). --same-day HH:MM applies the
// same-day rule instead of a limit (calendar.Calendar.SameDayDue); --policy civil_code counts
// from the next working day (Civil Code 2015 Art. 147–148) instead of from the moment of
// receipt (working_time, the default).
//
// days-off lists every day that differs from the Monday–Friday week with its kind, name and
// document; its output (JSON or CSV) is a schedule file that --calendar reads back.
// working-days counts the working days in (--from, --to]. lunar and solar convert dates of
// Vietnam's lunar calendar (UTC+7).
//
// catalog validate checks a catalog file (or a folder of *.json files) as procedure.Load
// does and writes every problem with its file, JSON path, rule and message (the first 100;
// "more" counts the rest); the exit status is 1 when the catalog is not valid. catalog show
// gives a procedure (the version in force on --at, else the latest), catalog search finds
// procedures by name without regard to case and diacritics.
//
// plan gives the due time of a dossier and its route plan: each step with its agency (code
// and name), task, allotted working time, start and deadline, chosen as package onestop
// chooses it (the first selection rule that matches, else the route the procedure names;
// a single-agency procedure has one step, its competent agency).
//
// serve runs a one-stop office as an HTTP service (package httpapi): the desk's and the
// agencies' commands under /v1/ for the clients of --keys (a JSON file of each client's name,
// the SHA-256 of its API key and its actor), the public lookup as JSON, as an SMS reply and as
// the page /tra-cuu, and the calendar; the OpenAPI document is at /v1/openapi.json. --store is
// memory (the default; the dossiers are lost when it stops) or a postgres:// URL (pgstore,
// migrated at start); --desk names the desk (default the sample's, 000.00.31.H49); --clock
// real (default) or an RFC 3339 instant for a fake clock standing still there. It stops
// cleanly on SIGTERM or Ctrl-C, letting the requests under way finish for 15 s, and logs one
// line per request on standard error (method, route pattern, status, duration; never the
// path, the client's address or its key). Timeouts: 10 s for the headers, 30 s to read a
// request, 60 s to write the response, 2 minutes for an idle connection.
//
// # The embedder's data
//
// By default the commands use the data the library embeds: the civil-service calendar
// (calendar.Default), the sample catalog (procedure.Sample), the sample routes and directory
// (routing.SampleSet, routing.SampleDirectory). Give your own with:
//
//   - --calendar FILE: a schedule of days off (CSV or JSON, see calendar.ParseSchedule),
//     ranked above the embedded schedules (due, days-off, working-days, plan);
//   - --catalog FILE or FOLDER: a procedure catalog (catalog show, catalog search, plan);
//   - --directory FILE: the administrative map (routing.ParseDirectory; plan);
//   - --routes FILE: {"routes": [route, …], "rules": [rule, …], "default": "name"}, each route
//     as routing.ParseRoute reads it and each rule as routing.ParseRules does (plan).
//
// plan binds a route's roles to the applicant's commune, --locality; with the sample
// directory and no --locality it is the Vân Đồn special zone (000.00.31.H49; before
// 2025-07-01 the commune of Đông Xá, 000.10.21.H49).
//
// # due --jsonl
//
// Each line of standard input is a JSON object:
//
//	{"id": "case-1", "received": "2026-02-13T15:00:00+07:00", "limit": "3wd"}
//	{"id": 2, "received": "2026-03-10T15:01:00+07:00", "same_day": "15:00"}
//	{"id": "c", "received": "2026-03-10T09:10:00+07:00", "limit": "3wd", "policy": "civil_code"}
//
// "received" is required, and "limit" or "same_day" (unless --same-day is given for the whole
// run); "id" (a string or a number) is echoed back; "policy" and "same_day" on a line win over
// the flags; other keys are ignored, so a line may carry its expected answer. Each input line
// gives one output line, in order, with the line number:
//
//	{"id":"case-1","line":1,"received":"2026-02-13T15:00:00+07:00","limit":"3 working_days","due":"2026-02-25T15:00:00+07:00"}
//	{"id":2,"line":2,"received":"2026-03-10T15:01:00+07:00","same_day":"15:00","due":"2026-03-11T17:00:00+07:00"}
//
// A line that cannot be answered (not JSON, a missing or bad value, longer than 1 MiB) gets
// {"id":…,"line":n,"error":"…"} and the run goes on; the exit status is then 1, and standard
// error says how many lines failed. Blank lines and a byte-order mark at the start are
// skipped; a line may end in CR LF. Output is flushed whenever the input has no more data
// ready, so a program may also write one line and wait for its answer.
//
// # Times, languages, exit status
//
// Instants are read in RFC 3339 with any offset ("2026-02-13T09:20:00Z"), or without an offset
// as a time in Vietnam ("2026-02-13T16:20"); they are written in RFC 3339 at UTC+7, whatever
// the time zone of the host. Dates are YYYY-MM-DD.
//
// Messages are in Vietnamese by default; --lang en gives English (before or after the command
// name). A bad command line gives one line on standard error, never a stack trace.
//
// Exit status: 0 success; 1 a domain failure (an invalid catalog, a --jsonl line that failed,
// a data file that cannot be read or is not valid, a procedure not in the catalog); 2 a usage
// error (an unknown command or flag, a missing or malformed value).
package main
