// Package resources holds the assets embedded in the binary: the default study plan (built from
// the project's domain reference data, gathered 2026-11) and, with the app, its icon and the role
// reference.
package resources

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"corepath/tracker"
)

//go:embed plan.json
var planJSON []byte

// DefaultPlan returns a fresh copy of the plan a new store is seeded with: the CCIE Service
// Provider path, the SPCOR and lab blueprints, the skill topics and an empty 120-credit degree.
func DefaultPlan() (tracker.Plan, error) {
	var p tracker.Plan
	dec := json.NewDecoder(bytes.NewReader(planJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return tracker.Plan{}, fmt.Errorf("the embedded default plan is malformed: %w", err)
	}
	return p, nil
}
