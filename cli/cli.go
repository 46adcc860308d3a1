// Package cli is Corepath's command line: one subcommand per task over the same store the
// desktop app uses. Run returns the exit status: 0 on success, 1 on failure, 2 on a usage error.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"corepath/replica"
	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// AppID is the desktop app's unique id; the default data folder is Fyne's storage root for it.
const AppID = "dev.corepath.app"

// Env is what a command sees of the world; tests give it a fixed clock and a temporary folder.
type Env struct {
	Stdin          io.Reader // what import - reads
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
	Loc            *time.Location
	Version        func() string // what --version prints, worked out only then
	// GUI opens the desktop app over the data folder; nil where there is no app (tests), and
	// then no command prints the help.
	GUI func(dataDir string) int
}

// DefaultEnv is the real process's environment; stamped is the version make stamped, which
// Version completes (reading the build's information costs every command, so only --version does).
func DefaultEnv(stamped string) Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now, Loc: time.Local,
		Version: func() string { return Version(stamped) }}
}

// exit statuses
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError marks a malformed command line: the exit status is 2 and the command's usage
// follows the message.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// optionError is a usage error about an option whose message already says where the options
// are described.
type optionError struct{ msg string }

func (e optionError) Error() string { return e.msg }

type command struct {
	name    string
	args    string // the synopsis after the name
	summary string
	// options makes the command's options for one run.
	options func() commandOptions
}

// synopsis is the command as typed: "corepath log DURATION --topic NAME …".
func (c *command) synopsis() string { return strings.TrimSpace("corepath " + c.name + " " + c.args) }

// commandOptions are one command's options struct and the function that runs the command with
// them, as bbolt's command line gives each command an options struct and one function.
type commandOptions interface {
	// addFlags declares the command's flags on fs, bound to the options' fields.
	addFlags(fs *flag.FlagSet)
	// run does the command once the flags are parsed; c.args holds the positional arguments,
	// and c.flagSet tells which flags the command line gave.
	run(c *ctx) error
}

var commands []*command

func init() {
	commands = []*command{
		cmdLog, cmdStart, cmdStop, cmdCancel, cmdStatus, cmdSessions, cmdEdit, cmdDelete,
		cmdReport, cmdPlan, cmdTopic, cmdMilestone, cmdCourse, cmdGoal, cmdBackup, cmdRestore, cmdCheck, cmdExport, cmdImport, cmdWhere, cmdDemo,
		cmdExam, cmdReadiness, cmdCE, cmdRules,
		cmdSync,
	}
}

// ctx carries one command's parsed flags and its access to the store.
type ctx struct {
	Env
	cmd  *command
	fs   *flag.FlagSet
	args []string // positional arguments
	data string   // --data
	db   *storage.DB
	// syncOn: sync was on when the store was opened. Only the sync command turns it on, and
	// it syncs itself, so a command need not ask again after its change.
	syncOn bool
	// syncInBatch: the command asks whether sync is on inside its own transaction (synced),
	// so that a store without sync is opened once.
	syncInBatch bool
	// madeDir and madeStore: the store's folder (from madeDir, the first that was missing, down
	// to the store's), or its file, did not exist before this command opened it (dropUnwritten
	// removes them again when nothing was written).
	madeDir   string
	madeStore bool
	// wrote: a write of this command's was committed (Options.AfterWrite).
	wrote bool
}

