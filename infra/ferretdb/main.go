// Command ferretdb runs FerretDB v1 with its SQLite backend as an embedded library.
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
	dataDir := flag.String("data-dir", "", "absolute directory for the SQLite files")
	flag.Parse()
	if *dataDir == "" {
		log.Fatal("--data-dir is required")
	}
	if err := os.MkdirAll(*dataDir, 0o700); err != nil {
		log.Fatalf("cannot create data dir %s: %v", *dataDir, err)
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/",
	})
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Printf("ferretdb listening on %s, data in %s", *listen, *dataDir)
	db.Run(ctx)
}
