package tracker

import "fmt"

// confidenceWords say what each confidence level, 0 to 5, means to a person rating a topic.
var confidenceWords = [...]string{"new to it", "heard of it", "can follow it", "can configure it", "can troubleshoot it", "can teach it"}

// ConfidenceLabel is a confidence level with its meaning: "3 (can configure it)".
func ConfidenceLabel(level int) string {
	level = max(0, min(level, len(confidenceWords)-1))
	return fmt.Sprintf("%d (%s)", level, confidenceWords[level])
}

// ConfidenceLabels are the labels of the levels 0 to 5, in order, for a choice of level.
func ConfidenceLabels() []string {
	out := make([]string, len(confidenceWords))
	for i := range confidenceWords {
		out[i] = ConfidenceLabel(i)
	}
	return out
}

// ConfidenceWords is what an average confidence, rounded, means: "can follow it" for 2.4.
func ConfidenceWords(average float64) string {
	return confidenceWords[max(0, min(int(average+0.5), len(confidenceWords)-1))]
}