// store opens the store on first use.
func (c *ctx) store() (*storage.DB, error) {
	if c.db != nil {
		return c.db, nil
	}
	dir, err := DataDir(c.data, c.Getenv)
	if err != nil {
		return nil, err
	}
	if err := c.noStoreToRead(dir); err != nil {
		return nil, err
	}
	wait, err := lockWait(c.Getenv)
	if err != nil {
		return nil, err
	}
	abs, _ := filepath.Abs(dir) // as the store names its folder
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !errors.Is(err, fs.ErrNotExist) || d == filepath.Dir(d) {
			break
		}
		c.madeDir = d
	}
	if _, err := os.Lstat(filepath.Join(dir, storage.FileName)); errors.Is(err, fs.ErrNotExist) {
		c.madeStore = true
	}
	c.db, err = storage.Open(dir, storage.Options{Seed: resources.DefaultPlan, Now: c.Now, Loc: c.Loc, LockTimeout: wait, CheckOnFirstUse: true,
		Waiting: func(holder string) {
			fmt.Fprintf(c.Stderr, "corepath: waiting for %s, which is using the data in %s (up to %s)…\n", holder, dir, wait)
		},
		AfterWrite: func() {
			c.wrote = true
			c.syncing("after the change")
			if c.db != nil && c.db.BackupPending() { // the store's first write: now there is something to keep
				c.autoBackup()
			}
		}})
	if err != nil {
		return nil, err
	}
	if c.syncInBatch {
		c.autoBackup()
		return c.db, nil
	}
	// Whether sync is on is the store's first read, which also checks the file
	// (CheckOnFirstUse): a file another program holds is reported now, not after a second wait.
	on, err := replica.Enabled(SyncStore(c.db))
	if tracker.ErrorCode(err) == tracker.InUse {
		c.db = nil
		return nil, err
	}
	c.syncOn = on && err == nil
	c.syncing("before the command")
	c.autoBackup()
	return c.db, nil
}

// corepath is how a command this one suggests starts: with the --data DIR it was given, so that
// the suggestion, pasted, acts on the same store (COREPATH_DATA stays set in the shell).
func (c *ctx) corepath() string {
	if c.data == "" {
		return "corepath"
	}
	dir, err := DataDir(c.data, c.Getenv)
	if err != nil {
		dir = c.data
	}
	return "corepath --data " + shellQuote(dir)
}

// noStoreToRead refuses a command that only reads on a data folder the person named (--data,
// COREPATH_DATA) that does not exist: a mistyped path would otherwise get a new, empty store,
// and the person would take its "No sessions." for their data gone.
func (c *ctx) noStoreToRead(dir string) error {
	if c.data == "" && c.Getenv("COREPATH_DATA") == "" || !c.onlyReads() {
		return nil
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return tracker.Errorf(tracker.NotFound, "no Corepath data in %s: the folder does not exist. Check the path (corepath where, without --data or COREPATH_DATA, prints the usual one), or log a session there to start a new store.", dir)
}

// onlyReads reports whether the command, as given, only reads the store.
func (c *ctx) onlyReads() bool {
	action := ""
	if len(c.args) > 0 {
		action = c.args[0]
	}
	switch c.cmd.name {
	case "status", "sessions", "report", "plan", "export", "readiness", "check", "backup":
		return true
	case "topic", "milestone", "course", "exam", "ce":
		return action == "list" || action == "show"
	case "sync":
		return action == "status"
	case "rules":
		return countSet(c, append(ruleFlags, "exam", "price", "weights")...) == 0
	case "goal": // shows the goals when no flag changes them
		changes := false
		c.fs.Visit(func(f *flag.Flag) { changes = changes || f.Name != "data" && f.Name != "json" })
		return !changes
	}
	return false
}

// autoBackup takes the day's backup: a stat when it exists; a failure must not stop the command.
// A damaged store, which is never backed up, gets no warning of it: the command's own error
// says what to do, or, when it could still read what it needed, the warning that the store is
// damaged (run).
func (c *ctx) autoBackup() {
	if _, err := c.db.AutoBackup(); err != nil && tracker.ErrorCode(err) != tracker.Damaged {
		fmt.Fprintf(c.Stderr, "corepath: warning: the daily backup failed: %v\n", err)
	}
}

// defaultLockWait is how long a command waits for the store while another program (the app,
// another command) uses it: longer than the app, which must not freeze, since a command is
// typed and may as well wait; COREPATH_LOCK_WAIT (a duration, like 5s) changes it.
const defaultLockWait = 20 * time.Second

func lockWait(getenv func(string) string) (time.Duration, error) {
	s := getenv("COREPATH_LOCK_WAIT")
	if s == "" {
		return defaultLockWait, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, tracker.Errorf(tracker.Invalid, "COREPATH_LOCK_WAIT=%q is not a duration: write it like 5s or 1m", s)
	}
	return d, nil
}

func (c *ctx) plan() (*storage.DB, tracker.Plan, error) {
	db, err := c.store()
	if err != nil {
		return nil, tracker.Plan{}, err
	}
	p, err := db.Plan()
	return db, p, err
}

func (c *ctx) out(format string, args ...any) { fmt.Fprintf(c.Stdout, format, args...) }

// DataDir chooses the data folder: --data, then COREPATH_DATA, then the folder the desktop app
// uses (Fyne's storage root for the app's id).
func DataDir(flagValue string, getenv func(string) string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := getenv("COREPATH_DATA"); env != "" {
		return env, nil
	}
	var root string
	switch runtime.GOOS {
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		root = filepath.Join(home, "Library", "Preferences", "fyne")
	case "windows":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		root = filepath.Join(home, "AppData", "Roaming", "fyne")
	default:
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", tracker.Errorf(tracker.Invalid, "cannot find a folder for Corepath's data (%v): give one with --data DIR or COREPATH_DATA", err)
		}
		root = filepath.Join(cfg, "fyne")
	}
	return filepath.Join(root, AppID), nil
}

