// Package replica keeps Corepath's data the same on every machine a person studies on, through a
// folder that a file-sync tool (Syncthing, Nextcloud, Dropbox) keeps in step. The sync tool is
// the distributed engine; this package puts each machine's changes in the folder in a form those
// tools cannot damage and merges what the other machines wrote. It depends on tracker only; the
// local store takes part through the narrow Store interface (storage adapts its bbolt file).
//
// The rules:
//
//   - The store's own file is never in the folder. Each machine (a device, with a random id)
//     writes two files, ID.snapshot and ID.journal, that no other machine writes, and reads the
//     other devices' files. A journal is append-only: one checksummed line per sync. When it
//     grows past a limit it is rolled into a snapshot (the device's whole merged state, written
//     to a temporary file and renamed) and starts again empty, under a new generation number.
//   - Every record of the synced kinds is a key and value bytes to this package: it never decodes
//     them, so a record kind added later syncs without a new protocol. A change is captured by
//     comparing the store with the version of every record kept from the last sync, so nothing
//     written by any code path is missed, and a change is always in the local store before it is
//     in the folder. Deletes are kept as tombstones, so a deleted record cannot come back from a
//     device that was offline.
//   - Versions are ordered by a hybrid logical clock stamp (wall milliseconds, a counter, the
//     device id): the greatest stamp wins, per record, on every device, whatever order the files
//     arrive in and however often. A change made after a merge always has a greater stamp than
//     everything merged, even when clocks are hours apart. When the winning version was written
//     without seeing the losing one (two machines edited the same record), the loss is written
//     to the conflict log with what was lost, which sync status and the app show.
//   - A file that is damaged, cut off, of a newer format, or not Corepath's is reported and
//     skipped; a journal is read up to its last complete line and each line is applied whole.
//     Temporary files of sync tools are ignored; their conflict copies are merged (merging is
//     idempotent) and reported so that they can be deleted. A file replaced by an older copy is
//     reported and changes nothing, since what it held was merged already. A device that finds
//     its own files not as it wrote them writes them again from its store.
//   - A store copied to another machine or folder (the same device id twice) is noticed through
//     the instance (machine and data folder) recorded with the id, or through another machine's
//     lines in its own journal; it then takes a new device id, so the two never write one file.
package replica
