package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/textmerge"
)

// report is what `new` and `update` did or, with --dry-run or --check,
// would do; `-o json` prints it as is, so its field names are stable
// (docs/update.md describes them).
type report struct {
	Command     string       `json:"command"` // "new" or "update"
	Dir         string       `json:"dir"`
	Blueprint   string       `json:"blueprint"`
	DryRun      bool         `json:"dry_run"` // true: nothing was written
	Check       bool         `json:"check,omitempty"`
	FromVersion string       `json:"from_version,omitempty"` // update: the scaffold version that wrote the answers file
	ToVersion   string       `json:"to_version"`             // this scaffold's version
	Files       []reportFile `json:"files"`                  // files created, changed, removed or reported, in path order
	Conflicts   []string     `json:"conflicts"`              // paths (in Files) that need resolving
	YoursKept   int          `json:"yours_kept"`             // generated files only you changed, left as you have them
	UpToDate    bool         `json:"up_to_date"`             // nothing would be written or removed
	Notes       []string     `json:"notes"`                  // migrations of old answers, defaults taken, ...
}

// reportFile is one file of a report.
type reportFile struct {
	Path    string `json:"path"`   // slash-separated, relative to dir
	Action  string `json:"action"` // create, replace, merge, conflict, remove or keep
	Why     string `json:"why,omitempty"`
	Warning string `json:"warning,omitempty"`
	Diff    string `json:"diff,omitempty"` // with --diff: unified diff from the file on disk to what is written
}

func (r *report) fill(plan *generator.Plan, withDiff bool) {
	r.Files = []reportFile{}
	r.Conflicts = []string{}
	if r.Notes == nil {
		r.Notes = []string{}
	}
	for _, c := range plan.Changes {
		f := reportFile{Path: c.Path, Action: string(c.Action), Why: c.Why, Warning: c.Warning}
		if withDiff {
			f.Diff = fileDiff(c)
		}
		r.Files = append(r.Files, f)
		if c.Action == generator.Conflict {
			r.Conflicts = append(r.Conflicts, c.Path)
		}
	}
	r.YoursKept = plan.Yours
	r.UpToDate = len(plan.Changes) == 0
}

// fileDiff is the unified diff of what change c does to its file.
func fileDiff(c generator.Change) string {
	if c.Action == generator.Keep || (c.Action == generator.Conflict && !c.Writes()) {
		return ""
	}
	to := c.New
	if c.Action == generator.Remove {
		to = nil
	}
	if !utf8.Valid(c.Old) || !utf8.Valid(to) || strings.ContainsRune(string(c.Old), 0) || strings.ContainsRune(string(to), 0) {
		return fmt.Sprintf("Binary files a/%s and b/%s differ\n", c.Path, c.Path)
	}
	from, toName := "a/"+c.Path, "b/"+c.Path
	if c.Old == nil {
		from = "/dev/null"
	}
	if c.Action == generator.Remove {
		toName = "/dev/null"
	}
	return textmerge.Unified(c.Old, to, from, toName)
}

// verbs say each action in a line of the text report.
var verbs = map[string][2]string{ // dry run, done
	"create":   {"would create", "created"},
	"replace":  {"would replace", "replaced"},
	"merge":    {"would merge", "merged"},
	"conflict": {"would conflict", "CONFLICT"},
	"remove":   {"would remove", "removed"},
	"keep":     {"would keep", "kept"},
}

func (r *report) print(w io.Writer, format string, withDiff bool) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	done := 1
	if r.DryRun {
		done = 0
	}
	if r.UpToDate {
		fmt.Fprintf(w, "%s is up to date: nothing to write", r.Dir)
		if r.YoursKept > 0 {
			fmt.Fprintf(w, " (%d generated file(s) you changed are kept as you have them)", r.YoursKept)
		}
		fmt.Fprintln(w)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, f := range r.Files {
		line := fmt.Sprintf("%s\t%s", verbs[f.Action][done], filepath.Join(r.Dir, filepath.FromSlash(f.Path)))
		if f.Why != "" {
			line += ": " + f.Why
		}
		fmt.Fprintln(tw, line)
	}
	tw.Flush()
	if r.YoursKept > 0 {
		fmt.Fprintf(w, "%d generated file(s) you changed and scaffold did not are kept as you have them.\n", r.YoursKept)
	}
	if withDiff {
		for _, f := range r.Files {
			if f.Diff != "" {
				fmt.Fprint(w, "\n"+f.Diff)
			}
		}
	}
	return nil
}
