package tracker

import "errors"

// errEnough stops a walk once enough overlapping sessions are found.
var errEnough = errors.New("enough")

// Overlapping returns up to max other sessions that share time with s (its own id aside):
// two sessions at once count twice in every total, which is most often one logged twice.
// Sessions last at most MaxSession, so only those that start a day before s are read.
func Overlapping(st Store, s *Session, max int) ([]Session, error) {
	var found []Session
	end := s.End()
	err := st.Sessions(Query{From: s.Start.Add(-MaxSession), To: end}, func(o *Session) error {
		if o.ID != s.ID && o.End().After(s.Start) && o.Start.Before(end) {
			found = append(found, *o)
			if len(found) == max {
				return errEnough
			}
		}
		return nil
	})
	if errors.Is(err, errEnough) {
		err = nil
	}
	return found, err
}
