package resources

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"corepath/tracker"
)

func TestDefaultPlanIsValid(t *testing.T) {
	p, err := DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	// Every topic and milestone passes the same rules a user's edit must pass.
	for i := range p.Topics {
		if err := tracker.ValidateTopic(&p.Topics[i], &p); err != nil {
			t.Errorf("topic %s: %v", p.Topics[i].ID, err)
		}
	}
	for i := range p.Milestones {
		if err := tracker.ValidateMilestone(&p.Milestones[i], &p); err != nil {
			t.Errorf("milestone %s: %v", p.Milestones[i].ID, err)
		}
	}
	if err := tracker.ValidateProgram(&p.Program); err != nil {
		t.Error(err)
	}
	if p.Program.CreditsRequired != 120 || len(p.Courses) != 0 {
		t.Errorf("degree = %+v with %d courses, want an empty 120-credit program", p.Program, len(p.Courses))
	}
}

func TestDefaultPlanHasTheCoreTopics(t *testing.T) {
	p, _ := DefaultPlan()
	for _, name := range []string{"BGP", "OSPF", "MPLS"} {
		found := false
		for _, tp := range p.Topics {
			found = found || tp.Name == name && tp.ParentID == "" && tp.Track == tracker.TrackSkills
		}
		if !found {
			t.Errorf("no top-level skills topic named exactly %q", name)
		}
	}
}

func TestBlueprintWeights(t *testing.T) {
	p, _ := DefaultPlan()
	want := map[string]map[string]float64{
		"350-501":     {"1.0": 15, "2.0": 30, "3.0": 20, "4.0": 20, "5.0": 15},
		"CCIE-SP-LAB": {"1.0": 25, "2.0": 25, "3.0": 10, "4.0": 10, "5.0": 10, "6.0": 20},
	}
	for code, weights := range want {
		e, ok := p.Exam(code)
		if !ok {
			t.Fatalf("exam %s missing", code)
		}
		if !e.Uncertain || e.Gathered != "2026-11" {
			t.Errorf("%s: reported figures must stay marked uncertain with the month gathered", code)
		}
		sum := 0.0
		for _, d := range e.Domains {
			sum += d.Weight
			if weights[d.ID] != d.Weight {
				t.Errorf("%s %s weight = %v, want %v", code, d.ID, d.Weight, weights[d.ID])
			}
		}
		if math.Abs(sum-100) > 1e-9 {
			t.Errorf("%s weights sum to %v", code, sum)
		}
	}
}

func TestMilestonesCarryTheirWindows(t *testing.T) {
	p, _ := DefaultPlan()
	spcor, _ := p.Milestone("M05")
	if spcor.Opens == nil || spcor.Opens.Years != 3 || !spcor.Opens.Uncertain || spcor.CostUSD != 400 {
		t.Errorf("SPCOR milestone = %+v", spcor)
	}
	ccie, _ := p.Milestone("M11")
	if ccie.Opens == nil || ccie.Opens.Years != 3 {
		t.Errorf("CCIE milestone must open the 3-year recertification window: %+v", ccie)
	}
	lab, _ := p.Milestone("M08")
	if lab.CostUSD != 1600 {
		t.Errorf("lab booking cost = %v", lab.CostUSD)
	}
	for _, m := range p.Milestones {
		if m.Estimate && m.Gathered == "" {
			t.Errorf("%s is an estimate without the month it was gathered", m.ID)
		}
	}
}

func TestRoleReferenceCarriesTheFigures(t *testing.T) {
	r, err := RoleReference()
	if err != nil {
		t.Fatal(err)
	}
	p := r.Pay
	if p.Source != "ZipRecruiter" || p.Date != "2025-06-19" || p.AnnualAverage != 109040 || p.Hourly != 52.42 ||
		p.Weekly != 2096 || p.Monthly != 9086 || p.Lowest != 31000 || p.Highest != 158000 || p.BandLow != 89000 || p.BandHigh != 133500 {
		t.Errorf("pay = %+v", p)
	}
	if len(r.Role.Duties) != 6 || len(r.Qualifications) != 3 || len(r.Similar) != 9 {
		t.Errorf("%d duties, %d qualifications, %d similar occupations", len(r.Role.Duties), len(r.Qualifications), len(r.Similar))
	}
	for _, q := range r.Qualifications {
		if _, err := tracker.ParseTrack(q.Kind); err != nil {
			t.Errorf("qualification %q links to no track: %v", q.Title, err)
		}
	}
	if len(Icon()) < 1000 {
		t.Error("no icon")
	}
}

