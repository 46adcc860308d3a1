package storage

import (
	"errors"
	"slices"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// The certification record lives in two buckets, exam_attempts (exam attempts, practice exams
// and mock labs, keyed by id) and ce_credits (continuing-education activities), and the rules in
// the meta bucket under cert_rules. Stores made before they existed get the buckets on their
// first write; until then they read as empty.
var keyCertRules = []byte("cert_rules")

func readCert(tx *bolt.Tx, p *tracker.Plan) error {
	var err error
	if b := tx.Bucket(bucketAttempts); b != nil {
		if p.Attempts, err = readAll[tracker.Attempt](b); err != nil {
			return err
		}
		sort.SliceStable(p.Attempts, func(i, j int) bool { return p.Attempts[i].Date < p.Attempts[j].Date })
	}
	if b := tx.Bucket(bucketCredits); b != nil {
		if p.Credits, err = readAll[tracker.Credit](b); err != nil {
			return err
		}
		sort.SliceStable(p.Credits, func(i, j int) bool { return p.Credits[i].Date < p.Credits[j].Date })
	}
	if raw := tx.Bucket(bucketMeta).Get(keyCertRules); raw != nil {
		var r tracker.CertRules
		if err := getJSON(keyCertRules, raw, &r); err != nil {
			return err
		}
		p.CertRules = &r
	}
	return nil
}

// certBucket is one of the record's buckets, made on first use.
func certBucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	return tx.CreateBucketIfNotExists(name)
}

// PutAttempt adds an attempt (an empty ID gets a new one, "a1", "a2"…) or replaces the one with
// its ID, after checking it against the plan and the certification rules.
func (db *DB) PutAttempt(a tracker.Attempt) (tracker.Attempt, error) {
	a.Source, a.Note = strings.TrimSpace(a.Source), strings.TrimSpace(a.Note)
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		if err := db.addBuiltinExam(tx, p, a.Exam); err != nil {
			return err
		}
		if a.ID == "" {
			var err error
			if a.ID, err = newRecordID(tx, "a", ids(p.Attempts, func(a *tracker.Attempt) string { return a.ID })); err != nil {
				return err
			}
			// A new sitting keeps the fee it cost, whatever the fee becomes later.
			if a.Kind == tracker.AttemptExam && a.FeeUSD == nil {
				fee, _ := p.SittingFee(a.Exam)
				a.FeeUSD = &fee
			}
		}
		if err := tracker.ValidateAttempt(&a, p, db.opt.Now().In(db.opt.Loc)); err != nil {
			return err
		}
		if a.SessionID != "" {
			id, err := resolveID(tx, a.SessionID)
			if err == nil {
				_, _, err = getSession(tx, id)
			}
			if err != nil {
				return tracker.Errorf(tracker.NotFound, "the attempt links to session %q: %v", a.SessionID, err)
			}
			a.SessionID = id.String()
		}
		b, err := certBucket(tx, bucketAttempts)
		if err != nil {
			return err
		}
		return putJSON(b, a.ID, a)
	})
	return a, err
}

// addBuiltinExam adds the seed plan's exam with the code to a store seeded before the plan had
// it (the concentration exams came with the attempts), so that an attempt at it can be recorded.
func (db *DB) addBuiltinExam(tx *bolt.Tx, p *tracker.Plan, code string) error {
	if _, ok := p.Exam(code); ok || db.opt.Seed == nil {
		return nil
	}
	seed, err := db.opt.Seed()
	if err != nil {
		return err
	}
	e, ok := seed.Exam(code)
	if !ok {
		return nil // ValidateAttempt names the exams there are
	}
	p.Exams = append(p.Exams, *e)
	return putJSON(tx.Bucket(bucketExams), e.Code, e)
}

// addBuiltinCatalog is schema 3 to 4. It adds the seed plan's exams that the store lacks (the
// CCDE written, which recertifies a CCIE), and to rules kept in the store, which could not hold
// it, the recertification option that counts that exam, after the lab's.
func addBuiltinCatalog(tx *bolt.Tx, opt *Options) error {
	if opt.Seed == nil {
		return errors.New("no seed plan to take the built-in exams from")
	}
	seed, err := opt.Seed()
	if err != nil {
		return err
	}
	exams := tx.Bucket(bucketExams)
	for _, e := range seed.Exams {
		if exams.Get([]byte(e.Code)) == nil {
			if err := putJSON(exams, e.Code, e); err != nil {
				return err
			}
		}
	}
	meta := tx.Bucket(bucketMeta)
	raw := meta.Get(keyCertRules)
	if raw == nil {
		return nil // the rules are the defaults, which have the option
	}
	var r tracker.CertRules
	if err := getJSON(keyCertRules, raw, &r); err != nil {
		return err
	}
	if slices.ContainsFunc(r.Options, func(o tracker.RecertOption) bool { return o.ExpertWritten > 0 }) {
		return nil
	}
	at := len(r.Options)
	if lab := slices.IndexFunc(r.Options, func(o tracker.RecertOption) bool { return o.Labs > 0 }); lab >= 0 {
		at = lab + 1
	}
	r.Options = slices.Insert(r.Options, at, tracker.ExpertWrittenOption())
	return putJSON(meta, string(keyCertRules), r)
}

