package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"strings"

	"corepath/exchange"
	"corepath/resources"
	"corepath/tracker"
)

var cmdExport = &command{
	name: "export", args: "[--format json|csv|ical] [--from DATE] [--to DATE] [-o FILE]",
	summary: "Write your data to a file: json (everything, for a backup or another Corepath), csv (sessions, for a spreadsheet) or ical (sessions and milestone dates, for a calendar).",
	options: func() commandOptions { return &exportOptions{} },
}

// exportOptions are the flags of corepath export.
type exportOptions struct {
	format, from, to, out string
}

func (o *exportOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "json", "the `FORMAT`: json, csv or ical")
	fs.StringVar(&o.from, "from", "", "only sessions from this `DATE` (YYYY-MM-DD, today or yesterday); one that crosses into it is taken whole")
	fs.StringVar(&o.to, "to", "", "only sessions up to this `DATE`, included")
	fs.Func("o", "write to `FILE` instead of stdout (replaced only once the export is complete)", nonEmpty(&o.out, "it is empty: give a file name, or leave -o out for the standard output"))
}

func (o *exportOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	format, err := exchange.ParseExportFormat(o.format)
	if err != nil {
		return usageError{err.Error()}
	}
	opt := exchange.ExportOptions{Format: format, Loc: c.Loc, Now: c.Now()}
	if opt.From, opt.To, err = c.dayRange(o.from, o.to); err != nil {
		return err
	}
	c.syncInBatch = true
	db, err := c.store()
	if err != nil {
		return err
	}
	// The plan, the timer and the sessions are read in one transaction: one open of the store.
	var sum exchange.ExportSummary
	toStdout := o.out == "" || o.out == "-" || o.out == "/dev/stdout" // the shell's own stdout: >> appends
	err = c.synced(db.Snapshot, func(st tracker.Store) (err error) {
		if toStdout {
			_, err = exchange.Export(c.Stdout, st, opt)
		} else {
			sum, err = exchange.ExportFile(o.out, st, opt)
		}
		return err
	})
	if err != nil || toStdout {
		return err
	}
	what := tracker.CountOf(sum.Sessions, "session", "sessions")
	if sum.Timer {
		what += " and the running timer"
	}
	if sum.Milestones > 0 {
		what += " and " + tracker.CountOf(sum.Milestones, "milestone date", "milestone dates")
	}
	fmt.Fprintf(c.Stderr, "Exported %s to %s\n", what, o.out)
	return nil
}

// mapFlag collects --map NAME=TOPIC, repeatable.
type mapFlag map[string]string

