package templates

import (
	"bytes"
	"strings"
)

// StudyMarker starts a study comment in a template: a line
// "#study: <text>", indented like the block it explains, saying what the
// resource is for and the source's reason (with its code, e.g. F21), for
// people learning the architecture. One line however long: StudyComments
// wraps it. A maintainer's comment (why a setting is what it is) is an
// ordinary comment, kept in every mode.
const StudyMarker = "#study:"

// StudyComments turns the study comment lines of a rendered file into
// ordinary comments wrapped at 77 columns (study), or removes them
// (minimal); every other line is left as it is. A study comment goes to the
// top of the comment lines just above it, so that a directive such as
// #trivy:ignore stays on the line right above its block.
func StudyComments(src []byte, study bool) []byte {
	if !bytes.Contains(src, []byte(StudyMarker)) {
		return src
	}
	isComment := func(line string) bool { return strings.HasPrefix(strings.TrimLeft(line, " "), "#") }
	isStudy := func(line string) bool { return strings.HasPrefix(strings.TrimLeft(line, " "), StudyMarker) }
	lines := strings.SplitAfter(string(src), "\n")
	var out []string
	for i, line := range lines {
		if !isStudy(line) {
			out = append(out, line)
			continue
		}
		if !study {
			continue
		}
		body := strings.TrimLeft(line, " ")
		indent := len(line) - len(body)
		text := strings.TrimSpace(strings.TrimPrefix(body, StudyMarker))
		add := []string{lineComment(indent, text) + "\n"}
		top := len(out)
		for top > 0 && isComment(out[top-1]) {
			top--
		}
		next := i + 1
		for next < len(lines) && isStudy(lines[next]) {
			next++
		}
		if top < len(out) || (next < len(lines) && isComment(lines[next])) {
			// An empty comment line sets it apart from the comments below.
			add = append(add, strings.Repeat(" ", indent)+"#\n")
		}
		out = append(out[:top], append(add, out[top:]...)...)
	}
	return []byte(strings.Join(out, ""))
}