// nonEmpty is a flag's setter that refuses an empty value, saying refusal: a script's unset
// variable must not mean the person's own store (--data "$DIR"), nor change nothing and say it
// did (--at "$WHEN").
func nonEmpty(dst *string, refusal string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(refusal)
		}
		*dst = v
		return nil
	}
}

// rating is an option's setter for a rating on a scale ("from 1 to 5"), which says the scale
// when the value is not a whole number: "--focus 2.5" is no rating, and the flag package would
// say only "not a number". tracker refuses a whole number off the scale.
func rating(dst *int, scale string) func(string) error {
	return func(v string) error {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("it is a whole number %s", scale)
		}
		*dst = n
		return nil
	}
}

// focusScale is the scale of --focus, for rating.
const focusScale = "from 1 to 5 (0 for none)"

// emptyData is what an empty --data is told.
const emptyData = "it needs a folder (leave --data out for your own store)"

// Run runs the command line args (without the program name).
func Run(args []string, env Env) int {
	global := flag.NewFlagSet("corepath", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	data := new(string)
	global.Func("data", "", nonEmpty(data, emptyData))
	version := global.Bool("version", false, "")
	help := global.Bool("help", false, "")
	global.BoolVar(help, "h", false, "")
	onceEach(global)
	if err := global.Parse(args); err != nil {
		fmt.Fprintf(env.Stderr, "corepath: %v\n", flagError("", optionNames(global), args, err))
		return exitUsage
	}
	switch {
	case *version:
		fmt.Fprintf(env.Stdout, "corepath %s\n", env.Version())
		return exitOK
	case *help:
		usage(env.Stdout)
		return exitOK
	case global.NArg() == 0:
		if env.GUI == nil {
			usage(env.Stdout)
			return exitOK
		}
		dir, err := DataDir(*data, env.Getenv)
		if err != nil {
			fmt.Fprintf(env.Stderr, "corepath: %v\n", err)
			return exitFail
		}
		return env.GUI(dir)
	}
	name, rest := global.Arg(0), global.Args()[1:]
	if name == "help" {
		if len(rest) == 0 {
			usage(env.Stdout)
			return exitOK
		}
		name, rest = rest[0], []string{"--help"}
	}
	for _, cmd := range commands {
		if cmd.name == name {
			return runCommand(cmd, rest, *data, env)
		}
	}
	if near := nearestCommand(name); near != "" {
		fmt.Fprintf(env.Stderr, "corepath: unknown command %q; did you mean %q? (corepath --help lists the commands)\n", name, near)
	} else {
		fmt.Fprintf(env.Stderr, "corepath: unknown command %q; corepath --help lists the commands\n", name)
	}
	return exitUsage
}

// nearestCommand is the command name a typo most likely meant: one it starts, or one within two
// edits of it; "" when none is that close.
func nearestCommand(typed string) string {
	names := make([]string, len(commands))
	for i, cmd := range commands {
		names[i] = cmd.name
	}
	return nearest(typed, names, 2)
}

// nearest is the name a typo most likely meant: one it starts, or one within edits of it,
// whatever the letters' case (the names are lowercase: LOG means log); "" when none is that close.
func nearest(typed string, names []string, edits int) string {
	typed = strings.ToLower(typed)
	best, bestDist := "", edits+1
	for _, name := range names {
		d := editDistance(typed, name)
		if strings.HasPrefix(name, typed) && len(typed) >= 2 {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// optionNames are the names of a flag set's options, for nearest.
func optionNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// editDistance is the Levenshtein distance between a and b, counting an exchange of two
// neighbouring letters ("lgo" for "log") as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j].
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

func runCommand(cmd *command, args []string, data string, env Env) int {
	stdout, stderr := &visibleWriter{w: env.Stdout}, &visibleWriter{w: env.Stderr}
	env.Stdout, env.Stderr = stdout, stderr
	c := &ctx{Env: env, cmd: cmd, data: data}
	if tz := env.Getenv("TZ"); unreadZone(tz, env.Loc) {
		fmt.Fprintf(stderr, "corepath: warning: TZ=%q is not a time zone name Corepath can read, so times are taken as UTC: set TZ to a name like Europe/Berlin, or unset it\n", tz)
	}
	code := c.run(args)
	stdout.Flush()
	switch {
	case stdout.err == nil || code != exitOK || brokenPipe(stdout.err):
		// A reader that stopped reading (sessions | head) wanted no more.
	case c.wrote: // the change was made: a script that took a failure for none would make it twice
		fmt.Fprintf(stderr, "corepath %s: note: done, but its output was not all written: %v\n", cmd.name, stdout.err)
	default:
		// A report redirected to a full disk is cut short: the person must not take it whole.
		fmt.Fprintf(stderr, "corepath %s: the output was not all written: %v\n", cmd.name, stdout.err)
		code = exitFail
	}
	stderr.Flush()
	return code
}

// unreadZone reports whether TZ names a zone that Go could not load: it then takes the local
// time as UTC without a word (TZ=UTC+5, TZ=Mars/Phobos), and every time would be stored hours off.
func unreadZone(tz string, loc *time.Location) bool {
	switch strings.TrimPrefix(tz, ":") {
	case "", "UTC", "UTC0", "Etc/UTC", "UCT", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "Universal":
		return false
	}
	return loc != nil && loc.String() == "UTC"
}

// run parses the command's arguments and runs it, with the writers runCommand made.
func (c *ctx) run(args []string) int {
	cmd, env := c.cmd, c.Env
	c.fs = flag.NewFlagSet("corepath "+cmd.name, flag.ContinueOnError)
	c.fs.SetOutput(io.Discard)
	c.fs.Func("data", "the data `DIR` (default: $COREPATH_DATA, else the app's folder)", nonEmpty(&c.data, emptyData))
	opts := cmd.options()
	opts.addFlags(c.fs)
	onceEach(c.fs)
	err := parseInterspersed(c.fs, args, &c.args)
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(c, env.Stdout)
		return exitOK
	}
	if err == nil {
		err = opts.run(c)
	}
	if note := c.dropUnwritten(err); note != "" {
		defer fmt.Fprint(env.Stderr, note) // after the error's own message
	}
	damaged := ""
	if err == nil && c.db != nil && !c.wrote {
		// A read that could still be made of a store known to be damaged: what it shows may be
		// short of what the store held (report reads its totals, sessions the records). No
		// backup is tried: a damaged store is never backed up.
		if damaged = c.db.KnownDamage(); damaged != "" {
			fmt.Fprintf(env.Stderr, "corepath: warning: the store is damaged: %s; what this shows may be incomplete: %s check says what to do\n", damaged, c.corepath())
		}
	}
	if err == nil && c.db != nil && damaged == "" {
		// A change is in a backup within the hour: this one, once the newest backup is that old.
		if _, berr := c.db.BackupIfChanged(storage.RecentBackupAge); berr != nil {
			fmt.Fprintf(env.Stderr, "corepath: warning: the backup of your latest changes failed: %v\n", berr)
		}
	}
	var ue usageError
	var oe optionError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "corepath %s: %v\nUsage: %s\nRun \"corepath %s --help\" for the flags.\n",
			cmd.name, err, cmd.synopsis(), cmd.name)
		return exitUsage
	case errors.As(err, &oe):
		fmt.Fprintf(env.Stderr, "corepath %s: %v\nUsage: %s\n", cmd.name, err, cmd.synopsis())
		return exitUsage
	default:
		fmt.Fprintf(env.Stderr, "corepath %s: %s\n", cmd.name, explain(err, c.corepath()))
		return exitFail
	}
}

// dropUnwritten removes the store this command created, and its folder when it made that too,
// if the command wrote nothing to it: a command that failed (an unknown topic, no timer to
// stop) or only looked (a dry run) leaves no store behind in a folder named by mistake. When
// the command failed in a folder the person named, it says the folder held no data, which may
// be why: it returns that note, "" when there is none.
func (c *ctx) dropUnwritten(failed error) (note string) {
	if c.db == nil || !c.madeStore {
		return ""
	}
	removed, err := c.db.RemoveIfUnwritten()
	if err != nil || !removed {
		return ""
	}
	dir := c.db.Dir()
	// Each folder this command made, from the store's up, while empty.
	for d := dir; c.madeDir != "" && strings.HasPrefix(d, c.madeDir) && os.Remove(d) == nil; d = filepath.Dir(d) {
	}
	c.db = nil
	if failed == nil || c.data == "" && c.Getenv("COREPATH_DATA") == "" {
		return ""
	}
	return fmt.Sprintf("corepath: note: %s held no Corepath data, and none was left there; check the folder (corepath where, without --data or COREPATH_DATA, prints the usual one)\n", dir)
}

// parseInterspersed lets flags come before or after positional arguments, as in
// "corepath log 45m --topic BGP", by resuming the standard parser after each positional one.
func parseInterspersed(fs *flag.FlagSet, args []string, positional *[]string) error {
	all := args
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return flagError(strings.TrimPrefix(fs.Name(), "corepath "), optionNames(fs), all, err)
		}
		if fs.NArg() == 0 {
			return nil
		}
		*positional = append(*positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// gatherer is an option's value that gathers every use of the option (listFlag, repeatFlag,
// mapFlag, and the recorder that hands an action its options).
type gatherer interface{ gathers() }

// onceEach has every option of fs that holds one value refuse a second, different one:
// "sessions --tag lab --tag xr" listed xr's sessions alone, lab dropped without a word.
func onceEach(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if _, ok := f.Value.(gatherer); !ok {
			f.Value = &onlyOnce{Value: f.Value}
		}
	})
}

