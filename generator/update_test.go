package generator_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/textmerge"
)

// TestPlanUpdate covers every case of the three-way decision, one file each.
func TestPlanUpdate(t *testing.T) {
	dir := t.TempDir()
	put := func(p, data string) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := []generator.File{
		{Path: "untouched.tf", Data: []byte("a\nb\n")},
		{Path: "yours.tf", Data: []byte("a\nb\n")},
		{Path: "both.tf", Data: []byte("1\n2\n3\n4\n5\n")},
		{Path: "clash.tf", Data: []byte("x = 1\n")},
		{Path: "deleted-same.tf", Data: []byte("d\n")},
		{Path: "deleted-changed.tf", Data: []byte("d\n")},
		{Path: "nested/stale.tf", Data: []byte("s\n")},
		{Path: "stale-yours.tf", Data: []byte("s\n")},
		{Path: "bin.zip", Data: []byte("PK\x00old")},
		{Path: "same-change.tf", Data: []byte("a\n")},
	}
	next := []generator.File{
		{Path: "untouched.tf", Data: []byte("a\nB\n")},
		{Path: "yours.tf", Data: []byte("a\nb\n")},
		{Path: "both.tf", Data: []byte("1\n2\n3\n4\nFIVE\n")},
		{Path: "clash.tf", Data: []byte("x = 2\n")},
		{Path: "deleted-same.tf", Data: []byte("d\n")},
		{Path: "deleted-changed.tf", Data: []byte("D\n")},
		{Path: "bin.zip", Data: []byte("PK\x00new")},
		{Path: "same-change.tf", Data: []byte("A\n")},
		{Path: "added.tf", Data: []byte("new\n")},
		{Path: "nested/deeper/added.tf", Data: []byte("new\n")},
	}
	put("untouched.tf", "a\nb\n")
	put("yours.tf", "a\nb\nmine\n")
	put("both.tf", "ONE\n2\n3\n4\n5\n")
	put("clash.tf", "x = 3\n")
	put("nested/stale.tf", "s\n")
	put("stale-yours.tf", "s\nmine\n")
	put("bin.zip", "PK\x00yours")
	put("same-change.tf", "A\n")
	put("own.txt", "never read\n")

	plan, err := generator.PlanUpdate(dir, base, next)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]generator.Change{}
	for _, c := range plan.Changes {
		got[c.Path] = c
	}
	want := map[string]generator.Action{
		"untouched.tf":           generator.Replace,
		"both.tf":                generator.Merge,
		"clash.tf":               generator.Conflict,
		"deleted-changed.tf":     generator.Conflict,
		"nested/stale.tf":        generator.Remove,
		"stale-yours.tf":         generator.Keep,
		"bin.zip":                generator.Conflict,
		"added.tf":               generator.Create,
		"nested/deeper/added.tf": generator.Create,
	}
	for p, a := range want {
		if got[p].Action != a {
			t.Errorf("%s: action %q, want %q", p, got[p].Action, a)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: listed as %q, want it left alone", p, got[p].Action)
		}
	}
	// yours.tf; same-change.tf already holds what scaffold generates now.
	if plan.Yours != 1 {
		t.Errorf("Yours = %d, want 1", plan.Yours)
	}
	if s := string(got["both.tf"].New); s != "ONE\n2\n3\n4\nFIVE\n" {
		t.Errorf("both.tf merged to %q", s)
	}
	if c := got["clash.tf"]; !textmerge.HasMarkers(c.New) || !strings.Contains(string(c.New), "x = 3\n") || !strings.Contains(string(c.New), "x = 2\n") {
		t.Errorf("clash.tf: %q, want both sides between markers", c.New)
	}
	if got["bin.zip"].Writes() {
		t.Errorf("bin.zip: a binary conflict must keep the user's file, not write %q", got["bin.zip"].New)
	}
	// ... and puts scaffold's version beside it, saying where.
	if c := got["bin.zip"]; string(c.Beside) != "PK\x00new" || c.BesidePath() != "bin.zip.scaffold-new" ||
		!strings.Contains(c.Why, "beside it as bin.zip.scaffold-new") || strings.Contains(c.Why, "run `scaffold update` again") {
		t.Errorf("bin.zip: Beside %q at %s, Why %q; want scaffold's version beside it, and the Why to say so", c.Beside, c.BesidePath(), c.Why)
	}
	var written []string
	for _, f := range plan.Files() {
		written = append(written, f.Path)
	}
	if !slices.Contains(written, "bin.zip.scaffold-new") || slices.Contains(written, "bin.zip") {
		t.Errorf("Files = %v, want bin.zip.scaffold-new and not bin.zip", written)
	}
	if string(got["deleted-changed.tf"].New) != "D\n" {
		t.Errorf("deleted-changed.tf: writes %q, want scaffold's new version", got["deleted-changed.tf"].New)
	}
	if cs := plan.Conflicts(); strings.Join(cs, ",") != "bin.zip,clash.tf,deleted-changed.tf" {
		t.Errorf("Conflicts = %v", cs)
	}

	// Applied through WriteWith: the removal goes (and its folder), the
	// user's file and the kept stale file stay.
	if err := generator.WriteWith(dir, plan.Files(), generator.WriteOptions{Force: true, Previous: plan.Removals()}); err != nil {
		t.Fatal(err)
	}
	for p, wantData := range map[string]string{"untouched.tf": "a\nB\n", "yours.tf": "a\nb\nmine\n", "own.txt": "never read\n", "stale-yours.tf": "s\nmine\n", "bin.zip": "PK\x00yours", "bin.zip.scaffold-new": "PK\x00new", "nested/deeper/added.tf": "new\n"} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || string(data) != wantData {
			t.Errorf("%s after the update: %q, %v; want %q", p, data, err, wantData)
		}
	}
	for _, p := range []string{"nested/stale.tf", "deleted-same.tf"} {
		if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
			t.Errorf("%s: still there after the update (%v)", p, err)
		}
	}
}

