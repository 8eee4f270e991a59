// Package httpapi serves an onestop.Office over HTTP: the desk's commands, the public lookup
// (as JSON, as a short SMS reply and as the citizen's lookup page /tra-cuu), the sweep, the
// Biểu 06 report and the calendar questions, for software that is not written in Go and for
// a province that runs the office as a service beside its portal.
//
// # Endpoints
//
// Every endpoint is under /v1/ and described by the OpenAPI 3.0 document served at
// /v1/openapi.json (OpenAPI). In short:
//
//	POST /v1/dossiers                                   intake (clerk of the desk)
//	GET  /v1/dossiers/{code}                            public lookup (no key)
//	GET  /v1/dossiers/{code}/sms                        the lookup as ≤ 160 GSM-7 characters (no key)
//	POST /v1/dossiers/{code}/transfer|start|handoff|…   the commands of the desk and agencies
//	POST /v1/dossiers/{code}/consultations              ask an agency's opinion
//	POST /v1/dossiers/{code}/consultations/{id}/answer  answer it
//	POST /v1/online-submissions                         an online dossier received by the system
//	POST /v1/online-submissions/{reference}/acceptance  the desk accepts it (or asks, or refuses)
//	GET  /v1/queue, /v1/sweep, /v1/report               work queue, late dossiers, Biểu 06
//	GET  /v1/evaluation                                 the criteria of Decree 118/2025 Art. 32
//	GET  /v1/calendar/due|days-off|working-days         the working calendar (no key)
//	GET  /tra-cuu?ma={code}                             the lookup page, in Vietnamese
//
// Codes are read as a citizen types them: in any case, with spaces around them.
//
// # Who may do what
//
// Each command needs an actor. The Server knows its clients by API keys (Keys, read with
// ParseKeys), each mapped to an actor: a role (clerk, officer, applicant) and an agency. A
// request sends its key as "Authorization: Bearer <key>"; the key's SHA-256 is compared in
// constant time with every configured hash. A missing or wrong key is 401; a right key whose
// actor the Office refuses (a clerk of another desk, an officer of an agency that does not
// hold the step, an applicant asking to transfer) is 403, and nothing changes. The Office
// decides, by the rules of package dossier; this package adds only that the queue of an
// agency is read by its own clerks or officers, that an officer's sweep lists the alerts of
// its own agency, and that the report and the sweep are not for applicants.
//
// The public lookup (JSON, SMS and page) and the calendar need no key. The lookup shows
// onestop.PublicView, which holds no personal data, and is rate-limited per client address
// (Config.LookupRate, default 5 per second with bursts of 20, for at most 10,000 addresses
// at a time). The address is the connection's; behind a reverse proxy, set Config.ClientAddr
// (ClientAddrHeader) to the header the proxy sets.
//
// # Errors
//
// Every error is an RFC 9457 problem, application/problem+json, with the members type (a
// "urn:motcua:problem:…" URN), title, status, detail (the message of the module's typed
// error, in the language of Accept-Language: Vietnamese by default, English when asked) and
// errors, one per field at fault (the typed error's Field). Personal data is never repeated.
// A 500 says nothing of its cause; the cause goes to Config.Log.
//
// A store that cannot answer now (an error matching onestop.ErrUnavailable, as package
// pgstore's ErrUnavailable and ErrBusy do, or an expired context) is 503 Service Unavailable
// of type unavailable, with "Retry-After: 5" (RetryAfter): nothing changed, the request may be
// sent again. A command whose commit was in doubt (onestop.ErrInDoubt: the store lost its
// connection while saving) is 503 of its own type, outcome-unknown: the command may or may not
// have taken effect, and a client must look the dossier up (its state and log tell) before
// repeating it, for an intake repeated blindly receives the dossier twice (the problem of an
// intake names, in its member code, the code the dossier has if it was received). Neither says
// anything of the cause, which goes to Config.Log as a warning. A panic in a handler (or in a
// Store it calls) is a 500 like any other, logged once with its stack; the server goes on.
//
// Request bodies are JSON objects of at most Config.MaxBody bytes (default 1 MiB): an
// unknown field, trailing data, a wrong type or a malformed document is 400 with what is
// wrong, a larger body 413, another content type 415.
package httpapi
