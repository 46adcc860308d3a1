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

//go:embed icon.png
var iconPNG []byte

// Icon is the app's icon, 512 px (its source is icon.svg).
func Icon() []byte { return iconPNG }

//go:embed icon-256.png
var windowIconPNG []byte

// WindowIcon is the same icon at 256 px, the size Fyne draws a window's icon at, for the window
// and the tray: both decode theirs at every start, and the 512 px one took 8 ms before the
// first frame. Made as icon.png is: rsvg-convert -w 256 -h 256 -o icon-256.png icon.svg.
func WindowIcon() []byte { return windowIconPNG }

//go:embed reference.json
var referenceJSON []byte

// Reference is what the app's reference pane says about the role, in the project's own words,
// with the figures carried exactly from their sources.
type Reference struct {
	Role struct {
		Title      string   `json:"title"`
		AlsoCalled []string `json:"also_called"`
		Summary    string   `json:"summary"`
		Duties     []string `json:"duties"`
	} `json:"role"`
	Pay struct {
		Source        string  `json:"source"`
		Date          string  `json:"date"`
		Country       string  `json:"country"`
		AnnualAverage float64 `json:"annual_average"`
		Hourly        float64 `json:"hourly"`
		Weekly        float64 `json:"weekly"`
		Monthly       float64 `json:"monthly"`
		Lowest        float64 `json:"lowest"`
		Highest       float64 `json:"highest"`
		BandLow       float64 `json:"band_low"`
		BandHigh      float64 `json:"band_high"`
		TopEarners    float64 `json:"top_earners"`
		Note          string  `json:"note"`
	} `json:"pay"`
	Qualifications []struct {
		Kind  string `json:"kind"` // degree, skills or certification: the track that follows it
		Title string `json:"title"`
		Text  string `json:"text"`
	} `json:"qualifications"`
	Similar []struct {
		Title      string  `json:"title"`
		Line       string  `json:"line"`
		MedianUSD  float64 `json:"median_usd"` // 0: no figure found
		MedianYear string  `json:"median_year"`
		MedianNote string  `json:"median_note"`
	} `json:"similar"`
	SimilarSource string `json:"similar_source"`
}

// RoleReference returns the reference pane's content.
func RoleReference() (Reference, error) {
	var r Reference
	dec := json.NewDecoder(bytes.NewReader(referenceJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return r, fmt.Errorf("the embedded role reference is malformed: %w", err)
	}
	return r, nil
}

//go:embed sources.json
var sourcesJSON []byte

// Source is one of the sources the certification and degree rules cite by id (S13), as
// ../shared/domain/reference.json lists it (gathered 2026-11): what it is, where it is, and
// what kind of source (Cisco's own, a learning partner, a blog…).
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Ref   string `json:"ref"` // a web address, or a repository and a file in it
	Kind  string `json:"kind"`
}

// Sources are the rules' sources by id.
func Sources() (map[string]Source, error) {
	var list []Source
	dec := json.NewDecoder(bytes.NewReader(sourcesJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&list); err != nil {
		return nil, fmt.Errorf("the embedded list of sources is malformed: %w", err)
	}
	byID := make(map[string]Source, len(list))
	for _, s := range list {
		byID[s.ID] = s
	}
	return byID, nil
}
