package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// bbolt's file header: two meta pages (0 and 1), each a 16-byte page header and then the meta
// fields, the last of which is an FNV-64a checksum of those before it. bbolt itself reads the
// newer valid one and silently falls back to the other when one fails its checksum, which loses
// the last transaction without a word and lets the next write make the loss final.
const (
	pageHeaderLen  = 16
	metaChecksumAt = 56 // the checksum's offset in the meta fields
	metaLen        = metaChecksumAt + 8
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
)

type metaPage struct {
	valid    bool
	pageSize uint32
	freelist uint64 // the freelist's page, or noFreelist
	pages    uint64 // the high-water mark: how many pages the file holds
	txid     uint64
}

func parseMeta(page []byte) metaPage {
	if len(page) < pageHeaderLen+metaLen {
		return metaPage{}
	}
	m := page[pageHeaderLen : pageHeaderLen+metaLen]
	ne := binary.NativeEndian // bbolt writes its structs in the machine's byte order
	sum := fnv.New64a()
	sum.Write(m[:metaChecksumAt])
	return metaPage{
		valid:    ne.Uint32(m[0:]) == boltMagic && ne.Uint32(m[4:]) == boltVersion && ne.Uint64(m[metaChecksumAt:]) == sum.Sum64(),
		pageSize: ne.Uint32(m[8:]),
		freelist: ne.Uint64(m[32:]),
		pages:    ne.Uint64(m[40:]),
		txid:     ne.Uint64(m[48:]),
	}
}

// newestMeta is the newest valid header page of the open bbolt file f: the second is read where
// the first says pages end, else at the machine's page size. valid is false when neither reads.
func newestMeta(f *os.File) metaPage {
	first := readMeta(f, 0)
	at := int64(os.Getpagesize())
	if first.valid {
		at = int64(first.pageSize)
	}
	if second := readMeta(f, at); second.valid && (!first.valid || second.txid > first.txid) {
		return second
	}
	return first
}

// readMeta reads the header page at offset at of f; not valid when it cannot be read.
func readMeta(f *os.File, at int64) metaPage {
	page := make([]byte, pageHeaderLen+metaLen)
	if _, err := f.ReadAt(page, at); err != nil {
		return metaPage{}
	}
	return parseMeta(page)
}

// headerTxid is the transaction id in the newest valid header page of the file at path, 0 when
// none can be read.
func headerTxid(path string) uint64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	return newestMeta(f).txid
}

// checkHeader says why the bbolt file at path must not be used, or "" when its header is sound:
// a meta page that fails its checksum, or a file shorter than its newest meta page declares
// (bbolt would read past the end of its mapping of the file, and the process would crash).
func checkHeader(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ""
	}
	first := readMeta(f, 0)
	second := metaPage{}
	for _, size := range []int64{int64(first.pageSize), int64(os.Getpagesize()), 4096} {
		if first.valid && size != int64(first.pageSize) {
			break
		}
		if second = readMeta(f, size); second.valid {
			break
		}
	}
	switch {
	case !first.valid && !second.valid:
		return "neither of its two header pages is valid"
	case !first.valid || !second.valid:
		bad := 0
		if first.valid {
			bad = 1
		}
		return fmt.Sprintf("its header page %d fails its checksum, so the last change saved may be missing "+
			"(nothing more was written to it)", bad)
	}
	newest := first
	if second.txid > first.txid {
		newest = second
	}
	return cutShort(info.Size(), newest)
}

// cutShort says that a file of size bytes is shorter than its newest header declares, or "".
func cutShort(size int64, newest metaPage) string {
	if want := int64(newest.pages) * int64(newest.pageSize); size < want {
		return fmt.Sprintf("it is cut short: %d bytes of the %d its header declares", size, want)
	}
	return ""
}

