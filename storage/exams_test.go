package storage

import (
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

func TestAttemptsCreditsAndRules(t *testing.T) {
	dir := t.TempDir()
	db := openTest(t, dir)
	// A store made before the certification record existed has neither bucket, nor the
	// concentration exams.
	if err := db.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketAttempts); err != nil {
			return err
		}
		if err := tx.Bucket(bucketExams).Delete([]byte("300-510")); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketCredits)
	}); err != nil {
		t.Fatal(err)
	}
	if p, err := db.Plan(); err != nil || len(p.Attempts) != 0 {
		t.Fatalf("an old store reads %d attempts, %v", len(p.Attempts), err)
	}
	pass, err := db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2026-01-10", Result: tracker.Pass, Score: 880, ScoreMax: 1000,
		Domains: []tracker.DomainScore{{Domain: "2.0", Percent: 90}}})
	if err != nil || pass.ID != "a1" {
		t.Fatalf("first attempt %q: %v", pass.ID, err)
	}
	_, err = db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptPractice, Date: "2026-01-01", Score: 80, ScoreMax: 100, SessionID: "0000ffff"})
	code(t, err, tracker.NotFound)
	if _, err := db.PutAttempt(tracker.Attempt{Exam: "300-510", Kind: tracker.AttemptPractice, Date: "2026-02-01", Domains: []tracker.DomainScore{{Domain: "2.0", Percent: 70}}}); err != nil {
		t.Fatalf("an attempt at a concentration exam the store did not have: %v", err)
	}
	if p, _ := db.Plan(); len(p.Exams) != 7 {
		t.Errorf("%d exams after the concentration exam was added, want 7", len(p.Exams))
	}
	lab, err := db.PutAttempt(tracker.Attempt{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2026-06-01", Result: tracker.Fail,
		Modules: []tracker.ModuleResult{{Module: "Design", Result: tracker.Pass, Percent: 82}, {Module: "Deploy, Operate and Optimize", Result: tracker.Fail, Percent: 61}}})
	if err != nil || lab.ID != "a3" {
		t.Fatalf("lab attempt %q: %v", lab.ID, err)
	}
	ce, err := db.PutCredit(tracker.Credit{Activity: "SPAUI course", Provider: "Fast Lane", Date: "2026-07-01", Credits: 24})
	if err != nil || ce.ID != "ce1" || ce.State != tracker.CreditCompleted {
		t.Fatalf("credit %+v: %v", ce, err)
	}
	rules := tracker.DefaultCertRules()
	rules.ReadyPercent = 75
	if err := db.PutCertRules(rules); err != nil {
		t.Fatal(err)
	}
	p, err := db.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Attempts) != 3 || p.Attempts[2].Modules[1].Percent != 61 || len(p.Credits) != 1 || p.Rules().ReadyPercent != 75 {
		t.Errorf("read back: %+v %+v %v", p.Attempts, p.Credits, p.Rules().ReadyPercent)
	}
	if old, err := db.DeleteAttempt("a3"); err != nil || old.Exam != "CCIE-SP-LAB" {
		t.Errorf("delete: %+v %v", old, err)
	}
	_, err = db.DeleteAttempt("a3")
	code(t, err, tracker.NotFound)
	if _, err := db.DeleteCredit("ce1"); err != nil {
		t.Error(err)
	}
	if p, _ := db.Plan(); len(p.Attempts) != 2 || len(p.Credits) != 0 {
		t.Errorf("after deletes: %d attempts, %d credits", len(p.Attempts), len(p.Credits))
	}
}