// TestPlanUpdateWarnsOnMergedHCLThatDoesNotParse: two changes that fit line
// by line can still break HCL; the merge is written but carries a warning.
func TestPlanUpdateWarnsOnMergedHCLThatDoesNotParse(t *testing.T) {
	dir := t.TempDir()
	base := "a = 1\n\nb = 2\n"
	if err := os.WriteFile(filepath.Join(dir, "x.tf"), []byte("a = {\n\nb = 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err := generator.PlanUpdate(dir, []generator.File{{Path: "x.tf", Data: []byte(base)}}, []generator.File{{Path: "x.tf", Data: []byte("a = 1\n\nb = 3\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 1 || plan.Changes[0].Action != generator.Merge || plan.Changes[0].Warning == "" {
		t.Fatalf("changes %+v, want one merge with a warning", plan.Changes)
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	files := []generator.File{{Path: "b.tf", Data: []byte("b\n")}, {Path: "a/deep/x.zip", Data: []byte("PK\x00\xff")}, {Path: generator.SnapshotPath, Data: []byte("ignored")}}
	snap := generator.Snapshot(files)
	if string(snap) != string(generator.Snapshot([]generator.File{files[1], files[0]})) {
		t.Fatal("the same files in another order give other bytes")
	}
	got, err := generator.ReadSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Path != "a/deep/x.zip" || string(got[0].Data) != "PK\x00\xff" || got[1].Path != "b.tf" {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := generator.ReadSnapshot([]byte("not gzip")); err == nil {
		t.Error("a damaged snapshot reads without error")
	}
}

// TestPlanUpdateCRLF: a checkout with CRLF line endings (git's
// core.autocrlf on Windows) is merged as the LF file it stands for, and
// keeps CRLF: a one-line change of scaffold's merges with one of yours
// instead of making the whole file one conflict, an unchanged file is not
// taken for yours, and a stale unchanged file is removed.
func TestPlanUpdateCRLF(t *testing.T) {
	dir := t.TempDir()
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	put := func(p, data string) {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := []generator.File{
		{Path: "both.tf", Data: []byte("1\n2\n3\n4\n5\n")},
		{Path: "untouched.tf", Data: []byte("a\nb\n")},
		{Path: "same.tf", Data: []byte("s\n")},
		{Path: "stale.tf", Data: []byte("x\n")},
	}
	next := []generator.File{
		{Path: "both.tf", Data: []byte("1\n2\n3\n4\nFIVE\n")},
		{Path: "untouched.tf", Data: []byte("a\nB\n")},
		{Path: "same.tf", Data: []byte("s\n")},
	}
	put("both.tf", crlf("ONE\n2\n3\n4\n5\n"))
	put("untouched.tf", crlf("a\nb\n"))
	put("same.tf", crlf("s\n"))
	put("stale.tf", crlf("x\n"))
	plan, err := generator.PlanUpdate(dir, base, next)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]generator.Change{}
	for _, c := range plan.Changes {
		got[c.Path] = c
	}
	want := map[string]struct {
		a    generator.Action
		data string
	}{
		"both.tf":      {generator.Merge, crlf("ONE\n2\n3\n4\nFIVE\n")},
		"untouched.tf": {generator.Replace, crlf("a\nB\n")},
		"stale.tf":     {generator.Remove, ""},
	}
	for p, w := range want {
		c := got[p]
		if c.Action != w.a || (w.data != "" && string(c.New) != w.data) {
			t.Errorf("%s: %s %q, want %s %q", p, c.Action, c.New, w.a, w.data)
		}
	}
	if c, ok := got["same.tf"]; ok {
		t.Errorf("same.tf differs only in line endings, but the plan has %s for it", c.Action)
	}
	if len(plan.Changes) != len(want) {
		t.Errorf("plan has %d changes, want %d: %+v", len(plan.Changes), len(want), plan.Changes)
	}
}

// TestPlanUpdateRealignedHCL: a changed answer that removes the longest
// name of terraform.tfvars realigns every "=" (terraform fmt); a value the
// user edited in it merges instead of making the file one conflict, and
// the result is aligned as terraform fmt aligns it.
func TestPlanUpdateRealignedHCL(t *testing.T) {
	dir := t.TempDir()
	base := "name                     = \"app\"\nenvironment              = \"dev\"\nasg_max                  = 4\ndb_backup_retention_days = 7\n"
	yours := strings.Replace(base, "\"app\"", "\"mine\"", 1)
	next := "name        = \"app\"\nenvironment = \"dev\"\nasg_max     = 4\n" // db_* gone
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfvars"), []byte(yours), 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err := generator.PlanUpdate(dir,
		[]generator.File{{Path: "terraform.tfvars", Data: []byte(base)}},
		[]generator.File{{Path: "terraform.tfvars", Data: []byte(next)}})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(next, "\"app\"", "\"mine\"", 1)
	if len(plan.Changes) != 1 || plan.Changes[0].Action != generator.Merge || string(plan.Changes[0].New) != want {
		t.Errorf("plan %+v, want one merge giving\n%s", plan.Changes, want)
	}
}

// TestPlanUpdateSnapshotRecompressed: a module whose snapshot holds the same
// files, compressed at another gzip level (a scaffold before issue 15 used
// BestCompression), is up to date: `scaffold update --check` must not ask
// for an update that would only recompress the snapshot.
func TestPlanUpdateSnapshotRecompressed(t *testing.T) {
	dir := t.TempDir()
	files := []generator.File{{Path: "main.tf", Data: []byte("a\n")}}
	next := append(files, generator.File{Path: generator.SnapshotPath, Data: generator.Snapshot(files)})
	tarball, err := io.ReadAll(mustGunzip(t, next[1].Data))
	if err != nil {
		t.Fatal(err)
	}
	var old bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&old, gzip.BestCompression)
	zw.Write(tarball)
	zw.Close()
	if bytes.Equal(old.Bytes(), next[1].Data) {
		t.Fatal("BestCompression gave the same bytes: the test proves nothing")
	}
	if err := os.MkdirAll(filepath.Join(dir, ".scaffold"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []generator.File{files[0], {Path: generator.SnapshotPath, Data: old.Bytes()}} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f.Path)), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := generator.PlanUpdate(dir, files, next)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 0 {
		t.Errorf("a recompressed snapshot of the same files is an update: %+v", plan.Changes)
	}
	// Other contents are still an update.
	other := generator.Snapshot([]generator.File{{Path: "main.tf", Data: []byte("b\n")}})
	if generator.SameSnapshot(old.Bytes(), other) || generator.SameSnapshot([]byte("not gzip"), next[1].Data) {
		t.Error("SameSnapshot holds for different or damaged snapshots")
	}
}

func mustGunzip(t *testing.T, data []byte) io.Reader {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

// TestPlanUpdateBinaryConflictBeside follows a binary conflict through two
// updates. The first keeps your file and writes scaffold's beside it; while
// that is there it is reported unresolved (whether scaffold generates the
// file now or only did last time), and as a file scaffold does not generate
// it is neither read nor touched by the plan. Once you move it over yours,
// or delete it, the next plan has nothing to do: your bytes, or scaffold's,
// stay.
func TestPlanUpdateBinaryConflictBeside(t *testing.T) {
	for _, resolve := range []string{"take", "keep"} {
		t.Run(resolve, func(t *testing.T) {
			dir := t.TempDir()
			base := []generator.File{{Path: "build/lambda.zip", Data: []byte("PK\x00v1")}, {Path: "main.tf", Data: []byte("a\n")}}
			next := []generator.File{{Path: "build/lambda.zip", Data: []byte("PK\x00v2")}, {Path: "main.tf", Data: []byte("b\n")}}
			writeTree(t, dir, map[string]string{"build/lambda.zip": "PK\x00mine", "main.tf": "a\n"})
			if un := generator.UnresolvedBeside(dir, next, base); un != nil {
				t.Fatalf("UnresolvedBeside before any conflict = %v", un)
			}
			plan, err := generator.PlanUpdate(dir, base, next)
			if err != nil {
				t.Fatal(err)
			}
			if err := generator.WriteWith(dir, plan.Files(), generator.WriteOptions{Force: true}); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"build/lambda.zip": "PK\x00mine", "build/lambda.zip.scaffold-new": "PK\x00v2", "main.tf": "b\n"}
			if got := readTree(t, dir); !maps.Equal(got, want) {
				t.Fatalf("after the update the module holds %q, want %q", got, want)
			}
			// Unresolved, found from either generation; the generated file's
			// own markers check does not take it for a marker file.
			for _, sets := range [][][]generator.File{{next}, {nil, next}, {[]generator.File{{Path: "other.tf"}}, next}} {
				if un := generator.UnresolvedBeside(dir, sets...); !slices.Equal(un, []string{"build/lambda.zip.scaffold-new"}) {
					t.Errorf("UnresolvedBeside = %v, want [build/lambda.zip.scaffold-new]", un)
				}
			}
			if un := generator.Unresolved(dir, next); un != nil {
				t.Errorf("Unresolved (markers) = %v, want none", un)
			}
			// The next plan, from the generation just written, does not
			// touch the file beside (a file of yours, to scaffold).
			again, err := generator.PlanUpdate(dir, next, next)
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Changes) != 0 || again.Yours != 1 {
				t.Errorf("the plan after the conflict: %+v (yours %d), want nothing to do and one file of yours", again.Changes, again.Yours)
			}

			besideFile := filepath.Join(dir, "build", "lambda.zip.scaffold-new")
			zip := filepath.Join(dir, "build", "lambda.zip")
			wantZip, wantYours := "PK\x00mine", 1
			if resolve == "take" {
				if err := os.Rename(besideFile, zip); err != nil {
					t.Fatal(err)
				}
				wantZip, wantYours = "PK\x00v2", 0
			} else if err := os.Remove(besideFile); err != nil {
				t.Fatal(err)
			}
			if un := generator.UnresolvedBeside(dir, next, base); un != nil {
				t.Errorf("UnresolvedBeside after resolving = %v", un)
			}
			again, err = generator.PlanUpdate(dir, next, next)
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Changes) != 0 || again.Yours != wantYours {
				t.Errorf("the plan after resolving: %+v (yours %d), want nothing to do (yours %d)", again.Changes, again.Yours, wantYours)
			}
			if data, err := os.ReadFile(zip); err != nil || string(data) != wantZip {
				t.Errorf("build/lambda.zip = %q, %v; want %q", data, err, wantZip)
			}
		})
	}
}

