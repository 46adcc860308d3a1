package exchange

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"corepath/tracker"
)

// The certification record travels in the Corepath file's plan (attempts, credits and
// cert_rules, which the export writes with the rest of the plan). On import, attempts and CE
// activities are added by id like the other plan items (one the store has otherwise is kept, or
// with ReplacePlan replaced), after the sessions, since an attempt may link to a session of the
// same file.

// certStore is what the import needs of a store to write the certification record.
type certStore interface {
	PutAttempt(tracker.Attempt) (tracker.Attempt, error)
	PutCredit(tracker.Credit) (tracker.Credit, error)
	PutCertRules(tracker.CertRules) error
}

// certChanges checks the file's attempts, CE activities and rules against the plan as the import
// would leave it, and records what would change.
func (im *Import) certChanges(cur, file *tracker.Plan) error {
	sim := &im.plan
	now := im.opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	if r := file.CertRules; r != nil && !reflect.DeepEqual(r, cur.CertRules) {
		rules := *r
		if had := cur.CertRules != nil; !had || !im.keep("the certification rules") {
			if err := tracker.ValidateCertRules(&rules); err != nil {
				return tracker.Errorf(tracker.ErrorCode(err), "the certification rules: %v", err)
			}
			sim.CertRules = &rules
			im.addCertOp(describeRecord("the certification rules", had), func(cs certStore) error { return cs.PutCertRules(rules) })
		}
	}
	// Qualifying passes first, so that a lab attempt finds the pass whose window it falls in.
	attempts := slices.Clone(file.Attempts)
	slices.SortStableFunc(attempts, func(a, b tracker.Attempt) int { return strings.Compare(string(a.Date), string(b.Date)) })
	for _, a := range attempts {
		old, existed := sim.Attempt(a.ID)
		_, stored := cur.Attempt(a.ID)
		if existed && (reflect.DeepEqual(*old, a) || stored && im.keep(fmt.Sprintf("exam attempt %s %s %s on %s", old.ID, old.Exam, old.Kind, old.Date))) {
			continue
		}
		if a.ID == "" {
			return tracker.Errorf(tracker.Invalid, "an attempt at %s on %s has no id", a.Exam, a.Date)
		}
		if err := tracker.ValidateAttempt(&a, sim, now); err != nil {
			return tracker.Errorf(tracker.ErrorCode(err), "attempt %s (%s on %s): %v", a.ID, a.Exam, a.Date, err)
		}
		if existed {
			*old = a
		} else {
			sim.Attempts = append(sim.Attempts, a)
		}
		im.addCertOp(describeChange("exam attempt", a.ID, fmt.Sprintf("%s %s on %s", a.Exam, a.Kind, a.Date), existed),
			func(cs certStore) error { _, err := cs.PutAttempt(a); return err })
	}
	for _, c := range file.Credits {
		old, existed := sim.Credit(c.ID)
		_, stored := cur.Credit(c.ID)
		if existed && (reflect.DeepEqual(*old, c) || stored && im.keep("CE activity "+old.ID+" "+old.Activity)) {
			continue
		}
		if c.ID == "" {
			return tracker.Errorf(tracker.Invalid, "the CE activity %q has no id", c.Activity)
		}
		if err := tracker.ValidateCredit(&c, now); err != nil {
			return tracker.Errorf(tracker.ErrorCode(err), "CE activity %s (%s): %v", c.ID, c.Activity, err)
		}
		if existed {
			*old = c
		} else {
			sim.Credits = append(sim.Credits, c)
		}
		im.addCertOp(describeChange("CE activity", c.ID, c.Activity, existed),
			func(cs certStore) error { _, err := cs.PutCredit(c); return err })
	}
	return nil
}

func (im *Import) addCertOp(desc string, do func(certStore) error) {
	im.certOps = append(im.certOps, planOp{desc: desc, do: func(st tracker.Store) error {
		cs, ok := st.(certStore)
		if !ok {
			return tracker.Errorf(tracker.Internal, "this store keeps no exam attempts or CE credits")
		}
		return do(cs)
	}})
	im.PlanChanges = append(im.PlanChanges, desc)
}

// applyCert writes the certification record, once the sessions it may link to are in.
func (im *Import) applyCert(st tracker.Store) error {
	for _, op := range im.certOps {
		if err := op.do(st); err != nil {
			return err
		}
	}
	return nil
}