// The recertification options count exams by level, so every exam has one, and each
// concentration exam's reported weights add up to the whole exam.
func TestExamLevelsAndConcentrationWeights(t *testing.T) {
	p, _ := DefaultPlan()
	want := map[string]string{"350-501": tracker.LevelCore, "CCIE-SP-LAB": tracker.LevelLab,
		"300-510": tracker.LevelConcentration, "300-515": tracker.LevelConcentration, "300-540": tracker.LevelConcentration, "300-535": tracker.LevelConcentration}
	for code, level := range want {
		e, ok := p.Exam(code)
		if !ok || e.Level != level {
			t.Errorf("exam %s: %+v, want level %s", code, e, level)
			continue
		}
		var sum float64
		for _, d := range e.Domains {
			sum += d.Weight
		}
		if sum != 100 || !e.Uncertain || e.Gathered != "2026-11" {
			t.Errorf("%s: weights add up to %g, uncertain %v, gathered %q", code, sum, e.Uncertain, e.Gathered)
		}
	}
	// The CCDE written is there for the recertification it counts for (S12), at its reported
	// price (S16), with no blueprint: none is among the sources.
	ccde, ok := p.Exam("CCDE-WRITTEN")
	if !ok || ccde.Level != tracker.LevelExpertWritten || ccde.PriceUSD != 450 || len(ccde.Domains) != 0 || !ccde.Uncertain || ccde.Gathered != "2026-11" {
		t.Errorf("CCDE written: %+v", ccde)
	}
	if len(p.Exams) != len(want)+1 {
		t.Errorf("%d exams, want %d", len(p.Exams), len(want)+1)
	}
}

// Each skill topic studies for the SPCOR and lab domains that the sources' skill topics name
// (../shared/domain, skill_topics[].blueprint_refs, gathered 2026-11), by their top-level
// domain: "SPCOR 1.4" is in 1.0, "Lab 2.7" in 2.0.
func TestSkillTopicsMapToTheDomainsTheSourcesName(t *testing.T) {
	p, err := DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"TCP/IP Fundamentals":                  "350-501 1.0",                                                                      // T01: SPCOR 1.4.e
		"LAN Switching & Carrier Ethernet":     "350-501 4.0, CCIE-SP-LAB 3.0",                                                     // T02: SPCOR 4.2, Lab 3.2
		"OSPF":                                 "350-501 2.0, CCIE-SP-LAB 1.0, 300-510 1.0",                                        // T03: SPCOR 2.1, 2.2, 2.6, SPRI 1.1–1.3, Lab 1.1
		"IS-IS":                                "350-501 2.0, CCIE-SP-LAB 1.0, 300-510 1.0",                                        // T03
		"BGP":                                  "350-501 2.0, CCIE-SP-LAB 1.0, CCIE-SP-LAB 2.0, 300-510 1.0, 300-510 3.0",          // T04: SPCOR 2.3–2.5, SPRI 1.4–1.5, 3.x, Lab 1.2, 2.6.c
		"MPLS":                                 "350-501 3.0, CCIE-SP-LAB 1.0, CCIE-SP-LAB 2.0, 300-510 4.0",                       // T05: SPCOR 3.x, SPRI 4.x, Lab 1.4–1.6, 2.3
		"Segment Routing":                      "350-501 3.0, CCIE-SP-LAB 1.0, CCIE-SP-LAB 2.0, 300-510 4.0",                       // T05
		"VPN Services: L3VPN, L2VPN, EVPN":     "350-501 4.0, CCIE-SP-LAB 2.0, 300-515 1.0, 300-515 2.0, 300-515 3.0, 300-515 4.0", // T06: SPCOR 4.1–4.3, SPVI all, Lab 2.4–2.5
		"Multicast":                            "350-501 4.0, CCIE-SP-LAB 1.0, CCIE-SP-LAB 2.0, 300-510 2.0",                       // T07: SPCOR 4.4, SPRI 2.x, Lab 1.3, 2.7
		"Quality of Service":                   "350-501 1.0, 350-501 4.0, CCIE-SP-LAB 2.0",                                        // T08: SPCOR 1.4, 4.5, Lab 2.8
		"High Availability & Fast Convergence": "350-501 2.0, 350-501 3.0, CCIE-SP-LAB 4.0, 300-510 1.0",                           // T09: SPCOR 2.8, 3.3.d, SPRI 1.7, Lab 4.x
		"Security: Firewalls, VPNs & ACLs":     "350-501 1.0, CCIE-SP-LAB 5.0",                                                     // T10: SPCOR 1.5–1.7, Lab 5.x
		"Python & Network Automation":          "350-501 5.0, CCIE-SP-LAB 6.0, 300-535 1.0, 300-535 2.0, 300-535 3.0, 300-535 4.0", // T11: SPCOR 5.x, SPAUTO all, Lab 6.2
		"Troubleshooting & Log Analysis":       "350-501 2.0, 350-501 5.0, CCIE-SP-LAB 6.0",                                        // T12: SPCOR 2.6, 5.8, 5.10, Lab 6.1
		"WAN/LAN Design & Capacity Planning":   "350-501 1.0, 350-501 2.0, CCIE-SP-LAB 2.0",                                        // T13: SPCOR 1.1, 2.7, Lab 2.1–2.3
		"Platforms: IOS XE & IOS XR":           "350-501 1.0, CCIE-SP-LAB 6.0",                                                     // T14: SPCOR 1.2–1.3, Lab 6.2.d
		"Communication & Technical Writing":    "",                                                                                 // T15: in no blueprint
	}
	for name, refs := range want {
		topic, err := tracker.MatchTopic(&p, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got []string
		for _, r := range topic.Blueprint {
			got = append(got, r.Exam+" "+r.Domain)
		}
		if strings.Join(got, ", ") != refs {
			t.Errorf("%s maps to %q, want %q", name, strings.Join(got, ", "), refs)
		}
	}
}

