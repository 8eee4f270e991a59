package pgstore

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/motcua-go/motcua/onestop"
	"golang.org/x/text/language"
)

// TestClassify maps each server error and connection failure to its sentinel, by SQLSTATE and
// never by text.
func TestClassify(t *testing.T) {
	type want struct {
		Sentinel string
		SQLState string
	}
	name := func(err error) want {
		var e *Error
		if !errors.As(err, &e) {
			if err == nil {
				return want{Sentinel: "nil"}
			}
			return want{Sentinel: "untyped: " + err.Error()}
		}
		for n, s := range map[string]error{"unavailable": ErrUnavailable, "in doubt": ErrInDoubt, "busy": ErrBusy, "database": ErrDatabase} {
			if errors.Is(err, s) {
				return want{n, e.SQLState}
			}
		}
		return want{"?", e.SQLState}
	}
	pgErr := func(code string) error { return &pgconn.PgError{Code: code, Message: "text that must not matter"} }
	for _, tc := range []struct {
		name       string
		err        error
		committing bool
		want       want
	}{
		{"serialisation failure", pgErr("40001"), false, want{"busy", "40001"}},
		{"deadlock", pgErr("40P01"), false, want{"busy", "40P01"}},
		{"admin shutdown (restart)", pgErr("57P01"), false, want{"unavailable", "57P01"}},
		{"admin shutdown at commit", pgErr("57P01"), true, want{"in doubt", "57P01"}},
		{"starting up", pgErr("57P03"), false, want{"unavailable", "57P03"}},
		{"statement cancelled", pgErr("57014"), false, want{"unavailable", "57014"}},
		{"undefined table", pgErr("42P01"), false, want{"database", "42P01"}},
		{"unique violation elsewhere", pgErr("23505"), false, want{"database", "23505"}},
		{"connection lost", io.ErrUnexpectedEOF, false, want{"unavailable", ""}},
		{"connection lost at commit", io.ErrUnexpectedEOF, true, want{"in doubt", ""}},
		{"nil", nil, false, want{Sentinel: "nil"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, name(classify("update", tc.err, tc.committing))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// A cancelled context stays itself, unless the commit was under way.
	if err := classify("get", context.Canceled, false); err != context.Canceled {
		t.Errorf("cancelled read = %v, want context.Canceled", err)
	}
	if err := classify("update", context.Canceled, true); !errors.Is(err, ErrInDoubt) || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled commit = %v, want ErrInDoubt wrapping context.Canceled", err)
	}
}

// TestErrorMessage: a clerk reads the failure in Vietnamese or English; the SQLSTATE is kept.
func TestErrorMessage(t *testing.T) {
	e := classify("update", &pgconn.PgError{Code: "40001"}, false).(*Error)
	for _, tc := range []struct {
		lang language.Tag
		want string
	}{
		{language.Vietnamese, "lưu trữ hồ sơ (update): cơ sở dữ liệu đang bận; chưa lưu gì, hãy thử lại [SQLSTATE 40001]"},
		{language.English, "dossier store (update): the database is busy; nothing was saved, try again [SQLSTATE 40001]"},
	} {
		if got := e.Message(tc.lang); got != tc.want {
			t.Errorf("Message(%v) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	if e.Error() != e.Message(language.English) {
		t.Errorf("Error() = %q", e.Error())
	}
}

// TestOnestopSentinels: a caller that knows only package onestop tells a store that cannot
// answer now (ErrUnavailable, ErrBusy) from a commit in doubt (ErrInDoubt), and neither from a
// refusal of the database (ErrDatabase), which is no passing failure.
func TestOnestopSentinels(t *testing.T) {
	type match struct{ Unavailable, InDoubt bool }
	for _, tc := range []struct {
		name string
		err  error
		want match
	}{
		{"unreachable", classify("get", io.ErrUnexpectedEOF, false), match{Unavailable: true}},
		{"busy", classify("update", &pgconn.PgError{Code: "40001"}, false), match{Unavailable: true}},
		{"in doubt", classify("update", io.ErrUnexpectedEOF, true), match{InDoubt: true}},
		{"refused", classify("get", &pgconn.PgError{Code: "42P01"}, false), match{}},
		{"cancelled", classify("get", context.Canceled, false), match{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := match{errors.Is(tc.err, onestop.ErrUnavailable), errors.Is(tc.err, onestop.ErrInDoubt)}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%v (-want +got):\n%s", tc.err, diff)
			}
		})
	}
}

// TestMigrationsNumbered: the embedded migrations are numbered 1, 2, 3, … without a gap.
func TestMigrationsNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || SchemaVersion() != len(ms) {
		t.Fatalf("%d migrations, SchemaVersion %d", len(ms), SchemaVersion())
	}
}
