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
	if !study {
		return withoutStudyLines(src)
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

// withoutStudyLines is src without its study comment lines, in one copy:
// minimal comments are the default, and splitting every rendered file into
// lines and joining them again cost more than the rest of this (issue 15).
func withoutStudyLines(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for rest := src; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		if !bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte(StudyMarker)) {
			out = append(out, line...)
		}
	}
	return out
}
