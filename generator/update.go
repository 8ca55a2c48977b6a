package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/textmerge"
)

// Action is what an update (or a forced regeneration) does to one file.
// The values are stable: `-o json` prints them.
type Action string

const (
	// Create writes a file that is not on disk.
	Create Action = "create"
	// Replace writes scaffold's new version over a file you did not change
	// (or, for `new --force`, over any generated file).
	Replace Action = "replace"
	// Merge writes the three-way merge of your changes and scaffold's.
	Merge Action = "merge"
	// Conflict writes a merge with conflict markers (or, for a file you
	// deleted, scaffold's new version; for a binary file, scaffold's new
	// version beside yours, see Change.Beside); it needs you to resolve it.
	Conflict Action = "conflict"
	// Remove deletes a file scaffold no longer generates, which you did not
	// change (or, for `new --force`, a file beside one it writes named with
	// ScaffoldNewSuffix: see WriteOptions.RemoveBeside).
	Remove Action = "remove"
	// Keep leaves a file scaffold no longer generates, because you changed
	// it.
	Keep Action = "keep"
)

// ScaffoldNewSuffix ends the name of the file an update writes beside a
// binary file that both you and scaffold changed: yours is kept, and
// scaffold's new version of build/lambda.zip is written as
// build/lambda.zip.scaffold-new (as dpkg writes .dpkg-dist and rpm .rpmnew).
// It is not a generated file: the snapshot does not hold it, and an update
// never reads, replaces or removes it; while one is there, `scaffold update`
// reports it unresolved (UnresolvedBeside). `scaffold new --force`, which
// writes the file beside it as generated, removes it
// (WriteOptions.RemoveBeside).
const ScaffoldNewSuffix = ".scaffold-new"

// Change is one file an update touches, or reports.
type Change struct {
	Path   string // slash-separated, relative to the module
	Action Action
	Old    []byte // the file on disk; nil when there is none
	New    []byte // what is written at Path; nil for Remove and Keep, and for a binary Conflict
	// Beside is set on a Conflict of a binary file: the file at Path (yours)
	// is kept, and Beside, scaffold's new version, is written next to it at
	// BesidePath.
	Beside []byte
	Why    string // for Conflict and Keep, and a Merge that warns: what happened and what to do
	// Warning is set on a clean Merge of a Terraform file whose result does
	// not parse: the two changes fit line by line but not as HCL.
	Warning string
}

// Writes reports whether c writes its file (at Path; see also Beside).
func (c Change) Writes() bool { return c.New != nil }

// BesidePath is where a binary Conflict writes Beside: Path with
// ScaffoldNewSuffix.
func (c Change) BesidePath() string { return c.Path + ScaffoldNewSuffix }

// Plan is what an update or a forced regeneration would do.
type Plan struct {
	Changes []Change // in path order; files left as they are are not listed
	// Yours counts generated files you changed that scaffold left alone
	// (scaffold's new version of them is what it generated last time):
	// they are kept as you have them.
	Yours int
}

// Conflicts are the paths of the files that need resolving.
func (p *Plan) Conflicts() []string {
	var out []string
	for _, c := range p.Changes {
		if c.Action == Conflict {
			out = append(out, c.Path)
		}
	}
	return out
}

// Files are the files the plan writes, for WriteWith: scaffold's version
// of a binary conflict is one of them, at its BesidePath, so it is written
// (and undone on a failure) with the others.
func (p *Plan) Files() []File {
	var out []File
	for _, c := range p.Changes {
		if c.Writes() {
			out = append(out, File{Path: c.Path, Data: c.New})
		}
		if c.Beside != nil {
			out = append(out, File{Path: c.BesidePath(), Data: c.Beside})
		}
	}
	return out
}

// Removals are the files the plan removes, with the bytes they must still
// have on disk, for WriteOptions.Previous.
func (p *Plan) Removals() []File {
	var out []File
	for _, c := range p.Changes {
		if c.Action == Remove {
			out = append(out, File{Path: c.Path, Data: c.Old})
		}
	}
	return out
}

// scaffoldOwned are files an update writes as generated, never merged: the
// answers file is the input it was just read from (your answers in it are
// already in the new one), and the snapshot is scaffold's own record.
var scaffoldOwned = map[string]bool{spec.AnswersFileName: true, SnapshotPath: true}

