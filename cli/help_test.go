package cli

import (
	"flag"
	"slices"
	"strings"
	"testing"
)

func isActions(opts commandOptions) bool {
	_, ok := opts.(*actionsOptions)
	return ok
}

// Every flag of a command is in its synopsis, as it is typed ("-o", "--limit").
func TestEachSynopsisNamesEveryFlag(t *testing.T) {
	for _, cmd := range commands {
		fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
		fs.String("data", "", "")
		opts := cmd.options()
		if isActions(opts) {
			continue // an action command: each action's synopsis is made from its flags
		}
		opts.addFlags(fs)
		fs.VisitAll(func(f *flag.Flag) {
			if f.Name == "help" || f.Name == "h" || f.Name == "data" {
				return
			}
			words := strings.FieldsFunc(cmd.args, func(r rune) bool { return strings.ContainsRune(" []|=", r) })
			if name := flagName(f.Name); !slices.Contains(words, name) {
				t.Errorf("corepath %s: the synopsis %q does not show %s", cmd.name, cmd.args, name)
			}
		})
	}
}

func TestHelpShowsFlagsAsTypedWithTheirDefaults(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"export", "--help"}, "\n  -o FILE                write to FILE"},
		{[]string{"exam", "add", "--help"}, "\n  --design RESULT:PERCENT\n                         the lab's Design module"},
		{[]string{"demo", "--help"}, "\n  --seed SEED            the random SEED; the same seed gives the same year (default 1)\n"},
		{[]string{"demo", "--help"}, "\n  --data DIR             the data DIR to fill, required (or $COREPATH_DATA)"},
		{[]string{"sessions", "--help"}, "[--limit N]"},
	}
	for _, c := range cases {
		if out := h.ok(c.args...); !strings.Contains(out, c.want) {
			t.Errorf("%v does not show %q:\n%s", c.args, c.want, out)
		}
	}
	if out := h.ok("export", "--help"); strings.Contains(out, "--o") {
		t.Errorf("export --help shows -o as --o:\n%s", out)
	}
}

// A mistyped option or command gets one line in the command line's terms: never the flag
// package's wording, never the whole help.
func TestMistakesAreSaidInTheCommandLinesTerms(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"log", "1h", "--topic", "BGP", "--x"}, "corepath log: unknown option --x; see corepath log --help\n"},
		{[]string{"log", "1h", "--topic", "BGP", "-x"}, "unknown option -x; see corepath log --help\n"},
		{[]string{"log", "1h", "--topic"}, "corepath log: --topic needs a value; see corepath log --help\n"},
		{[]string{"log", "1h", "--topic", "BGP", "--focus", "abc"}, `invalid value "abc" for --focus: it is a whole number from 1 to 5 (0 for none); see corepath log --help`},
		{[]string{"sessions", "--limit", "abc"}, `invalid value "abc" for --limit: not a number; see corepath sessions --help`},
		{[]string{"report", "--week=maybe"}, `invalid value "maybe" for --week: write true or false`},
		{[]string{"--bogus"}, "corepath: unknown option --bogus; see corepath --help\n"},
		{[]string{"log", "1h", "--topc", "BGP"}, "corepath log: unknown option --topc; did you mean --topic? (see corepath log --help)\n"},
		{[]string{"sessions", "--lim", "3"}, "did you mean --limit?"},
		{[]string{"lgo"}, "corepath: unknown command \"lgo\"; did you mean \"log\"? (corepath --help lists the commands)\n"},
		{[]string{"sesions"}, `did you mean "sessions"?`},
		{[]string{"rep"}, `did you mean "report"?`},
		{[]string{"LOG", "5m", "--topic", "BGP"}, `corepath: unknown command "LOG"; did you mean "log"?`},
		{[]string{"log", "5m", "--Topic", "BGP"}, "did you mean --topic?"},
		{[]string{"frobnicate"}, "corepath: unknown command \"frobnicate\"; corepath --help lists the commands\n"},
	}
	for _, c := range cases {
		code, out, errOut := h.run(c.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
		if strings.Contains(errOut, "flag provided") || strings.Contains(errOut, "Commands:") || strings.Count(errOut, "--help") > 1 {
			t.Errorf("%v: %q", c.args, errOut)
		}
	}
}

func TestEditDistanceCountsAnExchangeAsOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"log", "log", 0}, {"lgo", "log", 1}, {"sesions", "sessions", 1}, {"stat", "start", 1}, {"xyz", "log", 3}, {"", "ce", 2}} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