const givenTwice = "given twice"

// onlyOnce passes the first value on and refuses another (the same one again is no harm).
type onlyOnce struct {
	flag.Value
	given bool
	first string
}

func (o *onlyOnce) Set(v string) error {
	if o.given {
		if v == o.first {
			return nil
		}
		return fmt.Errorf("%s, as %q and then %q: give it once", givenTwice, o.first, v)
	}
	o.given, o.first = true, v
	return o.Value.Set(v)
}

// IsBoolFlag keeps a switch a switch (the flag package asks the value).
func (o *onlyOnce) IsBoolFlag() bool {
	b, ok := o.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// badFlagValue splits the flag package's error for a value it could not set, `invalid value
// "V" for flag -NAME: WHY` (`invalid boolean value "V" for -NAME: WHY` for a switch). V is
// quoted, so it ends at the last `" for ` that the rest of the message follows. Hand-written
// rather than a regular expression: importing regexp costs every command unicode's tables,
// built at start.
func badFlagValue(msg string) (boolean bool, value, name, why string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "invalid ")
	if !ok {
		return false, "", "", "", false
	}
	rest, boolean = strings.CutPrefix(rest, "boolean ")
	if rest, ok = strings.CutPrefix(rest, `value "`); !ok {
		return false, "", "", "", false
	}
	const sep = `" for `
	for i := strings.LastIndex(rest, sep); i >= 0; i = strings.LastIndex(rest[:i], sep) {
		tail, dashed := strings.CutPrefix(strings.TrimPrefix(rest[i+len(sep):], "flag "), "-")
		if name, why, found := strings.Cut(tail, ": "); dashed && found && !strings.Contains(name, ":") {
			return boolean, `"` + rest[:i+1], name, why, true
		}
	}
	return false, "", "", "", false
}