// TestPlanUpdateBinaryConflictRollsBack: scaffold's version of a binary
// file, written beside yours, goes through the same safe writer as the
// other files: a write that fails after it was put in place takes it away
// again with everything else.
func TestPlanUpdateBinaryConflictRollsBack(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "m")
	old := map[string]string{"bin.zip": "PK\x00mine", "main.tf": "a\n", "z.tf": "z\n"}
	writeTree(t, dir, old)
	base := []generator.File{{Path: "bin.zip", Data: []byte("PK\x00v1")}, {Path: "main.tf", Data: []byte("a\n")}, {Path: "z.tf", Data: []byte("z\n")}}
	next := []generator.File{{Path: "bin.zip", Data: []byte("PK\x00v2")}, {Path: "main.tf", Data: []byte("b\n")}, {Path: "z.tf", Data: []byte("Z\n")}}
	plan, err := generator.PlanUpdate(dir, base, next)
	if err != nil {
		t.Fatal(err)
	}
	placed := false
	reset := generator.SetStepHook(func(path string, _ func() bool) error {
		if filepath.Base(path) == "bin.zip.scaffold-new" {
			if data, err := os.ReadFile(path); err == nil && string(data) == "PK\x00v2" {
				placed = true
			}
		}
		if filepath.Base(path) == "z.tf" {
			return errors.New("injected failure")
		}
		return nil
	})
	defer reset()
	if err := generator.WriteWith(dir, plan.Files(), generator.WriteOptions{Force: true}); err == nil {
		t.Fatal("the write succeeded despite the injected failure")
	}
	if !placed {
		t.Error("bin.zip.scaffold-new was never in place during the write: the test proves nothing")
	}
	if got := readTree(t, dir); !maps.Equal(got, old) {
		t.Errorf("after the failed write the module holds %q, want it as it was: %q", got, old)
	}
	assertNoLeftovers(t, parent, "m")
}