// PlanUpdate compares, file by file, what scaffold generated last time
// (base, from the module's snapshot), what is in dir now, and what scaffold
// generates now (next), and decides what `scaffold update` does:
//
//   - a file you did not change is replaced by scaffold's new version;
//   - a file only you changed is kept as you have it;
//   - a file both changed is merged line by line; changes to the same
//     lines give a conflict, written with standard markers; a binary file
//     both changed is a conflict too: yours is kept, and scaffold's new
//     version is written beside it (Change.Beside);
//   - a file scaffold no longer generates is removed if you did not change
//     it, kept (and reported) if you did;
//   - a generated file you deleted stays deleted, unless scaffold changed
//     it: then it is written again and reported as a conflict;
//   - files you added are never read or touched.
func PlanUpdate(dir string, base, next []File) (*Plan, error) {
	baseOf := map[string][]byte{}
	for _, f := range base {
		baseOf[f.Path] = f.Data
	}
	plan := &Plan{}
	inNext := map[string]bool{}
	for _, f := range next {
		inNext[f.Path] = true
		raw, err := readGenerated(dir, f.Path)
		if err != nil {
			return nil, err
		}
		// A checkout with CRLF line endings (git's core.autocrlf on
		// Windows) is compared and merged as LF, the endings scaffold
		// writes, and what is written gets CRLF back: otherwise every line
		// differs, and every file scaffold changed would be one conflict.
		disk, crlf := raw, false
		if raw != nil && isCRLF(*raw) && !bytes.Contains(f.Data, []byte("\r\n")) {
			lf := toLF(*raw)
			disk, crlf = &lf, true
		}
		old, hadBase := baseOf[f.Path]
		c := Change{Path: f.Path}
		switch {
		case disk != nil && bytes.Equal(*disk, f.Data):
			continue // already what scaffold generates
		case f.Path == SnapshotPath && disk != nil && SameSnapshot(*disk, f.Data):
			// The same files, compressed otherwise (a scaffold before issue
			// 15 wrote the snapshot at gzip BestCompression): nothing to
			// update, and `update --check` must not call the module stale.
			continue
		case scaffoldOwned[f.Path]:
			c.Action, c.New = Replace, f.Data
			if disk == nil {
				c.Action = Create
			}
		case disk == nil && hadBase && bytes.Equal(old, f.Data):
			continue // you deleted it and scaffold did not change it: it stays deleted
		case disk == nil && hadBase:
			c.Action, c.New = Conflict, f.Data
			c.Why = deletedWhy(false)
		case disk == nil:
			c.Action, c.New = Create, f.Data
		case hadBase && bytes.Equal(*disk, old):
			c.Action, c.New = Replace, f.Data
		case hadBase && bytes.Equal(old, f.Data):
			plan.Yours++ // only you changed it
			continue
		default:
			var o []byte // added by both sides: merged with an empty base
			if hadBase {
				o = old
			}
			if isBinary(o) || isBinary(*disk) || isBinary(f.Data) {
				// No markers can go into it, and a later update cannot
				// bring scaffold's version back: the snapshot records it
				// as generated, so yours would count as your own edit (and
				// a deletion as yours to keep). Scaffold's is written
				// beside it now, for you to take or drop.
				c.Action, c.Beside = Conflict, f.Data
				c.Why = binaryWhy(c.BesidePath(), false)
				break
			}
			var merged []byte
			var n int
			if isHCL(f.Path) {
				// Alignment and indentation, which terraform fmt sets, do
				// not count as a change; a clean merge is formatted again,
				// as terraform fmt would, to align what it put together.
				// One attribute a line: a value you edited and scaffold's
				// change of the next line merge (an edited tfvars value and
				// --set of its neighbour).
				merged, n = textmerge.MergeWith(o, *disk, f.Data, textmerge.Options{Key: textmerge.SquashSpace, LineByLine: true})
				if n == 0 {
					if _, diags := hclsyntax.ParseConfig(merged, f.Path, hcl.InitialPos); !diags.HasErrors() {
						merged = hclwrite.Format(merged)
					}
				}
			} else {
				merged, n = textmerge.Merge(o, *disk, f.Data)
			}
			if n > 0 {
				c.Action, c.New = Conflict, merged
				c.Why = fmt.Sprintf("%d conflicting change(s) between markers %q and %q", n, textmerge.MarkerYours, textmerge.MarkerScaffold)
				break
			}
			if bytes.Equal(merged, *disk) {
				plan.Yours++ // scaffold's change is in your copy already
				continue
			}
			c.Action, c.New = Merge, merged
			if isHCL(f.Path) {
				if _, diags := hclsyntax.ParseConfig(merged, f.Path, hcl.InitialPos); diags.HasErrors() {
					c.Warning = "merged without a conflict, but the result is not valid HCL: " + diags.Error() + "; fix it by hand"
				}
			}
		}
		if raw != nil {
			c.Old = *raw
		}
		if crlf && c.New != nil {
			c.New = bytes.ReplaceAll(c.New, []byte("\n"), []byte("\r\n"))
		}
		plan.Changes = append(plan.Changes, c)
	}
	for _, f := range base {
		if inNext[f.Path] || f.Path == SnapshotPath {
			continue
		}
		disk, err := readGenerated(dir, f.Path)
		if err != nil {
			return nil, err
		}
		switch {
		case disk == nil:
			continue
		case bytes.Equal(*disk, f.Data), isCRLF(*disk) && !bytes.Contains(f.Data, []byte("\r\n")) && bytes.Equal(toLF(*disk), f.Data):
			plan.Changes = append(plan.Changes, Change{Path: f.Path, Action: Remove, Old: *disk})
		default:
			plan.Changes = append(plan.Changes, Change{Path: f.Path, Action: Keep, Old: *disk,
				Why: "scaffold no longer generates it, but you changed it; remove it if you no longer need it (`terraform validate` tells whether it refers to pieces the module no longer holds)"})
		}
	}
	sortChanges(plan.Changes)
	return plan, nil
}