// checkFreelist says why the freelist page the newest header names is not one, or "": bbolt's
// Open, for writing, reads that page and panics when it is not, leaving the file mapped and
// locked. It reads without bbolt's lock, so a commit may move the freelist between the header
// and the page: a mismatch is read again once before it is called damage.
func checkFreelist(path string) string {
	for attempt := 0; ; attempt++ {
		why := freelistMismatch(path)
		if why == "" || attempt == 1 {
			return why
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func freelistMismatch(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	newest := newestMeta(f)
	if !newest.valid || newest.freelist == noFreelist || newest.freelist >= newest.pages {
		return "" // checkHeader and bbolt say what is wrong with such a header
	}
	if info, err := f.Stat(); err == nil {
		if why := cutShort(info.Size(), newest); why != "" {
			return why // where the freelist may be missing, as bbolt would find it by panicking
		}
	}
	head := make([]byte, pageHeaderLen)
	if _, err := f.ReadAt(head, int64(newest.freelist)*int64(newest.pageSize)); err != nil {
		return ""
	}
	if flags := binary.NativeEndian.Uint16(head[8:]); flags&freelistPage == 0 {
		return fmt.Sprintf("page %d, which its header names as the list of free pages, is not one", newest.freelist)
	}
	return ""
}

// Check reads every record of the store and checks it: bbolt's own consistency check, every plan
// record and setting, every session and the running timer (well formed, valid text, plausible
// times, a topic that exists) and the index of session ids. It returns nil when all is sound,
// and otherwise a Damaged error that names what is damaged and the newest good backup. The app
// runs it in the background after opening the store; corepath check runs it on demand.
func (db *DB) Check() (sessions int, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		var why string
		if sessions, why = db.checkIn(tx); why != "" {
			return db.damaged(why, nil)
		}
		return nil
	})
	return sessions, err
}

// checkIn checks the store as tx sees it (checkRecords) and says what is wrong, or "", keeping
// the verdict beside the store for every process (rememberDamage, forgetDamage).
func (db *DB) checkIn(tx *bolt.Tx) (sessions int, why string) {
	// The raw walk and bbolt's check read pages the ordinary reads may never touch.
	sessions, problems := checkRecords(tx)
	if len(problems) == 0 {
		db.forgetDamage()
		return sessions, ""
	}
	shown := problems[:min(5, len(problems))]
	why = strings.Join(shown, "; ")
	if more := len(problems) - len(shown); more > 0 {
		why += fmt.Sprintf("; and %d more", more)
	}
	db.rememberDamage(tx.ID(), "the consistency check found "+why)
	return sessions, why
}

// checkFinding words one finding of bbolt's consistency check for a person: the check's panic
// over a damaged page as unreadable words a read's, any other as what is wrong with which page,
// without bbolt's stack of pages.
func checkFinding(e error) string {
	msg := e.Error()
	if reason, ok := strings.CutPrefix(msg, "panic: "); ok || strings.HasPrefix(msg, "runtime error: ") {
		return "part of it cannot be read (" + unreadable(reason) + ")"
	}
	for _, stack := range []string{" (stack: ", ". Stack: ", ". Pages stack: "} {
		if i := strings.Index(msg, stack); i >= 0 {
			msg = msg[:i]
		}
	}
	return "its pages do not fit together (" + msg + ")"
}

// checkRecords lists what is wrong with the store, one phrase per problem, and counts sessions.
func checkRecords(tx *bolt.Tx) (int, []string) {
	var problems []string
	if why := walkPages(tx.DB().Path()); why != "" {
		return 0, []string{why} // bbolt's check and reads would trip over it
	}
	for e := range tx.Check() {
		if len(problems) < 3 {
			problems = append(problems, checkFinding(e))
		}
	}
	// The buckets every store has had since it was created (later ones are optional), which
	// the reads below need.
	for _, name := range [][]byte{bucketMeta, bucketSessions, bucketSessionIDs, bucketTimer, bucketTopics, bucketMilestones, bucketCourses, bucketExams} {
		if tx.Bucket(name) == nil {
			problems = append(problems, fmt.Sprintf("the %s bucket is missing", name))
		}
	}
	if len(problems) > 0 {
		return 0, problems
	}
	plan, err := readPlan(tx)
	if err != nil {
		problems = append(problems, "the plan: "+err.Error())
	}
	problems = append(problems, renamedMetaRecords(tx.Bucket(bucketMeta))...)
	dec := newDecoder()
	var s tracker.Session
	sessions := 0
	ids := tx.Bucket(bucketSessionIDs)
	_ = tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
		sessions++
		if err := dec.decode(k, v, &s); err != nil {
			problems = append(problems, sessionDamage(k, err))
			return nil
		}
		id := uuid.MustParse(s.ID)
		if !bytes.Equal(ids.Get(id[:]), k) {
			problems = append(problems, "session "+s.ID+" is missing from the index of ids")
		}
		if why := implausible(&s, &plan); why != "" {
			problems = append(problems, "session "+s.ID+" "+why)
		}
		return nil
	})
	if n := ids.Stats().KeyN; n != sessions {
		problems = append(problems, fmt.Sprintf("the index of ids has %d entries for %d sessions", n, sessions))
	}
	if _, _, err := readTimer(tx); err != nil {
		problems = append(problems, "the running timer's record is malformed")
	}
	return sessions, problems
}