// flagError rewords a flag parsing error of the command cmd ("" for corepath itself): the
// option as it was typed among args, the nearest of the command's options to an unknown one,
// and where to read about the options.
func flagError(cmd string, options, args []string, err error) error {
	command := strings.TrimSpace("corepath " + cmd)
	help := fmt.Sprintf("see %s --help", command)
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		if name != "" && name[0] >= '0' && name[0] <= '9' { // "log -5m" is no flag but a negative value
			return usagef("-%s is negative: durations and numbers are positive (for a session that ended earlier, give its start with --at)", name)
		}
		// Options are short and many: one edit, or a prefix ("--lim"), and never for "-x".
		if near := nearest(name, options, 1); near != "" && len(name) >= 3 {
			help = fmt.Sprintf("did you mean --%s? (%s)", near, help)
		}
		return optionError{fmt.Sprintf("unknown option %s; %s", asTyped(args, name), help)}
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return optionError{fmt.Sprintf("%s needs a value; %s", asTyped(args, name), help)}
	}
	if boolean, value, name, why, ok := badFlagValue(msg); ok {
		switch {
		case strings.HasPrefix(why, givenTwice):
			return optionError{fmt.Sprintf("%s is %s; %s", asTyped(args, name), why, help)}
		case boolean:
			why = "write true or false"
		case strings.HasSuffix(why, "parse error"):
			why = "not a number"
		case strings.HasSuffix(why, "value out of range"):
			why = "out of range"
		}
		return optionError{fmt.Sprintf("invalid value %s for %s: %s; %s", value, asTyped(args, name), why, help)}
	}
	return optionError{fmt.Sprintf("%s; %s", msg, help)}
}

