package cli

import (
	"flag"
	"io"
	"strings"
	"testing"
)

// Every flag of a command is in its synopsis, as it is typed ("-o", "--limit").
func TestEachSynopsisNamesEveryFlag(t *testing.T) {
	for _, cmd := range commands {
		if strings.Contains(cmd.args, "|") {
			continue // an action command: each action's synopsis is made from its flags
		}
		c := &ctx{Env: Env{Stdout: io.Discard, Stderr: io.Discard}, cmd: cmd, fs: flag.NewFlagSet(cmd.name, flag.ContinueOnError)}
		c.fs.String("data", "", "")
		cmd.setup(c)
		c.fs.VisitAll(func(f *flag.Flag) {
			if f.Name == "help" || f.Name == "h" || f.Name == "data" {
				return
			}
			if name := flagName(f.Name); !strings.Contains(cmd.args+" ", name+" ") && !strings.Contains(cmd.args, name+"]") && !strings.Contains(cmd.args, name+"=") {
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