// A plan that is shown but not written (--dry-run, --check) says what an
// update would do: scaffold's version of a binary file "would be written
// beside it", a file you deleted "would be written"; a plan that is
// written says what it did.
func TestPlanUpdatePreviewWording(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"bin.zip": "PK\x00mine", "main.tf": "a\n"})
	base := []generator.File{{Path: "bin.zip", Data: []byte("PK\x00v1")}, {Path: "gone.tf", Data: []byte("g\n")}, {Path: "main.tf", Data: []byte("a\n")}}
	next := []generator.File{{Path: "bin.zip", Data: []byte("PK\x00v2")}, {Path: "gone.tf", Data: []byte("G\n")}, {Path: "main.tf", Data: []byte("b\n")}}
	why := func(p *generator.Plan) map[string]string {
		out := map[string]string{}
		for _, c := range p.Changes {
			out[c.Path] = c.Why
		}
		return out
	}
	plan, err := generator.PlanUpdate(dir, base, next)
	if err != nil {
		t.Fatal(err)
	}
	done := why(plan)
	if w := done["bin.zip"]; !strings.Contains(w, "yours is kept and scaffold's is beside it as bin.zip.scaffold-new") {
		t.Errorf("written: bin.zip: %q", w)
	}
	if w := done["gone.tf"]; !strings.Contains(w, "scaffold's new version is written") {
		t.Errorf("written: gone.tf: %q", w)
	}
	plan.Preview()
	shown := why(plan)
	if w := shown["bin.zip"]; !strings.Contains(w, "yours would be kept and scaffold's would be written beside it as bin.zip.scaffold-new") || strings.Contains(w, " is ") {
		t.Errorf("preview: bin.zip: %q, want what would be done", w)
	}
	if w := shown["gone.tf"]; !strings.Contains(w, "scaffold's new version would be written") || strings.Contains(w, " is ") {
		t.Errorf("preview: gone.tf: %q, want what would be done", w)
	}
	if shown["main.tf"] != done["main.tf"] {
		t.Errorf("preview changed the why of a replaced file: %q", shown["main.tf"])
	}
}
