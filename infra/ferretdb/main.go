// Command ferretdb runs FerretDB v1 with its PostgreSQL backend as an embedded library, and keeps
// GIN indexes beside the ones FerretDB makes (see gin_indexes.go).
// Importing the library from our own module avoids the version.txt panic of `go install`.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address for the MongoDB wire protocol")
	flag.Parse()
	// from the environment, not a flag: the URL carries the PostgreSQL password
	postgresqlURL := os.Getenv("FERRETDB_POSTGRESQL_URL")
	if postgresqlURL == "" {
		log.Fatal("FERRETDB_POSTGRESQL_URL is required, e.g. postgres://user:password@127.0.0.1:5432/ferretdb")
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: postgresqlURL,
	})
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go keepGinIndexes(ctx, postgresqlURL)
	log.Printf("ferretdb listening on %s, PostgreSQL backend", *listen)
	db.Run(ctx)
}
