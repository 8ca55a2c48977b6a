package textmerge

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	base := "a\nb\nc\nd\ne\nf\ng\n"
	tests := []struct {
		name, yours, scaffold, want string
		conflicts                   int
	}{
		{"nobody changed", base, base, base, 0},
		{"yours only", "a\nB\nc\nd\ne\nf\ng\n", base, "a\nB\nc\nd\ne\nf\ng\n", 0},
		{"scaffold only", base, "a\nb\nc\nd\nE\nf\ng\n", "a\nb\nc\nd\nE\nf\ng\n", 0},
		{"apart", "a\nB\nc\nd\ne\nf\ng\n", "a\nb\nc\nd\ne\nF\ng\n", "a\nB\nc\nd\ne\nF\ng\n", 0},
		{"same change", "a\nX\nc\nd\ne\nf\ng\n", "a\nX\nc\nd\ne\nf\ng\n", "a\nX\nc\nd\ne\nf\ng\n", 0},
		{"insert and delete apart", "a\nb\nmine\nc\nd\ne\nf\ng\n", "a\nb\nc\nd\ne\ng\n", "a\nb\nmine\nc\nd\ne\ng\n", 0},
		{"appended by both differently", base + "mine\n", base + "theirs\n",
			base + MarkerYours + "\nmine\n" + MarkerBase + "\n" + MarkerSep + "\ntheirs\n" + MarkerScaffold + "\n", 1},
		{"conflict", "a\nb\nY\nd\ne\nf\ng\n", "a\nb\nS\nd\ne\nf\ng\n",
			"a\nb\n" + MarkerYours + "\nY\n" + MarkerBase + "\nc\n" + MarkerSep + "\nS\n" + MarkerScaffold + "\nd\ne\nf\ng\n", 1},
		{"adjacent lines conflict", "a\nb\nY\nd\ne\nf\ng\n", "a\nb\nc\nS\ne\nf\ng\n",
			"a\nb\n" + MarkerYours + "\nY\nd\n" + MarkerBase + "\nc\nd\n" + MarkerSep + "\nc\nS\n" + MarkerScaffold + "\ne\nf\ng\n", 1},
		{"deleted by you, changed by scaffold", "a\nb\nd\ne\nf\ng\n", "a\nb\nC\nd\ne\nf\ng\n",
			"a\nb\n" + MarkerYours + "\n" + MarkerBase + "\nc\n" + MarkerSep + "\nC\n" + MarkerScaffold + "\nd\ne\nf\ng\n", 1},
		{"no final newline kept", "a\nb\nc\nd\ne\nf\ng", base, "a\nb\nc\nd\ne\nf\ng", 0},
		{"no final newline in a conflict", "a\nb\nc\nd\ne\nf\nY", "a\nb\nc\nd\ne\nf\nS\n",
			"a\nb\nc\nd\ne\nf\n" + MarkerYours + "\nY\n" + MarkerBase + "\ng\n" + MarkerSep + "\nS\n" + MarkerScaffold + "\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := Merge([]byte(base), []byte(tt.yours), []byte(tt.scaffold))
			if string(got) != tt.want || n != tt.conflicts {
				t.Errorf("Merge = %d conflicts\n%s\nwant %d\n%s", n, got, tt.conflicts, tt.want)
			}
			if HasMarkers(got) != (tt.conflicts > 0) {
				t.Errorf("HasMarkers = %v with %d conflicts", HasMarkers(got), tt.conflicts)
			}
		})
	}
}

// TestMergeProperties checks, on random files with random edits, what a
// three-way merge promises: one side unchanged gives the other side; both
// sides alike give that side; edits on lines far apart merge without a
// conflict and keep both.
func TestMergeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	clean := 0
	defer func() {
		// Most far-apart edits must merge cleanly, or the check of clean
		// merges below proves little.
		if clean < 300 {
			t.Errorf("%d of 500 far-apart edits merged cleanly, want most", clean)
		}
	}()
	for n := 0; n < 500; n++ {
		// Lines drawn from a small alphabet, so that repeats are common as
		// in Terraform ("}", blank lines).
		var base []string
		for i := 0; i < 10+r.IntN(60); i++ {
			base = append(base, fmt.Sprintf("l%d\n", r.IntN(8)))
		}
		edit := func(lines []string, lo, hi int) []string {
			out := append([]string{}, lines[:lo]...)
			for i := lo; i < hi; i++ {
				switch r.IntN(4) {
				case 0: // delete
				case 1:
					out = append(out, fmt.Sprintf("new%d\n", r.IntN(1000)))
				case 2:
					out = append(out, lines[i], fmt.Sprintf("ins%d\n", r.IntN(1000)))
				default:
					out = append(out, lines[i])
				}
			}
			return append(out, lines[hi:]...)
		}
		b := []byte(strings.Join(base, ""))
		mid := len(base) / 2
		x := []byte(strings.Join(edit(base, 0, mid-2), ""))
		y := []byte(strings.Join(edit(base, mid+2, len(base)), ""))
		if got, c := Merge(b, x, b); string(got) != string(x) || c != 0 {
			t.Fatalf("Merge(base, x, base) != x:\nbase\n%s\nx\n%s\ngot\n%s", b, x, got)
		}
		if got, c := Merge(b, b, y); string(got) != string(y) || c != 0 {
			t.Fatalf("Merge(base, base, y) != y:\nbase\n%s\ny\n%s\ngot\n%s", b, y, got)
		}
		if got, c := Merge(b, x, x); string(got) != string(x) || c != 0 {
			t.Fatalf("Merge(base, x, x) != x")
		}
		// Both edits, far apart: the merge holds both, in place. The
		// expected result is the second edit applied to the first's output.
		got, _ := Merge(b, x, y)
		if HasMarkers(got) {
			// Repeated lines can make the diff pair lines across the two
			// regions; then a conflict is allowed, but never lost lines:
			// every line of x and y's edits must be in the result.
			for _, side := range [][]byte{x, y} {
				for _, l := range Lines(side) {
					if strings.HasPrefix(l, "new") || strings.HasPrefix(l, "ins") {
						if !strings.Contains(string(got), l) {
							t.Fatalf("conflicting merge lost %q", l)
						}
					}
				}
			}
			continue
		}
		clean++
		for _, side := range [][]byte{x, y} {
			for _, l := range Lines(side) {
				if (strings.HasPrefix(l, "new") || strings.HasPrefix(l, "ins")) && !strings.Contains(string(got), l) {
					t.Fatalf("clean merge lost %q:\nbase\n%s\nx\n%s\ny\n%s\ngot\n%s", l, b, x, y, got)
				}
			}
		}
	}
}

