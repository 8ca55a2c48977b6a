// Package hclfmt writes a file built with hclwrite in the layout hclwrite
// gives it (the layout of `terraform fmt`), byte for byte, without the cost
// of hclwrite's own formatter.
//
// hclwrite aligns the `=` of consecutive attributes by counting the
// grapheme clusters of each attribute name, and counts them with a
// bufio.Scanner that allocates 4 KiB per name: for the files scaffold builds
// with hclwrite (variables.tf, terraform.tfvars, the answers file, the
// validations test) that was 2.9 MB of fresh memory and about a tenth of the
// CPU of `scaffold new` (issue 15, docs/performance.md). Every other step of
// the layout is cheap, and this package takes the same steps in the same
// order (indentation by bracket depth, spaces between tokens, alignment of
// the `=` and of trailing comments), measuring a name in bytes when each of
// its bytes is one column: ASCII without a carriage return.
//
// Where that does not hold (a map key such as "Équipe" in a tags value),
// Bytes hands the file to hclwrite instead, so the result never depends on
// which of the two wrote it. The tests set CrossCheck, which compares the
// two on every file formatted.
package hclfmt

import (
	"bytes"
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// CrossCheck makes Bytes also format every file with hclwrite and panic
// when the two differ. The tests of the packages that build files set it.
var CrossCheck bool

// testHookFormatted, when set (by tests), sees the tokens Bytes formatted
// before they are written.
var testHookFormatted func(hclwrite.Tokens)

// Bytes returns the text of f exactly as f.Bytes() does.
func Bytes(f *hclwrite.File) []byte {
	ts := f.BuildTokens(nil)
	if !Format(ts) {
		return f.Bytes()
	}
	if testHookFormatted != nil {
		testHookFormatted(ts)
	}
	out := write(ts)
	if CrossCheck {
		if want := f.Bytes(); !bytes.Equal(out, want) {
			panic(fmt.Sprintf("hclfmt: the layout differs from hclwrite's:\n--- hclfmt\n%s\n--- hclwrite\n%s", out, want))
		}
	}
	return out
}

// Format sets the spaces before each token of ts as hclwrite's formatter
// sets them and reports true, or reports false, having changed nothing
// that matters, when a cell to be aligned holds a byte whose width in
// columns is not one (see the package doc): the caller must then format
// with hclwrite.
func Format(ts hclwrite.Tokens) bool {
	lines := splitLines(ts)
	if !measurable(lines) {
		return false
	}
	indent(lines)
	space(lines)
	align(lines)
	return true
}

// write is ts as text: each token after its spaces.
func write(ts hclwrite.Tokens) []byte {
	n := 0
	for _, t := range ts {
		n += t.SpacesBefore + len(t.Bytes)
	}
	out := make([]byte, 0, n)
	for _, t := range ts {
		for range t.SpacesBefore {
			out = append(out, ' ')
		}
		out = append(out, t.Bytes...)
	}
	return out
}

// line is one line of tokens split into the cells hclwrite aligns: lead
// (up to the `=` of an attribute), assign (from the `=`, when the value
// ends on this line) and comment (a comment ending a line that holds
// something else).
type line struct {
	lead, assign, comment hclwrite.Tokens
}

func splitLines(ts hclwrite.Tokens) []line {
	if len(ts) == 0 {
		return nil
	}
	count := 1
	for _, t := range ts {
		if endsLine(t) {
			count++
		}
	}
	lines := make([]line, count)
	li, start := 0, 0
	for i, t := range ts {
		if t.Type == hclsyntax.TokenEOF {
			// As hclwrite does: the line goes on to the end of the
			// tokens below, which drops an EOF only when it is last.
			lines[li].lead = ts[start:i]
			break
		}
		if endsLine(t) {
			lines[li].lead = ts[start : i+1]
			start = i + 1
			li++
		}
	}
	if start < len(ts) {
		lines[li].lead = ts[start:]
		if last := lines[li].lead[len(lines[li].lead)-1]; last.Type == hclsyntax.TokenEOF {
			lines[li].lead = lines[li].lead[:len(lines[li].lead)-1]
		}
	}
	for i := range lines {
		l := &lines[i]
		if len(l.lead) == 0 {
			continue
		}
		if len(l.lead) > 1 && l.lead[len(l.lead)-1].Type == hclsyntax.TokenComment {
			l.comment = l.lead[len(l.lead)-1:]
			l.lead = l.lead[:len(l.lead)-1]
		}
		for j, t := range l.lead {
			if j == 0 || t.Type != hclsyntax.TokenEqual {
				continue
			}
			// A value that opens more brackets than it closes goes on
			// over the next lines: such an attribute is not aligned.
			depth := 0
			for _, v := range l.lead[j:] {
				depth += bracketChange(v)
			}
			if depth == 0 {
				l.assign = l.lead[j:]
				l.lead = l.lead[:j]
			}
			break
		}
	}
	return lines
}

// endsLine reports whether t ends a line: a newline, or a one-line comment,
// which holds its newline.
func endsLine(t *hclwrite.Token) bool {
	switch t.Type {
	case hclsyntax.TokenNewline:
		return true
	case hclsyntax.TokenComment:
		return len(t.Bytes) > 0 && t.Bytes[len(t.Bytes)-1] == '\n'
	}
	return false
}

func bracketChange(t *hclwrite.Token) int {
	switch t.Type {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateControl, hclsyntax.TokenTemplateInterp:
		return 1
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
		return -1
	}
	return 0
}

// measurable reports whether every cell whose width the alignment reads
// is one column a byte: the lead of an attribute line, and the lead and
// assign cells of a line with a trailing comment. Indentation and the
// spaces between tokens are spaces, one column each, whatever they are.
func measurable(lines []line) bool {
	for _, l := range lines {
		if l.assign != nil && !oneColumnPerByte(l.lead) {
			return false
		}
		if l.comment != nil && (!oneColumnPerByte(l.lead) || !oneColumnPerByte(l.assign)) {
			return false
		}
	}
	return true
}

// oneColumnPerByte reports whether each byte of ts is one grapheme
// cluster: ASCII, where the only cluster of two bytes is a carriage
// return and a line feed.
func oneColumnPerByte(ts hclwrite.Tokens) bool {
	for _, t := range ts {
		for _, c := range t.Bytes {
			if c >= 0x80 || c == '\r' {
				return false
			}
		}
	}
	return true
}

// columns is the width of ts, spaces included, for cells that are
// measurable.
func columns(ts hclwrite.Tokens) int {
	n := 0
	for _, t := range ts {
		n += t.SpacesBefore + len(t.Bytes)
	}
	return n
}

// indent indents each line by two spaces per bracket left open by the
// lines before it, as hclwrite does: a line that opens brackets indents
// the lines after it once, however many it opens, and a line that closes
// them is indented like the line that opened them.
func indent(lines []line) {
	open := make([]int, 0, 10) // per indentation level, the brackets its line opened
	for i := range lines {
		l := &lines[i]
		if len(l.lead) == 0 {
			continue
		}
		if l.lead[0].Type == hclsyntax.TokenNewline {
			l.lead[0].SpacesBefore = 0
			continue
		}
		net := 0
		for _, t := range l.lead {
			net += bracketChange(t)
			if t.Type == hclsyntax.TokenOHeredoc {
				break
			}
		}
		for _, t := range l.assign {
			net += bracketChange(t)
		}
		switch {
		case net > 0:
			l.lead[0].SpacesBefore = 2 * len(open)
			open = append(open, net)
		case net < 0:
			closed := -net
			for closed > 0 && len(open) > 0 {
				top := open[len(open)-1]
				switch {
				case closed > top:
					closed -= top
					open = open[:len(open)-1]
				case closed < top:
					open[len(open)-1] -= closed
					closed = 0
				default:
					open = open[:len(open)-1]
					closed = 0
				}
			}
			l.lead[0].SpacesBefore = 2 * len(open)
		default:
			l.lead[0].SpacesBefore = 2 * len(open)
		}
	}
}

// nothing stands before the first token of a cell.
var nothing = &hclwrite.Token{Type: hclsyntax.TokenNil, Bytes: []byte{}}

// space sets the spaces between the tokens of each cell.
func space(lines []line) {
	for _, l := range lines {
		spaceCell(l.lead)
		if len(l.assign) > 0 {
			l.assign[0].SpacesBefore = 1 // the `=` stands apart from the name
			spaceCell(l.assign)
		}
	}
}

func spaceCell(cell hclwrite.Tokens) {
	for i := 0; i+1 < len(cell); i++ {
		before := nothing
		if i > 0 {
			before = cell[i-1]
		}
		if spaceAfter(cell[i], before, cell[i+1]) {
			cell[i+1].SpacesBefore = 1
		} else {
			cell[i+1].SpacesBefore = 0
		}
	}
}

// spaceAfter reports whether one space separates subject from the token
// after it, given the token before it (nothing at the start of a cell):
// hclwrite's rules, in hclwrite's order, which decides between rules that
// both apply.
func spaceAfter(subject, before, after *hclwrite.Token) bool {
	switch {
	case after.Type == hclsyntax.TokenNewline || after.Type == hclsyntax.TokenNil:
		return false
	case subject.Type == hclsyntax.TokenIdent && after.Type == hclsyntax.TokenOParen:
		return false // a function call
	case (subject.Type == hclsyntax.TokenIdent && after.Type == hclsyntax.TokenDoubleColon) ||
		(subject.Type == hclsyntax.TokenDoubleColon && after.Type == hclsyntax.TokenIdent):
		return false // a namespaced function name
	case subject.Type == hclsyntax.TokenDot || after.Type == hclsyntax.TokenDot:
		return false
	case after.Type == hclsyntax.TokenComma || after.Type == hclsyntax.TokenEllipsis:
		return false
	case subject.Type == hclsyntax.TokenComma:
		return true
	case subject.Type == hclsyntax.TokenQuotedLit || subject.Type == hclsyntax.TokenStringLit ||
		subject.Type == hclsyntax.TokenOQuote || subject.Type == hclsyntax.TokenOHeredoc ||
		after.Type == hclsyntax.TokenQuotedLit || after.Type == hclsyntax.TokenStringLit ||
		after.Type == hclsyntax.TokenCQuote || after.Type == hclsyntax.TokenCHeredoc:
		return false // inside a template
	case subject.Type == hclsyntax.TokenIdent && string(subject.Bytes) == "in" && before.Type == hclsyntax.TokenIdent:
		return true // the keyword of a for expression: [for x in [a] : x]
	case after.Type == hclsyntax.TokenOBrack && (subject.Type == hclsyntax.TokenIdent || subject.Type == hclsyntax.TokenNumberLit || bracketChange(subject) < 0):
		return false // an index
	case subject.Type == hclsyntax.TokenBang:
		return false
	case subject.Type == hclsyntax.TokenMinus:
		// A minus after something that cannot end an operand is a
		// negation, written against its operand.
		switch before.Type {
		case hclsyntax.TokenNil,
			hclsyntax.TokenOParen, hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenEqual, hclsyntax.TokenColon, hclsyntax.TokenComma, hclsyntax.TokenQuestion,
			hclsyntax.TokenPlus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent, hclsyntax.TokenMinus,
			hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq, hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
			hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenBang:
			return false
		}
		return true
	case subject.Type == hclsyntax.TokenOBrace || after.Type == hclsyntax.TokenCBrace:
		// Braces stand apart from what they hold, except in {}.
		return !(subject.Type == hclsyntax.TokenOBrace && after.Type == hclsyntax.TokenCBrace)
	case (subject.Type == hclsyntax.TokenTemplateInterp || subject.Type == hclsyntax.TokenTemplateControl) && after.Type == hclsyntax.TokenOBrace:
		return true
	case subject.Type == hclsyntax.TokenCBrace && after.Type == hclsyntax.TokenTemplateSeqEnd:
		return true
	case subject.Type == hclsyntax.TokenTemplateSeqEnd && (after.Type == hclsyntax.TokenTemplateInterp || after.Type == hclsyntax.TokenTemplateControl):
		return false
	case bracketChange(subject) > 0:
		return false
	case bracketChange(after) < 0:
		return false
	}
	return true
}

// align lines up the `=` of consecutive attribute lines one space after
// the longest name, then the trailing comments of consecutive lines one
// space after the longest code.
func align(lines []line) {
	chain := func(has func(line) bool, width func(line) int, set func(line, int)) {
		start, widest := -1, 0
		closeChain := func(end int) {
			for _, l := range lines[start:end] {
				set(l, widest-width(l)+1)
			}
			start, widest = -1, 0
		}
		for i, l := range lines {
			if !has(l) {
				if start != -1 {
					closeChain(i)
				}
				continue
			}
			if start == -1 {
				start = i
			}
			widest = max(widest, width(l))
		}
		if start != -1 {
			closeChain(len(lines))
		}
	}
	chain(func(l line) bool { return l.assign != nil },
		func(l line) int { return columns(l.lead) },
		func(l line, n int) { l.assign[0].SpacesBefore = n })
	chain(func(l line) bool { return l.comment != nil },
		func(l line) int { return columns(l.lead) + columns(l.assign) },
		func(l line, n int) { l.comment[0].SpacesBefore = n })
}