// binaryWhy is the Why of a binary Conflict whose scaffold's version goes
// to besidePath; deletedWhy that of a file you deleted and scaffold
// changed. With preview they say what an update would do (nothing is
// written: --dry-run, --check).
func binaryWhy(besidePath string, preview bool) string {
	if preview {
		return fmt.Sprintf("a binary file that both you and scaffold changed; yours would be kept and scaffold's would be written beside it as %s: then move it over yours to take scaffold's, or delete it to keep yours", besidePath)
	}
	return fmt.Sprintf("a binary file that both you and scaffold changed; yours is kept and scaffold's is beside it as %s: move it over yours to take scaffold's, or delete it to keep yours", besidePath)
}

func deletedWhy(preview bool) string {
	if preview {
		return "you deleted it and scaffold changed it; scaffold's new version would be written: then delete it again if you do not want it"
	}
	return "you deleted it and scaffold changed it; scaffold's new version is written: delete it again if you do not want it"
}

// Preview words the Why of each conflict of p as what an update would do,
// for a plan that is shown but not written (--dry-run, --check): scaffold's
// version of a binary file "would be written beside it", not "is beside it".
func (p *Plan) Preview() {
	for i, c := range p.Changes {
		switch {
		case c.Action != Conflict:
		case c.Beside != nil:
			p.Changes[i].Why = binaryWhy(c.BesidePath(), true)
		case c.Old == nil:
			p.Changes[i].Why = deletedWhy(true)
		}
	}
}

// PlanReplace is what `scaffold new --force` does in dir: every generated
// file is written as generated, and files of the previous generation
// (previous, nil when unknown) that next does not write are removed unless
// you changed them. A file PATH.scaffold-new beside a file it writes is
// removed too (see WriteOptions.RemoveBeside).
func PlanReplace(dir string, previous, next []File) (*Plan, error) {
	plan := &Plan{}
	inNext := map[string]bool{}
	for _, f := range next {
		inNext[f.Path] = true
	}
	for _, f := range next {
		if p, ok := scaffoldNewBeside(f.Path, inNext); ok {
			if full := filepath.Join(dir, filepath.FromSlash(p)); isRegular(full) {
				data, err := os.ReadFile(full)
				if err != nil {
					return nil, err
				}
				plan.Changes = append(plan.Changes, Change{Path: p, Action: Remove, Old: data, Why: RemovedBesideWhy(f.Path)})
			}
		}
		disk, err := readGenerated(dir, f.Path)
		if err != nil {
			return nil, err
		}
		switch {
		case disk == nil:
			plan.Changes = append(plan.Changes, Change{Path: f.Path, Action: Create, New: f.Data})
		case !bytes.Equal(*disk, f.Data):
			plan.Changes = append(plan.Changes, Change{Path: f.Path, Action: Replace, Old: *disk, New: f.Data})
		}
	}
	for _, f := range previous {
		if inNext[f.Path] {
			continue
		}
		disk, err := readGenerated(dir, f.Path)
		if err != nil {
			return nil, err
		}
		switch {
		case disk == nil:
		case bytes.Equal(*disk, f.Data):
			plan.Changes = append(plan.Changes, Change{Path: f.Path, Action: Remove, Old: *disk})
		default:
			plan.Changes = append(plan.Changes, Change{Path: f.Path, Action: Keep, Old: *disk,
				Why: "the previous generation wrote it and this one does not, but you changed it; remove it if you no longer need it"})
		}
	}
	sortChanges(plan.Changes)
	return plan, nil
}