// metaKeys are the records of the meta bucket, which are found by their names.
var metaKeys = [][]byte{keySchema, keyProgram, keyGoals, keySettings, keyCreated, keyCreatedTx, keyLastIDs, keyCertRules, keyDiscarded}

// renamedMetaRecords finds meta records whose name has one byte changed: such a record is not
// found under its name, so the goals (say) read as unset with no checksum to fail.
func renamedMetaRecords(meta *bolt.Bucket) []string {
	var problems []string
	_ = meta.ForEach(func(k, _ []byte) error {
		for _, known := range metaKeys {
			if len(k) == len(known) && !bytes.Equal(k, known) && meta.Get(known) == nil && oneByteApart(k, known) {
				problems = append(problems, fmt.Sprintf("the record of the %s is stored under the name %q, a byte of which changed", known, k))
			}
		}
		return nil
	})
	return problems
}

func oneByteApart(a, b []byte) bool {
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 1
}

// implausible says what no Corepath could have stored in a session, or "".
func implausible(s *tracker.Session, p *tracker.Plan) string {
	switch {
	case s.Start.Before(tracker.EarliestTime):
		return "starts at " + s.Start.Format(time.RFC3339) + ", before the dates Corepath keeps"
	case s.Duration <= 0:
		return "lasts " + s.Duration.String()
	case !utf8.ValidString(s.Note):
		return "has a note with bytes that are not text"
	case !utf8.ValidString(strings.Join(s.Tags, "")):
		return "has a tag with bytes that are not text"
	}
	if _, ok := p.Topic(s.TopicID); !ok {
		return "refers to a topic that does not exist (" + s.TopicID + ")"
	}
	return ""
}

// bbolt's page layout, for walkPages.
const (
	branchPage   = 0x01
	leafPage     = 0x02
	freelistPage = 0x10
	bucketLeaf   = 0x01 // a leaf element that is a bucket
	elementLen   = 16   // a branch or leaf page element
	bucketHeader = 16   // a bucket's root page id and sequence, before an inline page
	noFreelist   = ^uint64(0)
	maxTreeDepth = 64
)

// pageWalk checks the page tree of a bbolt file as raw bytes, before bbolt's own check runs:
// bbolt's check trusts a page's overflow count and loops over it (four billion times for one
// flipped byte), and follows a page that points back to its parent for ever. It reads the
// pages one at a time, so that checking a large store (the app does it in the background as
// it opens) never holds the whole file in memory.
type pageWalk struct {
	file     *os.File
	size     uint64 // the file's length in bytes
	pageSize uint64
	pages    uint64 // the high-water mark
	seen     map[uint64]bool
	// bufs are the pages being read, one per level of the tree, reused from page to page: a
	// buffer per page would be as much garbage as the file is large, made while the app starts.
	bufs [maxTreeDepth + 1][]byte
}

