package cli

import (
	"flag"

	"corepath/tracker"
)

// topicListOptions lists the topics, so that a person can find what --topic takes.
type topicListOptions struct{ all bool }

func (o *topicListOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.all, "all", false, "list the subtopics too, each as its path (\"Parent > Subtopic\")")
}

func (o *topicListOptions) run(c *ctx, _ string) error {
	_, p, err := c.plan()
	if err != nil {
		return err
	}
	var example string
	for _, t := range p.Children("") {
		subtopics := p.Children(t.ID)
		line := t.Name + "  (" + t.Track.Label()
		if len(subtopics) > 0 && !o.all {
			line += ", " + tracker.CountOf(len(subtopics), "subtopic", "subtopics")
		}
		c.out("%s)\n", line)
		if !o.all {
			continue
		}
		for _, s := range subtopics {
			path := typedPath(p.TopicPath(s.ID))
			if example == "" {
				example = path
			}
			c.out("  %s\n", path)
		}
	}
	c.out("\nName a topic by its name or a unique start of it, and a subtopic by its path")
	if example != "" {
		c.out(", like --topic %q", example)
	}
	c.out(" (\">\" or \"›\" separates the parts).\n")
	if !o.all {
		c.out("%s topic list --all lists the subtopics too.\n", c.corepath())
	}
	return nil
}

// milestoneListOptions: corepath milestone list has no flags.
type milestoneListOptions struct{}

func (*milestoneListOptions) addFlags(*flag.FlagSet) {}

func (*milestoneListOptions) run(c *ctx, _ string) error {
	_, p, err := c.plan()
	if err != nil {
		return err
	}
	printMilestones(c, &p, c.Now().In(c.Loc))
	return nil
}

// courseListOptions: corepath course list has no flags.
type courseListOptions struct{}

func (*courseListOptions) addFlags(*flag.FlagSet) {}

func (*courseListOptions) run(c *ctx, _ string) error {
	_, p, err := c.plan()
	if err != nil {
		return err
	}
	printDegree(c, &p, tracker.Degree(&p))
	return nil
}
