package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// An action is one verb of a record command, like "milestone rm", with only its own flags: its
// options struct declares them and its run method does the action (as bbolt's command line
// gives each command an options struct and one function).
type action struct {
	name string
	ref  string // what the one argument names, for the synopsis: "NAME"; "" for none
	// optionalRef lets the argument be left out, as in "exam list [EXAM]".
	optionalRef bool
	summary     string
	options     func() actionOptions // fresh options for one run
}

type actionOptions interface {
	// addFlags declares the action's flags on fs, bound to the options' fields.
	addFlags(fs *flag.FlagSet)
	// run does the action on the record that ref names; c.fs holds the action's flags, so
	// c.flagSet tells which the command line gave.
	run(c *ctx, ref string) error
}

// actionCommand is a command whose first argument picks one of actions.
func actionCommand(name, ref, summary string, actions ...action) *command {
	return &command{name: name, args: strings.Join(actionNames(actions), "|") + " " + ref + " [FLAGS]", summary: summary,
		options: func() commandOptions { return &actionsOptions{actions: actions} }}
}

func actionNames(actions []action) []string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.name
	}
	return names
}

// recordedFlag is a flag as the command line gave it, before the action that reads it is known.
type recordedFlag struct{ name, value string }

// recorder stands on the command's flag set for every flag of any action, keeping what is given
// in order; the chosen action's own flag set then reads it, and refuses a flag it has not got.
type recorder struct {
	name   string
	isBool bool
	given  *[]recordedFlag
}

func (r recorder) String() string   { return "" }
func (r recorder) IsBoolFlag() bool { return r.isBool }
func (recorder) gathers()           {} // the action's own options take one value or many
func (r recorder) Set(v string) error {
	*r.given = append(*r.given, recordedFlag{r.name, v})
	return nil
}

// actionsOptions are the options of a command of actions: every flag of any action, recorded,
// since the command's flags are parsed before its first argument says which action runs.
type actionsOptions struct {
	actions []action
	given   []recordedFlag
	help    bool
}

func (o *actionsOptions) addFlags(fs *flag.FlagSet) {
	for _, a := range o.actions {
		own := flag.NewFlagSet(a.name, flag.ContinueOnError)
		a.options().addFlags(own)
		own.VisitAll(func(f *flag.Flag) {
			if fs.Lookup(f.Name) == nil {
				bf, isBool := f.Value.(interface{ IsBoolFlag() bool })
				fs.Var(recorder{f.Name, isBool && bf.IsBoolFlag(), &o.given}, f.Name, "")
			}
		})
	}
	fs.BoolVar(&o.help, "help", false, "")
	fs.BoolVar(&o.help, "h", false, "")
}

// run hands the recorded flags to the action the first argument names, and runs it.
func (o *actionsOptions) run(c *ctx) error {
	if o.help {
		actionsUsage(c, o.actions, c.Stdout)
		return nil
	}
	a, ref, err := c.subcommand(o.actions)
	if err != nil {
		return err
	}
	return runAction(c, a, ref, o.given)
}

// newActionFlags makes an action's options and its flag set: its own flags and --data.
func newActionFlags(c *ctx, a action) (*flag.FlagSet, actionOptions) {
	fs := flag.NewFlagSet("corepath "+c.cmd.name+" "+a.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := c.fs.Lookup("data")
	fs.Var(data.Value, data.Name, data.Usage)
	opts := a.options()
	opts.addFlags(fs)
	onceEach(fs)
	return fs, opts
}

// runAction gives the recorded flags to the action's own flag set and runs the action.
func runAction(c *ctx, a action, ref string, given []recordedFlag) error {
	fs, opts := newActionFlags(c, a)
	for _, g := range given {
		if fs.Lookup(g.name) == nil {
			return optionError{fmt.Sprintf("--%s is not a flag of %q; see corepath %s %s --help", g.name, c.cmd.name+" "+a.name, c.cmd.name, a.name)}
		}
		if err := fs.Set(g.name, g.value); err != nil {
			return flagError(c.cmd.name+" "+a.name, nil, nil, fmt.Errorf("invalid value %q for flag -%s: %v", g.value, g.name, err)) // as the flag package words it
		}
	}
	c.fs = fs
	return opts.run(c, ref)
}

// actionsUsage is the help of the action named on the command line, or of all of them.
func actionsUsage(c *ctx, actions []action, w io.Writer) {
	for _, a := range actions {
		if len(c.args) > 0 && c.args[0] == a.name {
			fs, _ := newActionFlags(c, a)
			commandUsage(&ctx{cmd: &command{name: c.cmd.name + " " + a.name, args: actionSynopsis(a, fs), summary: a.summary}, fs: fs}, w)
			return
		}
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s\n\nActions:\n", c.cmd.synopsis(), c.cmd.summary)
	for _, a := range actions {
		fs, _ := newActionFlags(c, a)
		fmt.Fprintf(w, "  %s\n      %s\n", strings.TrimSpace("corepath "+c.cmd.name+" "+a.name+" "+actionSynopsis(a, fs)), a.summary)
	}
	fmt.Fprintf(w, "\nRun \"corepath %s ACTION --help\" for an action's flags.\n", c.cmd.name)
}

// actionSynopsis is the argument and the flags, "NAME [--target HOURS]", from the flag set.
func actionSynopsis(a action, fs *flag.FlagSet) string {
	var parts []string
	switch {
	case a.optionalRef:
		parts = append(parts, "["+a.ref+"]")
	case a.ref != "":
		parts = append(parts, a.ref)
	}
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "data" {
			return
		}
		arg, _ := flag.UnquoteUsage(f)
		parts = append(parts, "[--"+strings.TrimSpace(f.Name+" "+arg)+"]")
	})
	return strings.Join(parts, " ")
}