// walkPages returns the first problem found in the bbolt file at path, or "".
func walkPages(path string) string {
	file, err := os.Open(path)
	if err != nil {
		return "it cannot be read: " + err.Error()
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return "it cannot be read: " + err.Error()
	}
	size := uint64(info.Size())
	// The header pages' meta data, from each page's start: what parseMeta reads.
	headerAt := func(at uint64) []byte {
		buf := make([]byte, pageHeaderLen+metaLen)
		if n, _ := file.ReadAt(buf, int64(at)); n < len(buf) {
			return nil
		}
		return buf
	}
	firstPage := headerAt(0)
	first, second := parseMeta(firstPage), metaPage{}
	var secondPage []byte
	if first.valid {
		secondPage = headerAt(uint64(first.pageSize))
		second = parseMeta(secondPage)
	}
	newest, newestPage := first, firstPage
	if second.valid && second.txid > first.txid {
		newest, newestPage = second, secondPage
	}
	if !newest.valid || newest.pageSize < 512 || newest.pageSize > 1<<20 {
		return "its header pages are not valid"
	}
	meta := newestPage[pageHeaderLen:]
	ne := binary.NativeEndian
	w := &pageWalk{file: file, size: size, pageSize: uint64(newest.pageSize), pages: newest.pages, seen: map[uint64]bool{0: true, 1: true}}
	if freelist := ne.Uint64(meta[32:]); freelist != noFreelist {
		if why := w.freelist(freelist); why != "" {
			return why
		}
	}
	return w.tree(ne.Uint64(meta[16:]), nil, 0)
}

// span returns the bytes of page id and its overflow pages, or a problem.
func (w *pageWalk) span(id uint64, depth int) ([]byte, string) {
	if id < 2 || id >= w.pages {
		return nil, fmt.Sprintf("page %d is outside the file's %d pages", id, w.pages)
	}
	start := id * w.pageSize
	if start+pageHeaderLen > w.size {
		return nil, fmt.Sprintf("page %d is past the end of the file", id)
	}
	page := w.bufs[depth][:0]
	page = slices.Grow(page, int(min(w.pageSize, w.size-start)))[:min(w.pageSize, w.size-start)]
	if _, err := w.file.ReadAt(page, int64(start)); err != nil {
		return nil, fmt.Sprintf("page %d cannot be read: %v", id, err)
	}
	overflow := uint64(binary.NativeEndian.Uint32(page[12:]))
	if id+overflow >= w.pages || (id+overflow+1)*w.pageSize > w.size {
		return nil, fmt.Sprintf("page %d claims %d more pages than the file holds", id, overflow)
	}
	for p := id; p <= id+overflow; p++ {
		if w.seen[p] {
			return nil, fmt.Sprintf("page %d is used twice", p)
		}
		w.seen[p] = true
	}
	if overflow > 0 {
		page = slices.Grow(page, int(overflow*w.pageSize))[:uint64(len(page))+overflow*w.pageSize]
		if _, err := w.file.ReadAt(page[w.pageSize:], int64(start+w.pageSize)); err != nil {
			return nil, fmt.Sprintf("page %d cannot be read: %v", id, err)
		}
	}
	w.bufs[depth] = page
	return page, ""
}

func (w *pageWalk) freelist(id uint64) string {
	page, why := w.span(id, 0)
	if why != "" {
		return "the free-page list: " + why
	}
	ne := binary.NativeEndian
	if ne.Uint16(page[8:]) != freelistPage {
		return fmt.Sprintf("the free-page list's page %d is not one", id)
	}
	count, ids := uint64(ne.Uint16(page[10:])), uint64(pageHeaderLen)
	if count == 0xFFFF { // a long list keeps its length in its first entry
		count, ids = ne.Uint64(page[pageHeaderLen:]), pageHeaderLen+8
	}
	if ids+count*8 > uint64(len(page)) {
		return fmt.Sprintf("the free-page list claims %d entries, more than its pages hold", count)
	}
	return ""
}