// asTyped is the option name as it appears among args ("--x" or "-x"), else as flagName
// writes it.
func asTyped(args []string, name string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		for _, dashes := range []string{"--", "-"} {
			if a == dashes+name || strings.HasPrefix(a, dashes+name+"=") {
				return dashes + name
			}
		}
	}
	return flagName(name)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Corepath tracks your path to Core Network Engineer: the degree, the skills and the CCIE
Service Provider certification. With no command it opens the desktop app.

Usage: corepath [--data DIR] COMMAND [ARGS] [FLAGS]

Commands:
`)
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Examples:
  corepath log 45m --topic BGP --tag lab
  corepath log 1h30m --topic ospf --at "yesterday 18:00" --note "LSA types"
  corepath start --topic MPLS        then later: corepath stop --note "LDP sync"
  corepath report --week

Run "corepath COMMAND --help" for a command's flags. Data lives in --data DIR, else
$COREPATH_DATA, else the app's folder (corepath where prints it).
`)
}

func commandUsage(c *ctx, w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.cmd.synopsis(), c.cmd.summary)
	var lines []string
	c.fs.VisitAll(func(f *flag.Flag) {
		name, use := flag.UnquoteUsage(f)
		arg := flagName(f.Name)
		if name != "" {
			arg += " " + name
		}
		if shownDefault(f) && !strings.Contains(use, "default") {
			use += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		if len(arg) > usageColumn {
			// A long flag gets its text on the next line rather than running into it.
			lines = append(lines, fmt.Sprintf("  %s\n  %-*s %s", arg, usageColumn, "", use))
			return
		}
		lines = append(lines, fmt.Sprintf("  %-*s %s", usageColumn, arg, use))
	})
	sort.Strings(lines)
	fmt.Fprintf(w, "\nFlags:\n%s\n", strings.Join(lines, "\n"))
}

// usageColumn is the width of the flags' column in a command's help.
const usageColumn = 22

// flagName is a flag as it is typed: -o for a one-letter flag, --name for the others.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// shownDefault reports whether a flag's help should say its default: one that is not the
// zero value of its kind (as the flag package's own help decides).
func shownDefault(f *flag.Flag) bool {
	switch f.DefValue {
	case "", "0", "false", "[]":
		return false
	}
	return true
}

// listFlag collects a repeatable flag; commas also separate values ("--tag lab,rr").
type listFlag []string

func (*listFlag) gathers() {}

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// needArgs checks the count of positional arguments.
func (c *ctx) needArgs(n int, what string) error {
	switch {
	case len(c.args) < n:
		return usagef("missing %s", what)
	case len(c.args) > n:
		return usagef("unexpected argument %q", c.args[n])
	}
	return nil
}

// flagSet reports whether the named flag was given.
func (c *ctx) flagSet(name string) bool {
	set := false
	c.fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

var cmdWhere = &command{
	name: "where", args: "", summary: "Print the path of the store's file, in the data folder.",
	options: func() commandOptions { return &whereOptions{} },
}

// whereOptions: corepath where has no flags of its own.
type whereOptions struct{}

func (*whereOptions) addFlags(*flag.FlagSet) {}

func (*whereOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, err := c.store()
	if err != nil {
		return err
	}
	c.out("%s\n", db.Path())
	return nil
}