// The window's icon is the app's icon drawn at 256 px: each of its pixels is, within what two
// renderings of the same drawing differ by, the average of the four it stands for at 512 px.
func TestWindowIconIsTheIconAtHalfItsSize(t *testing.T) {
	decode := func(name string, b []byte) image.Image {
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return img
	}
	big, small := decode("icon.png", Icon()), decode("icon-256.png", WindowIcon())
	if b, s := big.Bounds(), small.Bounds(); b != image.Rect(0, 0, 512, 512) || s != image.Rect(0, 0, 256, 256) {
		t.Fatalf("the icons are %v and %v; want 512 and 256 px squares", b, s)
	}
	var off, worst float64
	for y := 0; y < 256; y++ {
		for x := 0; x < 256; x++ {
			var sum [4]float64
			for _, p := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				r, g, b, a := big.At(2*x+p[0], 2*y+p[1]).RGBA()
				sum[0], sum[1], sum[2], sum[3] = sum[0]+float64(r), sum[1]+float64(g), sum[2]+float64(b), sum[3]+float64(a)
			}
			r, g, b, a := small.At(x, y).RGBA()
			for i, v := range []uint32{r, g, b, a} {
				d := math.Abs(sum[i]/4-float64(v)) / 0xffff
				off += d
				worst = max(worst, d)
			}
		}
	}
	if mean := off / (256 * 256 * 4); mean > 0.005 || worst > 0.3 {
		t.Errorf("the 256 px icon is off the 512 px one by %.4f on average and %.3f at most: make it again from icon.svg", mean, worst)
	}
}

// Every source the rules cite is listed with what and where it is, as the domain data gives
// it (S11 is Cisco's own page on recertification).
func TestTheRulesSourcesAreListed(t *testing.T) {
	sources, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	if len(sources) != 38 {
		t.Errorf("%d sources, want the domain data's 38", len(sources))
	}
	rules := tracker.DefaultCertRules()
	for _, id := range rules.CitedSources() {
		s, ok := sources[id]
		if !ok || s.Title == "" || s.Ref == "" || s.Kind == "" {
			t.Errorf("source %s: %+v", id, s)
		}
	}
	if s := sources["S11"]; s.Title != "Cisco: Learning about recertification" || s.Kind != "Cisco (official)" || !strings.Contains(s.Ref, "www.cisco.com") {
		t.Errorf("S11 = %+v", s)
	}
}