// tree checks the subtree rooted at page id (or, with inline set, a bucket's page kept inside its
// parent's record) and every bucket below it.
func (w *pageWalk) tree(id uint64, inline []byte, depth int) string {
	if depth > maxTreeDepth {
		return "the page tree is deeper than any Corepath file's: it loops"
	}
	page := inline
	if page == nil {
		var why string
		if page, why = w.span(id, depth); why != "" {
			return why
		}
		if got := binary.NativeEndian.Uint64(page); got != id {
			return fmt.Sprintf("page %d says it is page %d", id, got)
		}
	}
	ne := binary.NativeEndian
	flags, count := ne.Uint16(page[8:]), int(ne.Uint16(page[10:]))
	if flags != branchPage && flags != leafPage || (inline != nil && flags != leafPage) {
		return fmt.Sprintf("page %d is neither a branch nor a leaf of the tree", id)
	}
	if pageHeaderLen+count*elementLen > len(page) {
		return fmt.Sprintf("page %d claims %d entries, more than it holds", id, count)
	}
	for i := range count {
		at := pageHeaderLen + i*elementLen
		el := page[at : at+elementLen]
		if flags == branchPage {
			pos, ksize := int(ne.Uint32(el[0:])), int(ne.Uint32(el[4:]))
			if at+pos+ksize > len(page) {
				return fmt.Sprintf("page %d: entry %d is past the page's end", id, i)
			}
			if why := w.tree(ne.Uint64(el[8:]), nil, depth+1); why != "" {
				return why
			}
			continue
		}
		elFlags, pos, ksize, vsize := ne.Uint32(el[0:]), int(ne.Uint32(el[4:])), int(ne.Uint32(el[8:])), int(ne.Uint32(el[12:]))
		end := at + pos + ksize + vsize
		if pos < 0 || ksize < 0 || vsize < 0 || end > len(page) || end < at {
			return fmt.Sprintf("page %d: entry %d is past the page's end", id, i)
		}
		if elFlags&bucketLeaf == 0 {
			continue
		}
		value := page[at+pos+ksize : end]
		if len(value) < bucketHeader {
			return fmt.Sprintf("page %d: entry %d is a bucket without a header", id, i)
		}
		root := ne.Uint64(value)
		var inner []byte
		if root == 0 {
			if inner = value[bucketHeader:]; len(inner) < pageHeaderLen {
				return fmt.Sprintf("page %d: entry %d is a bucket with a cut inline page", id, i)
			}
		}
		if why := w.tree(root, inner, depth+1); why != "" {
			return why
		}
	}
	return ""
}

// The check's verdict, or what a read found, is kept beside the store, so that damage found
// once (which other reads may not touch) stops every later write, from any process, until the
// store is restored or the file changes: a write into a damaged page tree can spread the damage.
func (db *DB) damageMark() string { return db.path + ".check-failed" }

func (db *DB) rememberDamage(txid int, why string) {
	if db.hints {
		_ = os.WriteFile(db.damageMark(), []byte(strconv.Itoa(txid)+"\n"+why), 0o600)
	}
}

func (db *DB) forgetDamage() {
	if db.hints {
		os.Remove(db.damageMark())
	}
}

// KnownDamage is what a check or a read found damaged in the store as it is now, or "": a
// command that could still read what it needed says so beside what it shows.
func (db *DB) KnownDamage() string { return db.knownDamage() }

// knownDamage is what the check found in the store as it is now, or "".
func (db *DB) knownDamage() string {
	mark, err := os.ReadFile(db.damageMark())
	if err != nil {
		return ""
	}
	txid, why, _ := strings.Cut(string(mark), "\n")
	if txid != strconv.FormatUint(headerTxid(db.path), 10) {
		db.forgetDamage() // the file was replaced or written since
		return ""
	}
	return why + " (nothing will be written to it until it is restored)"
}
