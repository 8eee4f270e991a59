package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
	"golang.org/x/text/language"
)

// problem is a sentinel of this package, readable in Vietnamese and English; is, when set, is
// the onestop sentinel it also matches (Store, "Failures").
type problem struct {
	en, vi string
	is     error
}

func (p *problem) Error() string { return p.en }

// Is reports whether target is the onestop sentinel p stands for, so that errors.Is(err,
// onestop.ErrUnavailable) holds for ErrUnavailable and ErrBusy, and errors.Is(err,
// onestop.ErrInDoubt) for ErrInDoubt.
func (p *problem) Is(target error) bool { return p.is != nil && target == p.is }

// Message returns the sentinel's text in lang.
func (p *problem) Message(lang language.Tag) string { return msg.Pick(lang, p.vi, p.en) }

// Sentinels of the database's failures. They come wrapped in an *Error; test them with
// errors.Is. ErrUnavailable and ErrBusy also match onestop.ErrUnavailable, and ErrInDoubt
// onestop.ErrInDoubt, so that a caller needs no import of this package to tell them. A stale
// write is not among them: it is onestop.ErrConflict (a *onestop.ConflictError), as from
// every Store.
var (
	// ErrUnavailable: the database could not be reached or the connection was lost before the
	// command was committed. Nothing was written; the command may be tried again.
	ErrUnavailable = &problem{
		en: "the database cannot be reached; nothing was saved, try again",
		vi: "không kết nối được cơ sở dữ liệu; chưa lưu gì, hãy thử lại",
		is: onestop.ErrUnavailable,
	}
	// ErrInDoubt: the connection was lost while the command was being committed, so the
	// database may or may not have kept it. Look the dossier up before trying the command
	// again (its log tells whether it took effect).
	ErrInDoubt = &problem{
		en: "the connection to the database was lost while saving; check the dossier before trying again",
		vi: "mất kết nối cơ sở dữ liệu khi đang lưu; hãy tra cứu hồ sơ trước khi thử lại",
		is: onestop.ErrInDoubt,
	}
	// ErrBusy: the database gave up on the command (a serialisation failure or a deadlock)
	// more times than the store retries it. Nothing was written.
	ErrBusy = &problem{
		en: "the database is busy; nothing was saved, try again",
		vi: "cơ sở dữ liệu đang bận; chưa lưu gì, hãy thử lại",
		is: onestop.ErrUnavailable,
	}
	// ErrDatabase: the database refused a statement for a reason this package does not
	// expect (a schema not migrated, a permission). Error.SQLState says which.
	ErrDatabase = &problem{
		en: "the database refused the operation",
		vi: "cơ sở dữ liệu từ chối thao tác",
	}
)

// Error is a failure of the database, not a fact about a dossier. Err is one of the sentinels
// above; Cause is the driver's error, kept for logs (its text is in English and may name
// tables, never personal data).
type Error struct {
	Op       string // what the store was doing: "create", "update", "get", "next", "deliver", …
	SQLState string // the SQLSTATE of the server's error (e.g. "40001"), "" when there was none
	Err      error  // ErrUnavailable, ErrInDoubt, ErrBusy or ErrDatabase
	Cause    error  // the driver's error
}

// Error returns the message in English.
func (e *Error) Error() string { return e.Message(language.English) }

// Message returns the message in lang: the sentinel's text, with the SQLSTATE when there is one.
func (e *Error) Message(lang language.Tag) string {
	s := msg.Pick(lang, "lưu trữ hồ sơ (", "dossier store (") + e.Op + "): " + e.Err.(*problem).Message(lang)
	if e.SQLState != "" {
		s += " [SQLSTATE " + e.SQLState + "]"
	}
	return s
}

// Unwrap returns the sentinel and the driver's error.
func (e *Error) Unwrap() []error { return []error{e.Err, e.Cause} }

// SQLSTATE codes this package maps (github.com/jackc/pgerrcode names them).
const (
	uniqueViolation      = "23505"
	serializationFailure = "40001"
	deadlockDetected     = "40P01"
	adminShutdown        = "57P01"
	crashShutdown        = "57P02"
	cannotConnectNow     = "57P03"
	queryCanceled        = "57014"
)

// retryable reports whether err is a serialisation failure or a deadlock, after which the
// whole transaction may be run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == serializationFailure || pe.Code == deadlockDetected)
}

// classify maps a driver error to the store's error for op. A cancelled or expired context is
// returned as it is (errors.Is(err, context.Canceled) holds). committing tells whether the
// error came from COMMIT, where a lost connection leaves the outcome in doubt.
func classify(op string, err error, committing bool) error {
	if err == nil {
		return nil
	}
	var own *Error
	if errors.As(err, &own) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if committing {
			return &Error{Op: op, Err: ErrInDoubt, Cause: err}
		}
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case serializationFailure, deadlockDetected:
			return &Error{Op: op, SQLState: pe.Code, Err: ErrBusy, Cause: err}
		case adminShutdown, crashShutdown, cannotConnectNow:
			if committing {
				return &Error{Op: op, SQLState: pe.Code, Err: ErrInDoubt, Cause: err}
			}
			return &Error{Op: op, SQLState: pe.Code, Err: ErrUnavailable, Cause: err}
		case queryCanceled:
			return &Error{Op: op, SQLState: pe.Code, Err: ErrUnavailable, Cause: err}
		}
		return &Error{Op: op, SQLState: pe.Code, Err: ErrDatabase, Cause: err}
	}
	if committing && !pgconn.SafeToRetry(err) {
		return &Error{Op: op, Err: ErrInDoubt, Cause: err}
	}
	return &Error{Op: op, Err: ErrUnavailable, Cause: err}
}