func TestUnified(t *testing.T) {
	if d := Unified([]byte("a\n"), []byte("a\n"), "x", "y"); d != "" {
		t.Errorf("equal files: diff %q, want none", d)
	}
	got := Unified([]byte("a\nb\nc\n"), []byte("a\nB\nc"), "old/f", "new/f")
	want := "--- old/f\n+++ new/f\n@@ -1,3 +1,3 @@\n a\n-b\n-c\n+B\n+c\n\\ No newline at end of file\n"
	if got != want {
		t.Errorf("Unified =\n%s\nwant\n%s", got, want)
	}
}

// TestMergeWithSquashSpace: realigned "=" (terraform fmt after a longer or
// shorter name comes or goes) is not a change, so an edit of one line and a
// realignment of its block merge; a line only one side realigned takes the
// other side's content change; the whitespace-only change survives where
// nobody changed the content.
func TestMergeWithSquashSpace(t *testing.T) {
	base := "a       = 1\nbb      = 2\nc       = 3\nlongest = 4\n"
	yours := "a       = 10\nbb      = 2\nc       = 3\nlongest = 4\n" // edits a
	scaffold := "a  = 1\nbb = 2\nc  = 3\n"                           // longest removed: realigned
	want := "a       = 10\nbb = 2\nc  = 3\n"                         // a: yours; the rest: scaffold's
	got, n := MergeWith([]byte(base), []byte(yours), []byte(scaffold), Options{Key: SquashSpace})
	if string(got) != want || n != 0 {
		t.Errorf("MergeWith = %d conflicts\n%s\nwant 0\n%s", n, got, want)
	}
	// Without the key, the same merge is a conflict (the case it is for).
	if _, n := Merge([]byte(base), []byte(yours), []byte(scaffold)); n == 0 {
		t.Errorf("Merge of a realigned block and an edit in it: no conflict; the test no longer shows what SquashSpace is for")
	}
	// A real conflict stays one.
	if _, n := MergeWith([]byte(base), []byte("a = 1\nbb = 9\nc = 3\nlongest = 4\n"), []byte("a  = 1\nbb = 8\nc  = 3\n"), Options{Key: SquashSpace}); n != 1 {
		t.Errorf("MergeWith of two different values of bb: %d conflicts, want 1", n)
	}
}

// TestMergeWithLineByLine: with LineByLine, a value you edited and
// scaffold's change of the next line (an edited terraform.tfvars and --set
// of its neighbour) merge; the same line changed differently, or regions
// that do not line up one for one, stay conflicts; without it, adjacent
// lines conflict as in git.
func TestMergeWithLineByLine(t *testing.T) {
	base := "a = 1\nb = 2\nc = 3\nd = 4\n"
	tests := []struct {
		name, yours, scaffold, want string
		conflicts                   int
	}{
		{"adjacent values", "a = 1\nb = 20\nc = 3\nd = 4\n", "a = 1\nb = 2\nc = 30\nd = 4\n", "a = 1\nb = 20\nc = 30\nd = 4\n", 0},
		{"same line differently", "a = 1\nb = 20\nc = 3\nd = 4\n", "a = 1\nb = 21\nc = 30\nd = 4\n", "", 1},
		{"a line added next to a change", "a = 1\nb = 20\nc = 3\nd = 4\n", "a = 1\nb = 2\nnew = 0\nc = 3\nd = 4\n", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := MergeWith([]byte(base), []byte(tt.yours), []byte(tt.scaffold), Options{Key: SquashSpace, LineByLine: true})
			if n != tt.conflicts || (tt.want != "" && string(got) != tt.want) {
				t.Errorf("MergeWith = %d conflicts\n%s\nwant %d\n%s", n, got, tt.conflicts, tt.want)
			}
			if _, n := MergeWith([]byte(base), []byte(tt.yours), []byte(tt.scaffold), Options{Key: SquashSpace}); n != 1 {
				t.Errorf("without LineByLine: %d conflicts, want 1 (adjacent lines conflict)", n)
			}
		})
	}
}