func (m mapFlag) String() string {
	var parts []string
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

func (mapFlag) gathers() {}

func (m mapFlag) Set(v string) error {
	name, topic, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(topic) == "" {
		return fmt.Errorf("--map %q: write it as NAME=TOPIC, like --map rr=\"BGP > Route reflectors\"", v)
	}
	m[strings.TrimSpace(name)] = strings.TrimSpace(topic)
	return nil
}

var cmdImport = &command{
	name: "import", args: "FILE|- [--format corepath|corepath-csv|timewarrior|toggl|clockify|spreadsheet] [--map NAME=TOPIC]... [--track TRACK] [--dates day-first|month-first] [--split-long] [--close-open TIME] [--replace-plan] [--with-deleted] [--dry-run]",
	summary: "Add sessions from a Corepath export (JSON, or its CSV), Timewarrior (`timew export` JSON or its data folder), a Toggl Track or Clockify detailed report (CSV), or a log kept in a spreadsheet and saved as CSV (its first line names the columns: a topic, a date, a start time, and an end time or a duration whose header says the unit, like Date,Start,Minutes,Topic); - reads the file from the standard input. The whole file is checked first: if any record is bad, all of them are listed and nothing is imported. Records imported before are recognized and skipped, and the summary accounts for every record. A session of a Corepath export that this store has is updated when the file has it edited later, and kept as it is here otherwise. A Corepath export's plan records (topics, milestones, courses, attempts, goals…) are added where the store lacks them; those it has are kept as they are unless --replace-plan is given.",
	options: func() commandOptions { return &importOptions{} },
}

// importOptions are the flags of corepath import.
type importOptions struct {
	format, track, closeOpen, dates string
	dryRun, splitLong               bool
	withDeleted                     bool
	replacePlan                     bool
	maps                            mapFlag
}

func (o *importOptions) addFlags(fs *flag.FlagSet) {
	o.maps = mapFlag{}
	fs.StringVar(&o.format, "format", "", "the file's `FORMAT`: corepath, timewarrior, toggl, clockify, corepath-csv or spreadsheet (default: guessed from the content)")
	fs.Var(o.maps, "map", "send a tag, project or spreadsheet topic `NAME=TOPIC` to one of the plan's topics; repeat for more")
	fs.StringVar(&o.track, "track", "skills", "the `TRACK` for topics created for names that match none: degree, skills or certification")
	fs.BoolVar(&o.splitLong, "split-long", false, "cut entries longer than 24 hours into sessions of at most 24 hours (default: import them whole, as the other app counts them)")
	fs.StringVar(&o.dates, "dates", "", "the `ORDER` of a CSV's dates when they read either way round (02/11/2026): day-first or month-first (default: as the file's language writes them)")
	fs.StringVar(&o.closeOpen, "close-open", "", "import an interval still open after more than a day as ended at `TIME` (default: leave it out)")
	fs.BoolVar(&o.replacePlan, "replace-plan", false, "let a Corepath export's plan records replace this store's with the same id (default: keep the store's, so an older export never undoes later edits)")
	fs.BoolVar(&o.withDeleted, "with-deleted", false, "import the file's records of sessions deleted here too (default: leave them out, so that a file that still has them does not bring them back)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "say what the import would do, and write nothing")
}

func (o *importOptions) run(c *ctx) error {
	if err := c.needArgs(1, "FILE (a file, or a Timewarrior data folder)"); err != nil {
		return err
	}
	opt := exchange.ImportOptions{Map: o.maps, Loc: c.Loc, Now: c.Now(), SplitLong: o.splitLong, ReplacePlan: o.replacePlan, WithDeleted: o.withDeleted}
	seed, err := resources.DefaultPlan()
	if err != nil {
		return err
	}
	opt.Seed = &seed
	if o.format != "" {
		if opt.Format, err = exchange.ParseFormat(o.format); err != nil {
			return usageError{err.Error()}
		}
	}
	if opt.Track, err = tracker.ParseTrack(o.track); err != nil {
		return usageError{err.Error()}
	}
	if o.dates != "" {
		if opt.Dates, err = exchange.ParseDateOrder(o.dates); err != nil {
			return usageError{err.Error()}
		}
	}
	if o.closeOpen != "" {
		if opt.CloseOpenAt, err = c.parseTime(o.closeOpen); err != nil {
			return err
		}
	}
	db, err := c.store()
	if err != nil {
		return err
	}
	path := c.args[0]
	var im *exchange.Import
	if path == "-" && c.Stdin != nil { // like export's -o -
		path = "the standard input"
		im, err = exchange.Prepare(c.Stdin, db, opt)
	} else {
		im, err = exchange.PrepareFile(path, db, opt)
	}
	if err != nil {
		return notImported(c, path, err)
	}
	if o.dryRun {
		printDryRun(c, im)
		return nil
	}
	backup := ""
	if im.Writes() {
		if backup, err = db.BackupBefore("import"); err != nil {
			return notImported(c, path, err)
		}
		fmt.Fprintf(c.Stderr, "Backed up the store to %s first\n", backup)
	}
	res, err := im.Apply(db)
	if err != nil {
		return notImported(c, path, err)
	}
	made := map[string]string{}       // the new topics' names, by their ids now
	for i, t := range res.NewTopics { // as im.NewTopics, in their order, with their ids now
		name := t.Name
		if t.ParentID != "" {
			parent, ok := made[t.ParentID] // created by this import too, before it
			if !ok {
				parent = im.TopicPath(t.ParentID)
			}
			name = parent + " › " + t.Name
		}
		made[t.ID] = t.Name
		c.out("Created topic %s (%s)%s\n", name, t.Track.Label(),
			mapHint(im, im.NewTopics[i].ID, fmt.Sprintf("%s restore %s puts the store back as it was, and an import with", c.corepath(), shellQuote(backup)), " sends it there"))
	}
	c.out("%s\n", im.Summary(true, commandLineWording(c)))
	if other := otherDates(im); other != "" && backup != "" {
		c.out("Note: were the dates meant %s, %s restore %s puts the store back as it was, and an import with --dates %s reads them so\n",
			other, c.corepath(), shellQuote(backup), other)
	}
	// Apply's own notes: what it could not do after all (a timer started meanwhile).
	for _, n := range res.Notes[len(im.Notes):] {
		fmt.Fprintf(c.Stderr, "Note: %s\n", n)
	}
	return nil
}

// otherDates is the other order of a CSV's dates, when Corepath chose the order they were read
// in because they read either way round; else "".
func otherDates(im *exchange.Import) exchange.DateOrder {
	switch im.GuessedDates {
	case exchange.DatesDayFirst:
		return exchange.DatesMonthFirst
	case exchange.DatesMonthFirst:
		return exchange.DatesDayFirst
	}
	return ""
}

// mapHint suggests sending a new topic's name (by its provisional id) to the store's topic it
// may mean: "; if it is Quality of Service, import with --map 'QoS=Quality of Service'". A
// name holding "=" is left out: --map would split it there.
func mapHint(im *exchange.Import, provisionalID, before, after string) string {
	path, ok := im.LikelyTopic(provisionalID)
	name := im.NewTopicNames[provisionalID]
	if !ok || strings.Contains(name, "=") {
		return ""
	}
	return fmt.Sprintf("; if it is %s, %s --map %s%s", path, before, shellQuote(name+"="+path), after)
}

// commandLineWording is how the command line words what an import's summary suggests.
func commandLineWording(c *ctx) exchange.Wording {
	return exchange.Wording{
		ShowDays: func(from, to string) string {
			return fmt.Sprintf("%s sessions --from %s --to %s", c.corepath(), from, to)
		},
		ShowNamed: func(what, name string) string {
			return fmt.Sprintf("%s sessions --%s %s", c.corepath(), what, shellQuote(name))
		},
		Edit:      c.corepath() + " edit",
		SplitLong: "import with --split-long",
		Fixes: map[exchange.Fix]string{
			exchange.FixCloseOpen:   `import it closed with --close-open "YYYY-MM-DD HH:MM"`,
			exchange.FixStopTimer:   "stop the running timer (" + c.corepath() + " stop) and import again",
			exchange.FixWithDeleted: "import them again with --with-deleted",
		},
		ReplacePlan: "--replace-plan takes the file's",
	}
}

// notImported names the file in an import's failure, says that the store is unchanged, and
// explains the failure (a list of bad records follows its first line).
func notImported(c *ctx, path string, err error) error {
	text := explain(err, c.corepath())
	var mapping *exchange.MapTargetError
	if errors.As(err, &mapping) { // the option as it was typed
		text = strings.Replace(text, mapping.Error(), "--map "+mapping.Error(), 1)
	}
	// Said first, so that a message ending in a list ("the top-level topics are:") keeps it.
	msg := fmt.Sprintf("%s: nothing was imported: %s", path, text)
	return &tracker.Error{Code: tracker.ErrorCode(err), Message: msg} // explained already: no cause to explain again
}

// printDryRun lists what an import would write, then the summary a real run prints.
func printDryRun(c *ctx, im *exchange.Import) {
	w := bufio.NewWriter(c.Stdout)
	defer w.Flush()
	for _, t := range im.NewTopics {
		fmt.Fprintf(w, "Would create topic %s (%s)%s\n", im.TopicPath(t.ID), t.Track.Label(), mapHint(im, t.ID, "import with", ""))
	}
	for i := range im.Sessions {
		s := &im.Sessions[i]
		line := fmt.Sprintf("Would add %s  %6s  %s", s.Start.In(c.Loc).Format("2006-01-02 15:04"),
			tracker.FormatDuration(s.Duration), im.TopicPath(s.TopicID))
		if len(s.Tags) > 0 {
			line += "  [" + strings.Join(s.Tags, ", ") + "]"
		}
		if s.Note != "" {
			line += "  " + fmt.Sprintf("%q", noteInList(s.Note))
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, im.Summary(false, commandLineWording(c)))
	if other := otherDates(im); other != "" {
		fmt.Fprintf(w, "Note: were the dates meant %s, import with --dates %s\n", other, other)
	}
	fmt.Fprintln(w, "Dry run: nothing was written.")
}
