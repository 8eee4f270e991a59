package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.up.sql
var migrationFiles embed.FS

// migration is one numbered file of migrations/.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the embedded files NNN_name.up.sql, in order; a gap or a duplicate number
// is an error (TestMigrationsNumbered keeps the shipped set valid).
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || !strings.HasSuffix(rest, ".up.sql") {
			return nil, fmt.Errorf("pgstore: migration file %q is not named NNN_name.up.sql", name)
		}
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(rest, ".up.sql"), sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("pgstore: migration %d (%s) where %d was expected: a gap or a duplicate", m.version, m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the version of the schema this package writes and reads: the number of the
// last embedded migration.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer     PRIMARY KEY,
    name    text        NOT NULL,
    applied timestamptz NOT NULL DEFAULT now()
)`

// claimMigration takes the version's row first: a process migrating at the same time waits on
// its key until this transaction ends, then finds the row (and skips the version) or not (this
// one rolled back, and it applies the version itself).
const claimMigration = `INSERT INTO schema_migrations (version, name) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING`

// Migrate brings the schema of the pool's search_path up to SchemaVersion, applying the
// embedded migrations not yet applied, each in one transaction with its row in
// schema_migrations (so a version is either wholly applied and recorded, or not at all). It is
// idempotent and safe to run from several processes at once: they serialise on the version's
// row, not on an advisory lock. Run it at start-up, before New.
//
// Upgrading: a migration may remove what an older version of this package writes (006 drops
// dossiers.holder for the table dossier_holders), so stop every process of the older version
// before the first process of the newer one migrates; their writes would fail, not corrupt.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	return migrate(ctx, pool, SchemaVersion())
}

// migrate applies the embedded migrations up to version upTo (a test brings a schema to an
// older version, writes rows as that version did, then migrates them).
func migrate(ctx context.Context, pool *pgxpool.Pool, upTo int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if err := ensureMigrationsTable(ctx, pool); err != nil {
		return err
	}
	for _, m := range ms {
		if m.version > upTo {
			break
		}
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			tag, err := tx.Exec(ctx, claimMigration, m.version, m.name)
			if err != nil {
				return err
			}
			if tag.RowsAffected() == 0 {
				return nil // applied already, or by a process that just committed it
			}
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return fmt.Errorf("pgstore: migration %03d_%s: %w", m.version, m.name, err)
			}
			return nil
		})
		if err != nil {
			return classify("migrate", err, false)
		}
	}
	return nil
}

// ensureMigrationsTable creates schema_migrations. Two processes creating it at once may
// collide on the catalog's unique keys (23505), on the relation (42P07) or on its row type
// (42710, "type schema_migrations already exists"); the loser finds the table on its second
// try.
func ensureMigrationsTable(ctx context.Context, pool *pgxpool.Pool) error {
	var err error
	for range 3 {
		if _, err = pool.Exec(ctx, createMigrationsTable); err == nil {
			return nil
		}
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "23505" && pe.Code != "42P07" && pe.Code != "42710") {
			break
		}
	}
	return classify("migrate", err, false)
}
