// Package textmerge merges three versions of a text file line by line, the
// way diff3 and git do, and writes unified diffs. scaffold update uses it to
// keep the user's edits of a generated file (yours) while taking what the
// current scaffold generates (scaffold), both compared with what scaffold
// generated last time (base).
package textmerge

import (
	"bytes"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// Conflict markers, as git and diff3 -m write them, so editors and merge
// tools recognise them.
const (
	MarkerYours    = "<<<<<<< yours"
	MarkerBase     = "||||||| base"
	MarkerSep      = "======="
	MarkerScaffold = ">>>>>>> scaffold"
)

// Merge merges yours and scaffold, two changed copies of base. A region
// changed on one side only takes that side's lines; a region changed alike
// on both sides takes them once; a region changed differently on each side
// is a conflict, written between standard markers (yours, the base, then
// scaffold's). It returns the merged bytes and the number of conflicts.
//
// Regions are separated by base lines that both sides kept (stable lines),
// so changes on adjacent lines conflict, as they do in git.
func Merge(base, yours, scaffold []byte) ([]byte, int) {
	return MergeWith(base, yours, scaffold, Options{})
}

// Options change how MergeWith compares and merges lines.
type Options struct {
	// Key compares lines by Key(line) instead of their bytes (nil: the
	// bytes), as git's merge -Xignore-space-change does with SquashSpace: a
	// line changed on one side only in what Key ignores counts as
	// unchanged, so the other side's change of it wins; a line both sides
	// left alone by Key takes whichever side changed its bytes (yours when
	// both did).
	Key func(string) string
	// LineByLine merges a region that both sides changed line by line
	// instead of making it a conflict, when each side replaced its lines
	// one for one (as many lines as the base has) and no line was changed
	// differently by both: for files of one statement per line, such as
	// terraform.tfvars, where a value you edited and scaffold's change of
	// the next one are independent. git would call them a conflict of
	// adjacent lines.
	LineByLine bool
}

// MergeWith is Merge with Options.
func MergeWith(base, yours, scaffold []byte, opts Options) ([]byte, int) {
	key := opts.Key
	o, a, b := Lines(base), Lines(yours), Lines(scaffold)
	ko, ka, kb := keys(o, key), keys(a, key), keys(b, key)
	ma, mb := matchMap(ko, ka), matchMap(ko, kb)
	var out bytes.Buffer
	conflicts := 0
	i, j, k := 0, 0, 0 // next line of base, yours, scaffold
	for {
		// The next base line both sides kept, in order.
		s := i
		for s < len(o) && (ma[s] < j || mb[s] < k) {
			s++
		}
		ea, eb := len(a), len(b)
		if s < len(o) {
			ea, eb = ma[s], mb[s]
		}
		co, ca, cb := o[i:s], a[j:ea], b[k:eb]
		switch {
		case equal(ka[j:ea], ko[i:s]):
			write(&out, cb)
		case equal(kb[k:eb], ko[i:s]), equal(ka[j:ea], kb[k:eb]):
			write(&out, ca)
		default:
			if opts.LineByLine {
				if lines, ok := lineByLine(ko[i:s], ka[j:ea], kb[k:eb], ca, cb); ok {
					write(&out, lines)
					break
				}
			}
			conflicts++
			out.WriteString(MarkerYours + "\n")
			writeBlock(&out, ca)
			out.WriteString(MarkerBase + "\n")
			writeBlock(&out, co)
			out.WriteString(MarkerSep + "\n")
			writeBlock(&out, cb)
			out.WriteString(MarkerScaffold + "\n")
		}
		if s == len(o) {
			return out.Bytes(), conflicts
		}
		if a[ea] == o[s] {
			out.WriteString(b[eb])
		} else {
			out.WriteString(a[ea])
		}
		i, j, k = s+1, ea+1, eb+1
	}
}

// lineByLine merges a region of base lines (keys ko) that yours (keys ka,
// lines ca) and scaffold (kb, cb) both replaced one for one, taking each
// line from the side that changed it; ok is false when the sides do not
// line up or changed one line differently.
func lineByLine(ko, ka, kb, ca, cb []string) ([]string, bool) {
	n := len(ko)
	if n == 0 || len(ka) != n || len(kb) != n {
		return nil, false
	}
	out := make([]string, n)
	for x := range n {
		switch {
		case ka[x] == ko[x]:
			out[x] = cb[x]
		case kb[x] == ko[x], ka[x] == kb[x]:
			out[x] = ca[x]
		default:
			return nil, false
		}
	}
	return out, true
}

func keys(lines []string, key func(string) string) []string {
	if key == nil {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = key(l)
	}
	return out
}

// SquashSpace is the words of a line joined by one space: indentation,
// alignment, trailing space and the line ending do not count. It is the
// key of MergeWith for files whose layout `terraform fmt` sets (HCL), where
// a changed answer that adds or removes a longer name realigns every "=" of
// its block, and would otherwise make the block one conflict with any edit
// in it.
func SquashSpace(line string) string {
	return strings.Join(strings.Fields(line), " ")
}

// matchMap maps each line of base to the line of other it is matched with
// by a longest-common-blocks diff, or -1. Matches are in increasing order.
func matchMap(base, other []string) []int {
	m := make([]int, len(base))
	for i := range m {
		m[i] = -1
	}
	// No automatic junk: generated Terraform repeats lines such as "}"
	// far more than difflib's 1% heuristic allows, and treating them as junk
	// would leave whole regions unmatched.
	sm := difflib.NewMatcherWithJunk(base, other, false, nil)
	for _, blk := range sm.GetMatchingBlocks() {
		for n := 0; n < blk.Size; n++ {
			m[blk.A+n] = blk.B + n
		}
	}
	return m
}

// Lines splits data into lines, each keeping its "\n"; a last line without
// one is kept as it is, so a merge or diff keeps a missing final newline.
func Lines(data []byte) []string {
	s := string(data)
	var out []string
	for s != "" {
		n := strings.IndexByte(s, '\n')
		if n < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:n+1])
		s = s[n+1:]
	}
	return out
}

func equal(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func write(w *bytes.Buffer, lines []string) {
	for _, l := range lines {
		w.WriteString(l)
	}
}

// writeBlock writes the lines of one side of a conflict, ending the last
// one with a newline so the next marker starts a line of its own.
func writeBlock(w *bytes.Buffer, lines []string) {
	write(w, lines)
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		w.WriteByte('\n')
	}
}

// HasMarkers reports whether data holds a line that starts a conflict
// (MarkerYours), e.g. a conflict the user has not resolved yet.
func HasMarkers(data []byte) bool {
	for _, l := range Lines(data) {
		if strings.HasPrefix(l, MarkerYours) {
			return true
		}
	}
	return false
}

// Unified is the unified diff (3 lines of context) from a to b, with the
// file names fromName and toName in its header; "" when they are equal.
func Unified(a, b []byte, fromName, toName string) string {
	if bytes.Equal(a, b) {
		return ""
	}
	la, lb := Lines(a), Lines(b)
	// difflib writes lines as given: mark a missing final newline the way
	// diff does, so the diff still ends each line.
	for _, ls := range [][]string{la, lb} {
		if n := len(ls); n > 0 && !strings.HasSuffix(ls[n-1], "\n") {
			ls[n-1] += "\n\\ No newline at end of file\n"
		}
	}
	s, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{A: la, B: lb, FromFile: fromName, ToFile: toName, Context: 3})
	if err != nil {
		return "" // it writes to a buffer: it cannot fail
	}
	return s
}
