package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
)

// runCLI runs the command line in-process, as the scaffold binary would,
// with no terminal, and returns its exit code, stdout and stderr.
func runCLI(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, CanPrompt: func() bool { return false }})
	return code, out.String(), errOut.String()
}

// TestEveryBlueprint runs list, explain, completion, new --help and
// new --yes for every registered blueprint, so that the scripts in
// testdata/script can use web-app as their example and adding a blueprint
// edits none of them.
func TestEveryBlueprint(t *testing.T) {
	code, list, stderr := runCLI("list")
	if code != exitOK || stderr != "" {
		t.Fatalf("scaffold list: exit %d, stderr %q", code, stderr)
	}
	code, completion, _ := runCLI("__complete", "new", "")
	if code != exitOK {
		t.Fatalf("scaffold __complete new '': exit %d", code)
	}
	code, _, stderr = runCLI("new", "no-such-blueprint")
	if code != exitBadInput {
		t.Fatalf("scaffold new no-such-blueprint: exit %d, want %d", code, exitBadInput)
	}
	code, rootHelp, _ := runCLI("--help")
	if code != exitOK {
		t.Fatalf("scaffold --help: exit %d", code)
	}
	rootHelp = strings.Join(strings.Fields(strings.ToLower(rootHelp)), " ")
	for _, b := range blueprints.All() {
		t.Run(b.ID, func(t *testing.T) {
			if !strings.Contains(rootHelp, strings.ToLower(b.Title)) {
				t.Errorf("scaffold --help does not name the %s architecture (%q):\n%s", b.ID, b.Title, rootHelp)
			}
			row := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(b.ID) + ` +` + regexp.QuoteMeta(b.Title) + ` +` + regexp.QuoteMeta(b.Flow.Line()) + `$`)
			if !row.MatchString(list) {
				t.Errorf("scaffold list has no row %q %q %q:\n%s", b.ID, b.Title, b.Flow.Line(), list)
			}
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(b.ID) + `\t\S`).MatchString(completion) {
				t.Errorf("scaffold __complete new '' does not offer %s:\n%s", b.ID, completion)
			}
			if !regexp.MustCompile(`shows them all: (.*, )?` + regexp.QuoteMeta(b.ID) + `(, |\)$)`).MatchString(strings.TrimSpace(stderr)) {
				t.Errorf("the unknown-blueprint error does not list %s: %s", b.ID, stderr)
			}

			code, explained, errOut := runCLI("explain", b.ID)
			if code != exitOK {
				t.Fatalf("scaffold explain %s: exit %d: %s", b.ID, code, errOut)
			}
			if !strings.HasPrefix(explained, b.ID+": "+b.Title+"\n") || !strings.Contains(explained, b.Flow.Line()) {
				t.Errorf("scaffold explain %s does not start with its id, title and flow:\n%s", b.ID, explained)
			}
			code, help, _ := runCLI("new", b.ID, "--help")
			if code != exitOK {
				t.Fatalf("scaffold new %s --help: exit %d", b.ID, code)
			}
			for _, q := range b.Questions {
				// A per-item question is explained under its list, as
				// <item>_<key>, and listed so by --help.
				explainedAs, indent := regexp.QuoteMeta(q.Key), "  "
				if q.Each != "" {
					explainedAs, indent = regexp.QuoteMeta("<item>_"+q.Key), "      "
				}
				if !regexp.MustCompile(`(?m)^` + indent + explainedAs + ` \(`).MatchString(explained) {
					t.Errorf("scaffold explain %s does not explain question %s", b.ID, q.Key)
				}
				if !regexp.MustCompile(`(?m)^  ` + explainedAs + ` `).MatchString(help) {
					t.Errorf("scaffold new %s --help does not list key %s", b.ID, q.Key)
				}
			}

			dir := filepath.Join(t.TempDir(), "module")
			code, _, errOut = runCLI("new", b.ID, "--yes", dir)
			if code != exitOK {
				t.Fatalf("scaffold new %s --yes: exit %d: %s", b.ID, code, errOut)
			}
			for _, f := range []string{"versions.tf", "variables.tf", "terraform.tfvars", "outputs.tf", "README.md", "scaffold.answers.hcl"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("scaffold new %s --yes wrote no %s: %v", b.ID, f, err)
				}
			}
		})
	}
}

// TestKeysHelpKeepsItsColumns: in `new ID --help`, a long list of choices
// wraps within its column (ci-pipeline's ten compute types once made every
// line 240 characters wide, pushing the defaults off the screen), and no
// line ends in padding.
func TestKeysHelpKeepsItsColumns(t *testing.T) {
	const typeWidth = 40 // the widest a type or a line of choices may be
	for _, b := range blueprints.All() {
		var out bytes.Buffer
		setKeysHelp(&out, b)
		longestKey := 0
		for _, q := range b.Questions {
			longestKey = max(longestKey, len(q.Key)+len("<item>_"))
		}
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n")[1:] {
			if strings.TrimRight(l, " ") != l {
				t.Errorf("%s: this line ends in spaces: %q", b.ID, l)
			}
			if i := strings.Index(l, "  default "); i > 2+longestKey+2+typeWidth {
				t.Errorf("%s: the default starts at column %d, past the key and a %d-wide type column:\n%s", b.ID, i, typeWidth, l)
			}
			if !strings.Contains(l, "default ") && !strings.HasPrefix(l, "<item>_KEY") && len(strings.TrimSpace(l)) > typeWidth {
				t.Errorf("%s: this continuation of a list of choices is wider than %d: %q", b.ID, typeWidth, l)
			}
		}
	}
}
