package cli

import (
	"fmt"
	"strings"

	"corepath/exchange"
	"corepath/tracker"
)

// explain is an error as the command line shows it: the message of the domain, which says what
// is wrong, then what to do about each typed error inside it, in commands and flags; corepath
// starts each command suggested (ctx.corepath: with the --data DIR given).
func explain(err error, corepath string) string {
	return withHints(err.Error(), tracker.Hints(err, func(e error) hint { return commandLineHint(e, corepath) }))
}

// hint is what to do about an error, and what joins it to a one-line message (": ", "; ").
type hint struct{ sep, text string }

// withHints joins what to do to a message: on its line when the message is one line, else each
// on a line of its own after it, as a sentence.
func withHints(msg string, hints []hint) string {
	if len(hints) == 1 && !strings.Contains(msg, "\n") {
		return msg + hints[0].sep + hints[0].text
	}
	for _, h := range hints {
		text := h.text
		if !strings.HasPrefix(text, "corepath ") { // a command stays as it is typed
			text = strings.ToUpper(text[:1]) + text[1:]
		}
		msg += "\n" + text
	}
	return msg
}

// commandLineHint is what to do about one typed error, its commands started with corepath; none
// for an error that needs no hint.
func commandLineHint(err error, corepath string) hint {
	switch e := err.(type) {
	case *tracker.TopicMatchError:
		switch {
		case strings.TrimSpace(e.Name) == "":
			return hint{": ", "name one of the plan's topics (" + corepath + " topic list shows them)"}
		case e.Ambiguous:
			return hint{": ", fmt.Sprintf("give more of the name, or its path, like --topic %q", typedPath(e.Candidates[0]))}
		}
		return hint{": ", corepath + " topic list --all shows every topic and subtopic"}
	case *tracker.NotFoundError:
		switch e.Kind {
		case tracker.RecordTopic:
			return hint{": ", "pick one from the plan (" + corepath + " topic list)"}
		case tracker.RecordSession:
			return hint{" ", "(" + corepath + " sessions lists them)"}
		case tracker.RecordAttempt:
			return hint{": ", corepath + " exam list shows the ids"}
		case tracker.RecordCredit:
			return hint{": ", corepath + " ce list shows the ids"}
		case tracker.RecordCourse:
			return hint{" ", "(" + corepath + " plan lists the courses)"}
		}
	case *tracker.TimerOverLimitError:
		return hint{": ", "give the time you stopped with --at, or discard it with " + corepath + " cancel"}
	case *tracker.TimerLoggedError:
		return hint{": ", fmt.Sprintf("discard the timer with %s cancel (the logged session stays), then change that session with %s edit %s if it should be longer", corepath, corepath, e.Session.ID)}
	case *tracker.LabOrderError:
		return hint{" ", fmt.Sprintf("(%s exam add %s --result pass)", corepath, e.Exam)}
	case *tracker.CourseGradeError:
		return hint{": ", fmt.Sprintf("give --status %s with it, or leave the grade out until the course is finished (--grade \"\" removes one)", e.Want)}
	case *tracker.LinkedSessionsError:
		return hint{" ", "(" + unlinking(e, corepath) + ")"}
	case *tracker.DamageError:
		restore := corepath + " restore " + shellQuote(e.Restore.Path)
		switch {
		case e.Restore.Path != "" && e.DamagedSessions > 0: // two ways, each losing something: the person chooses
			return hint{". ", fmt.Sprintf("Either restore it, which leaves the backup's %s of the %d the store has: %s; "+
				"or remove only the %s, which keeps the other %d (the damaged file is set aside): %s check --drop-damaged",
				tracker.CountOf(e.Restore.Sessions, "session", "sessions"), e.DamagedSessions+e.SoundSessions, restore,
				tracker.CountOf(e.DamagedSessions, "damaged session", "damaged sessions"), e.SoundSessions, corepath)}
		case e.Restore.Path != "":
			return hint{"; ", "restore it with: " + restore}
		}
		if e.BeyondSessions {
			return hint{" ", "With no backup, only a new store is left: move the damaged file out of the data folder and keep it (a recovery may read more of it), and the next command starts afresh"}
		}
		return hint{" ", "With no backup, " + corepath + " check --drop-damaged keeps the damaged file aside and removes only the sessions that cannot be read"}
	case *exchange.UnknownFormatError:
		switch e.Seen {
		case exchange.SeenSummary:
			return hint{": ", "export the Detailed report as CSV, and import that"}
		case exchange.SeenICalendar:
			return hint{}
		}
		return hint{". ", "Give --format if it is one of those"}
	case *exchange.DatesOtherWayError:
		return hint{": ", fmt.Sprintf("if the file writes its dates that way, import it with --dates %s", e.Order)}
	case *exchange.UnmappedNameError:
		if len(e.Candidates) > 0 {
			return hint{": ", fmt.Sprintf("choose one with --map %q=TOPIC", e.Name)}
		}
		return hint{": ", fmt.Sprintf("send it to a topic with --map %q=TOPIC", e.Name)}
	}
	return hint{}
}

// unlinking says how to unlink the sessions and the timer of a LinkedSessionsError: the edit
// of each session (the first few named), the timer's stop or cancel.
func unlinking(e *tracker.LinkedSessionsError, corepath string) string {
	option := map[string]string{tracker.RecordCourse: "--course", tracker.RecordMilestone: "--milestone"}[e.Kind]
	var ways []string
	switch n := len(e.Sessions); {
	case n == 1:
		ways = append(ways, fmt.Sprintf(`%s edit %s %s ""`, corepath, e.Sessions[0], option))
	case n > 1:
		shown := e.Sessions[:min(n, 3)]
		way := fmt.Sprintf(`%s edit ID %s "" unlinks each, for ID %s`, corepath, option, strings.Join(shown, ", "))
		if more := n - len(shown); more > 0 {
			way += fmt.Sprintf(" and %d more (%s sessions --json shows each session's links)", more, corepath)
		}
		ways = append(ways, way)
	}
	if e.Timer {
		ways = append(ways, fmt.Sprintf("the timer's: %s stop, or %s cancel", corepath, corepath))
	}
	return strings.Join(ways, "; ")
}

// typedPath writes a topic's path as a person types it: "BGP > Route reflectors".
func typedPath(path string) string { return strings.ReplaceAll(path, " › ", " > ") }
