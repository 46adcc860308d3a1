// Command boltfloor is the least a log into a bbolt store can do, for the bench's floor: open
// the file given (read-write, under bbolt's lock), put one session-sized value under a new key
// in a bucket of its own, commit (bbolt's two fdatasyncs) and close. No topic is found, nothing
// is checked or validated: whatever Corepath's log takes beyond this is Corepath's own work.
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: boltfloor STORE")
		os.Exit(2)
	}
	if err := logOne(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "boltfloor:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString("logged\n")
}

func logOne(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte("floor"))
		if err != nil {
			return err
		}
		key := binary.BigEndian.AppendUint64(nil, uint64(time.Now().UnixNano()))
		return b.Put(key, make([]byte, 120)) // about a session's record
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
