package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// FerretDB's PostgreSQL backend pushes an equality filter down as `_jsonb->'field' @> value`,
// which its own b-tree indexes on `(_jsonb->'field')` cannot serve: every lookup would scan.
// A GIN jsonb_path_ops index on the same expression serves `@>`. This keeper reads FerretDB's
// own metadata (which table holds which collection, which fields its indexes name) and gives
// every indexed top-level field, `_id` included, such a twin, so the services' declared
// indexes are the ones used. Indexes on dotted paths are left alone (FerretDB queries those
// with `#>`).

const keepEvery = 2 * time.Second

type collectionMetadata struct {
	Table   string `json:"table"`
	Indexes []struct {
		Key map[string]any `json:"key"`
	} `json:"indexes"`
}

func keepGinIndexes(ctx context.Context, url string) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		log.Printf("gin indexes: %v", err)
		return
	}
	defer pool.Close()
	for {
		if err := ensureGinIndexes(ctx, pool); err != nil && ctx.Err() == nil {
			// a collection dropped meanwhile, or PostgreSQL restarting: the next pass catches up
			log.Printf("gin indexes: %v; retrying", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(keepEvery):
		}
	}
}

func ensureGinIndexes(ctx context.Context, pool *pgxpool.Pool) error {
	schemas, err := collect[string](ctx, pool, `SELECT table_schema FROM information_schema.tables WHERE table_name = '_ferretdb_database_metadata'`)
	if err != nil {
		return err
	}
	existing, err := collect[string](ctx, pool, `SELECT indexname FROM pg_indexes WHERE indexname LIKE 'spgin\_%'`)
	if err != nil {
		return err
	}
	have := make(map[string]bool, len(existing))
	for _, name := range existing {
		have[name] = true
	}
	for _, schema := range schemas {
		rows, err := collect[[]byte](ctx, pool, `SELECT _jsonb::text::bytea FROM `+pgx.Identifier{schema, "_ferretdb_database_metadata"}.Sanitize())
		if err != nil {
			return err
		}
		for _, raw := range rows {
			var collection collectionMetadata
			if err := json.Unmarshal(raw, &collection); err != nil || collection.Table == "" {
				continue
			}
			for _, field := range indexedFields(collection) {
				name := ginIndexName(schema, collection.Table, field)
				if have[name] {
					continue
				}
				sql := `CREATE INDEX IF NOT EXISTS ` + name + ` ON ` + pgx.Identifier{schema, collection.Table}.Sanitize() +
					` USING gin ((_jsonb->'` + strings.ReplaceAll(field, "'", "''") + `') jsonb_path_ops)`
				if _, err := pool.Exec(ctx, sql); err != nil {
					return err
				}
				have[name] = true
			}
		}
	}
	return nil
}

func indexedFields(collection collectionMetadata) []string {
	seen := map[string]bool{}
	var fields []string
	for _, index := range collection.Indexes {
		for field := range index.Key {
			if seen[field] || strings.Contains(field, ".") || strings.HasPrefix(field, "$") {
				continue
			}
			seen[field] = true
			fields = append(fields, field)
		}
	}
	return fields
}

// ginIndexName is deterministic and within PostgreSQL's 63-byte identifier limit.
func ginIndexName(schema, table, field string) string {
	sum := sha256.Sum256([]byte(schema + "\x00" + table + "\x00" + field))
	return "spgin_" + hex.EncodeToString(sum[:12])
}

func collect[T any](ctx context.Context, pool *pgxpool.Pool, sql string) ([]T, error) {
	rows, err := pool.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[T])
}
