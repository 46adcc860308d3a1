package app

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"corepath/exchange"
	"corepath/tracker"
)

// upperFirst is s with its first letter in capitals, when it starts with a small letter.
func upperFirst(s string) string {
	if r, n := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// explain is an error as the app shows it: the message of the domain, which says what is wrong,
// then what to do about each typed error inside it, in terms of the app's screens, buttons and
// fields (the command line words the same errors in commands and flags).
func explain(err error) string {
	// A dialog or a field's message reads as a sentence: its first letter in capitals.
	msg := upperFirst(err.Error())
	hints := tracker.Hints(err, appHint)
	// Sentences after the message: on its line when it is one line, else each on a line.
	sep := " "
	if strings.Contains(msg, "\n") {
		sep = "\n"
	} else if len(hints) > 0 && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	for _, h := range hints {
		msg += sep + upperFirst(h) + "."
	}
	return msg
}

// appHint is what to do about one typed error in the app; "" for an error that needs none.
func appHint(err error) string {
	switch e := err.(type) {
	case *tracker.TopicMatchError:
		if e.Ambiguous {
			return "pick one of them from the list under the Topic field"
		}
		return "pick a topic from the list under the Topic field, or add one with Add topic on the Plan screen's Skills tab"
	case *tracker.NotFoundError:
		if e.Kind == tracker.RecordTopic {
			return "pick one of the plan's topics from the list under the Topic field"
		}
	case *tracker.TimerOverLimitError:
		return "type when you stopped in the Stop dialog's Ended at, or press Discard timer and add what you studied with Log a past session"
	case *tracker.TimerLoggedError:
		return "press Discard timer (the logged session stays on the Log screen), then edit that session there if it should be longer"
	case *tracker.LabOrderError:
		return fmt.Sprintf("on the Plan screen's Exams tab, press Add attempt and save the %s with the Result pass", e.Exam)
	case *tracker.CourseGradeError:
		return fmt.Sprintf("set the Status to %s, or the Grade to %s until the course is finished", e.Want, noGrade)
	case *tracker.DamageError:
		if e.Restore.Path != "" {
			return "Restore the newest good backup, below, puts it back and keeps the damaged file aside"
		}
		if e.BeyondSessions {
			return "Settings > Restore a backup… can put back an older backup from another folder. Removing the damaged sessions cannot mend this: with no backup, quit Corepath, move the file out of the data folder and keep it (a recovery may read more of it), then start Corepath again for a new store"
		}
		return "Settings > Restore a backup… can put back an older backup from another folder; with none, Remove the damaged sessions, below, keeps the damaged file aside and the sessions that can still be read"
	case *exchange.UnknownFormatError:
		if e.Seen == exchange.SeenICalendar {
			return ""
		}
		return "from Toggl Track or Clockify, export the detailed report as CSV, and import that file"
	case *exchange.DatesOtherWayError:
		return fmt.Sprintf("if the file writes its dates that way, choose %s under Dates and import it again", map[exchange.DateOrder]string{exchange.DatesDayFirst: datesDayFirst, exchange.DatesMonthFirst: datesMonthFirst}[e.Order])
	case *exchange.UnmappedNameError:
		if len(e.Candidates) > 0 {
			return fmt.Sprintf("rename %q in the file to one of those topics, then import it again", e.Name)
		}
		return fmt.Sprintf("add a topic for %q with Add topic on the Plan screen's Skills tab, or rename it in the file, then import it again", e.Name)
	}
	return ""
}

// topicFieldError is what a Topic field says under it when what was typed picks no one topic:
// short, since the list of matches is right there.
func topicFieldError(typed string, err error) error {
	var match *tracker.TopicMatchError
	switch {
	case !errors.As(err, &match):
		return err
	case match.Ambiguous:
		return fmt.Errorf("%q could be %d topics: pick one from the list", strings.TrimSpace(typed), len(match.Candidates))
	}
	return fmt.Errorf("%q matches no topic: pick a topic from the list, or add it with Add topic on the Plan screen's Skills tab", strings.TrimSpace(typed))
}