// EditExam changes an exam's price or weights (tracker.EditExam) and returns it as stored. The
// milestone that pays for it follows a new price when its cost was the old one.
func (db *DB) EditExam(code string, price *float64, weights map[string]float64) (tracker.Exam, error) {
	return db.editExam(code, price, weights, tracker.DateOf(db.opt.Now().In(db.opt.Loc)))
}

// editExam is EditExam with the day to mark the exam edited on ("" for not edited).
func (db *DB) editExam(code string, price *float64, weights map[string]float64, edited tracker.Date) (tracker.Exam, error) {
	var e tracker.Exam
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		found, ok := p.Exam(code)
		if !ok {
			return tracker.NotFoundRecord(tracker.RecordExam, code)
		}
		e = *found
		if err := tracker.EditExam(&e, price, weights, edited); err != nil {
			return err
		}
		if e.PriceUSD != found.PriceUSD {
			if err := keepPaidFees(tx, p, code); err != nil {
				return err
			}
		}
		// The milestone that pays for the exam, when its cost is the fee it had, follows the
		// new fee, so that the costs count it; a cost of the person's own stays.
		if m := p.PayingMilestone(code); m != nil && e.PriceUSD != found.PriceUSD && m.CostUSD == found.PriceUSD {
			m.CostUSD = e.PriceUSD
			if err := putJSON(tx.Bucket(bucketMilestones), m.ID, *m); err != nil {
				return err
			}
		}
		return putJSON(tx.Bucket(bucketExams), e.Code, e)
	})
	return e, err
}

// keepPaidFees records, on the real attempts at the exam recorded with no fee (before Corepath
// kept one), the fee they cost until now, so that a new fee does not rewrite money spent.
func keepPaidFees(tx *bolt.Tx, p *tracker.Plan, code string) error {
	fee, _ := p.SittingFee(code)
	for i := range p.Attempts {
		a := &p.Attempts[i]
		if a.Exam != code || a.Kind != tracker.AttemptExam || a.FeeUSD != nil {
			continue
		}
		a.FeeUSD = &fee
		if err := putJSON(tx.Bucket(bucketAttempts), a.ID, *a); err != nil {
			return err
		}
	}
	return nil
}

// ResetExam puts back an exam's figures as the seed plan has them, not marked edited.
func (db *DB) ResetExam(code string) (tracker.Exam, error) {
	if db.opt.Seed == nil {
		return tracker.Exam{}, tracker.Errorf(tracker.Internal, "no seed plan to take %s's figures from", code)
	}
	seed, err := db.opt.Seed()
	if err != nil {
		return tracker.Exam{}, err
	}
	e, ok := seed.Exam(code)
	if !ok {
		return tracker.Exam{}, tracker.NotFoundRecord(tracker.RecordExam, code)
	}
	return *e, db.PutExam(*e)
}

// ResetCertRules drops the store's own rules: it follows the sources' rules of the version
// that reads it from then on.
func (db *DB) ResetCertRules() error {
	return db.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyCertRules) })
}

// PutExam puts back an exam's figures as e holds them, its Edited day too: an undo of EditExam.
// Only the price and the weights can differ from the stored exam's.
func (db *DB) PutExam(e tracker.Exam) error {
	_, err := db.editExam(e.Code, &e.PriceUSD, e.Weights(), e.Edited)
	return err
}

// DeleteAttempt removes an attempt and returns what it was, for undo. A passed lab that the
// CCIE's dates count from can be removed: the dates then follow the milestones again.
func (db *DB) DeleteAttempt(id string) (tracker.Attempt, error) {
	var old tracker.Attempt
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		a, ok := p.Attempt(id)
		if !ok {
			return tracker.NotFoundRecord(tracker.RecordAttempt, id)
		}
		old = *a
		return tx.Bucket(bucketAttempts).Delete([]byte(id))
	})
	return old, err
}

// PutCredit adds a CE activity (an empty ID gets "ce1", "ce2"…) or replaces the one with its ID.
func (db *DB) PutCredit(c tracker.Credit) (tracker.Credit, error) {
	c.Activity, c.Provider, c.Evidence = strings.TrimSpace(c.Activity), strings.TrimSpace(c.Provider), strings.TrimSpace(c.Evidence)
	if c.State == "" {
		c.State = tracker.CreditCompleted
	}
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		if c.ID == "" {
			var err error
			if c.ID, err = newRecordID(tx, "ce", ids(p.Credits, func(c *tracker.Credit) string { return c.ID })); err != nil {
				return err
			}
		}
		if err := tracker.ValidateCredit(&c, db.opt.Now().In(db.opt.Loc)); err != nil {
			return err
		}
		b, err := certBucket(tx, bucketCredits)
		if err != nil {
			return err
		}
		return putJSON(b, c.ID, c)
	})
	return c, err
}

// DeleteCredit removes a CE activity and returns what it was.
func (db *DB) DeleteCredit(id string) (tracker.Credit, error) {
	var old tracker.Credit
	err := db.editPlan(func(tx *bolt.Tx, p *tracker.Plan) error {
		c, ok := p.Credit(id)
		if !ok {
			return tracker.NotFoundRecord(tracker.RecordCredit, id)
		}
		old = *c
		return tx.Bucket(bucketCredits).Delete([]byte(id))
	})
	return old, err
}

// PutCertRules replaces the certification rules.
func (db *DB) PutCertRules(r tracker.CertRules) error {
	if err := tracker.ValidateCertRules(&r); err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketMeta), string(keyCertRules), r) })
}