func sortChanges(cs []Change) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].Path < cs[j].Path })
}

// readGenerated reads the file at slash path p under dir; nil when there is
// none (or dir does not exist). A folder where the file belongs is an error
// the user must clear.
func readGenerated(dir, p string) (*[]byte, error) {
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return nil, fmt.Errorf("%q is not a path inside the module", p)
	}
	full := filepath.Join(dir, filepath.FromSlash(p))
	fi, err := os.Lstat(full)
	if os.IsNotExist(err) || isNotDirErr(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, folderInTheWay{full, p}
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, err
	}
	return &data, nil
}

// isCRLF reports whether every line of data that ends ends with CRLF (and
// at least one does).
func isCRLF(data []byte) bool {
	n := bytes.Count(data, []byte("\n"))
	return n > 0 && bytes.Count(data, []byte("\r\n")) == n
}

func toLF(data []byte) []byte { return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")) }

func isNotDirErr(err error) bool { return errors.Is(err, syscall.ENOTDIR) }

// isBinary reports whether data is not text a line merge can handle.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data)
}

// Unresolved lists the generated files (paths of next) that hold conflict
// markers on disk: conflicts of an earlier update not resolved yet, which a
// new merge would take for your own lines.
func Unresolved(dir string, next []File) []string {
	var out []string
	for _, f := range next {
		if scaffoldOwned[f.Path] {
			continue
		}
		disk, err := readGenerated(dir, f.Path)
		if err == nil && disk != nil && !isBinary(*disk) && textmerge.HasMarkers(*disk) {
			out = append(out, f.Path)
		}
	}
	return out
}

// scaffoldNewBeside is the path beside generated file p where an update
// writes scaffold's version of a binary conflict: p with ScaffoldNewSuffix,
// the file a forced regeneration removes (RemoveBeside) and an update
// reports unresolved (UnresolvedBeside); false for scaffold's own files (no
// update writes one beside them), and when the generation writes that path
// itself (written, the paths it writes; nil for none).
func scaffoldNewBeside(p string, written map[string]bool) (string, bool) {
	b := p + ScaffoldNewSuffix
	if scaffoldOwned[p] || written[b] || !filepath.IsLocal(filepath.FromSlash(b)) {
		return "", false
	}
	return b, true
}

// RemovedBesideWhy says why a forced regeneration removes the file beside
// generated file p (see WriteOptions.RemoveBeside), for its report and
// notes.
func RemovedBesideWhy(p string) string {
	return fmt.Sprintf("named as an update names scaffold's version of %s beside yours, a binary conflict not resolved; --force writes %s as generated, which settles it", p, p)
}

// isRegular reports whether p is a regular file (not a folder, nor a
// symbolic link).
func isRegular(p string) bool {
	fi, err := os.Lstat(p)
	return err == nil && fi.Mode().IsRegular()
}

// UnresolvedBeside lists the files in dir named as an update names
// scaffold's version of a binary file beside yours (ScaffoldNewSuffix), for
// the generated files of every given set (what scaffold generates now, and
// what it generated last time): an earlier update's binary conflict not
// resolved yet, or a file made so by hand, which an update must not take
// for either. Slash paths, sorted.
func UnresolvedBeside(dir string, sets ...[]File) []string {
	seen := map[string]bool{}
	var out []string
	for _, files := range sets {
		for _, f := range files {
			p, ok := scaffoldNewBeside(f.Path, nil)
			if !ok || seen[p] {
				continue
			}
			seen[p] = true
			if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}