// A store of schema 3 gains the CCDE written from the seed and, when it keeps rules of its
// own, the option it recertifies by, after the lab's; what the person set is kept.
func TestSchema3GainsTheCCDEWrittenAndItsOption(t *testing.T) {
	for _, ownRules := range []bool{false, true} {
		dir := t.TempDir()
		db := openTest(t, dir)
		b, err := bolt.Open(db.Path(), 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = b.Update(func(tx *bolt.Tx) error {
			if err := tx.Bucket(bucketExams).Delete([]byte("CCDE-WRITTEN")); err != nil {
				return err
			}
			if !ownRules {
				return nil
			}
			r := tracker.DefaultCertRules()
			r.LabEligibility.Years = 4
			r.Options = slices.DeleteFunc(r.Options, func(o tracker.RecertOption) bool { return o.ExpertWritten > 0 })
			return putJSON(tx.Bucket(bucketMeta), string(keyCertRules), r)
		})
		b.Close()
		if err != nil {
			t.Fatal(err)
		}
		setSchema(t, db.Path(), 3)

		p, err := openTest(t, dir).Plan()
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := p.Exam("CCDE-WRITTEN"); !ok || e.Level != tracker.LevelExpertWritten || e.PriceUSD != 450 {
			t.Errorf("own rules %v: the CCDE written after the migration: %+v", ownRules, e)
		}
		if ownRules != (p.CertRules != nil) {
			t.Fatalf("own rules %v: the store's rules are %+v", ownRules, p.CertRules)
		}
		r := p.Rules()
		var ids []string
		for _, o := range r.Options {
			ids = append(ids, o.ID)
		}
		if got, want := strings.Join(ids, " "), "ce core-ce two-conc-ce conc-ce lab expert-written three-conc core-conc"; got != want {
			t.Errorf("own rules %v: options %s, want %s", ownRules, got, want)
		}
		if ownRules && r.LabEligibility.Years != 4 {
			t.Errorf("the person's lab window of 4 years became %d", r.LabEligibility.Years)
		}
		if v, _, err := db.schema(); err != nil || v != schemaVersion {
			t.Errorf("schema %d after the migration, %v", v, err)
		}
	}
}

// A sitting keeps the fee it cost: recorded, it holds the fee then; a fee changed later applies
// to the next sittings only, and attempts recorded before fees were kept get the old fee first.
func TestAFeeChangedLaterKeepsTheFeesPaid(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	e, _ := p.Exam("350-501")
	was := e.PriceUSD
	fail, err := db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2026-01-10", Result: tracker.Fail})
	if err != nil || fail.FeeUSD == nil || *fail.FeeUSD != was {
		t.Fatalf("a new sitting's fee: %v, %v (the exam's is %g)", fail.FeeUSD, err, was)
	}
	// One recorded before fees were kept: no fee of its own.
	old := tracker.Attempt{ID: "a7", Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-11-10", Result: tracker.Fail}
	if err := db.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketAttempts), old.ID, old) }); err != nil {
		t.Fatal(err)
	}
	spent := func() float64 {
		p, err := db.Plan()
		if err != nil {
			t.Fatal(err)
		}
		s := p.Cert(db.opt.Now())
		return p.Costs(&s).Spent
	}
	before := spent()
	raised := was + 50
	if _, err := db.EditExam("350-501", &raised, nil); err != nil {
		t.Fatal(err)
	}
	if got := spent(); got != before || before != 2*was {
		t.Errorf("spent %g before the new fee, %g after; two sittings at %g", before, got, was)
	}
	p, _ = db.Plan()
	if a, _ := p.Attempt("a7"); a.FeeUSD == nil || *a.FeeUSD != was {
		t.Errorf("the old attempt's fee after the change: %v", a.FeeUSD)
	}
	next, err := db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2026-02-10", Result: tracker.Pass})
	if err != nil || *next.FeeUSD != raised || spent() != 2*was+raised {
		t.Errorf("the next sitting: fee %v, spent %g, %v", next.FeeUSD, spent(), err)
	}
}

// The same when the fee is the paying milestone's cost and that changes: the attempts recorded
// before fees were kept keep what they cost.
func TestAMilestoneCostChangedLaterKeepsTheFeesPaid(t *testing.T) {
	db := openTest(t, t.TempDir())
	old := tracker.Attempt{ID: "a7", Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-11-10", Result: tracker.Fail}
	if err := db.update(func(tx *bolt.Tx) error { return putJSON(tx.Bucket(bucketAttempts), old.ID, old) }); err != nil {
		t.Fatal(err)
	}
	p, _ := db.Plan()
	was, _ := p.SittingFee("350-501")
	m := *p.PayingMilestone("350-501")
	m.CostUSD = 250
	if _, err := db.PutMilestone(m); err != nil {
		t.Fatal(err)
	}
	p, _ = db.Plan()
	s := p.Cert(db.opt.Now())
	if a, _ := p.Attempt("a7"); a.FeeUSD == nil || *a.FeeUSD != was || p.Costs(&s).Spent != was {
		t.Errorf("after the milestone's new cost: fee %v, spent %g; want %g", a.FeeUSD, p.Costs(&s).Spent, was)
	}
}
