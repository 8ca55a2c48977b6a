package generator_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/scaffold-tf/scaffold/generator"
)

func TestWriteNewDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	files := []generator.File{{Path: "main.tf", Data: []byte("locals {}\n")}, {Path: "src/handler.py", Data: []byte("x = 1\n")}}
	if err := generator.WriteWith(dir, files, generator.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f.Path))
		if err != nil || string(got) != string(f.Data) {
			t.Errorf("%s = %q, %v", f.Path, got, err)
		}
	}
	assertNoLeftovers(t, filepath.Dir(dir), "infra")
}

func TestWriteRefusesNonEmptyWithoutForce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := generator.WriteWith(dir, []generator.File{{Path: "main.tf", Data: []byte("locals {}\n")}}, generator.WriteOptions{})
	if !errors.Is(err, generator.ErrNotEmpty) {
		t.Fatalf("err = %v, want ErrNotEmpty", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "main.tf")); !os.IsNotExist(err) {
		t.Errorf("main.tf was written despite the refusal")
	}
}

func TestWriteForceKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"terraform.tfstate": "state", "main.tf": "old\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := generator.WriteWith(dir, []generator.File{{Path: "main.tf", Data: []byte("locals {}\n")}}, generator.WriteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "main.tf")); string(got) != "locals {}\n" {
		t.Errorf("main.tf = %q, not replaced", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "terraform.tfstate")); string(got) != "state" {
		t.Errorf("terraform.tfstate = %q, not kept", got)
	}
	assertNoLeftovers(t, filepath.Dir(dir), filepath.Base(dir))
}

// A failure part-way (here: a file where a folder must go) leaves neither a
// half-written module nor the temporary folder.
func TestWriteFailureLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "infra")
	files := []generator.File{
		{Path: "a.tf", Data: []byte("locals {}\n")},
		{Path: "src", Data: []byte("a file")},
		{Path: "src/handler.py", Data: []byte("x = 1\n")},
	}
	if err := generator.WriteWith(dir, files, generator.WriteOptions{}); err == nil {
		t.Fatal("Write succeeded with a file where a folder must go")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed write", dir)
	}
	assertNoLeftovers(t, parent, "")
}

func assertNoLeftovers(t *testing.T, parent, want string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != want {
			t.Errorf("left behind in %s: %s", parent, e.Name())
		}
	}
}

// writeTree creates files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree reads every regular file under dir (path → content).
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func files(kv ...string) []generator.File {
	var out []generator.File
	for i := 0; i < len(kv); i += 2 {
		out = append(out, generator.File{Path: kv[i], Data: []byte(kv[i+1])})
	}
	return out
}

// A --force run that fails part-way puts back every file it had replaced:
// the new README.md never sits beside the old terraform.tfvars.
func TestWriteFailurePartWayRollsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	old := map[string]string{"README.md": "old readme", "scaffold.answers.hcl": "old answers", "terraform.tfvars": "old tfvars", "terraform.tfstate": "state"}
	writeTree(t, dir, old)
	reset := generator.SetStepHook(func(path string, _ func() bool) error {
		if filepath.Base(path) == "terraform.tfvars" {
			return errors.New("operation not permitted (injected: an immutable file)")
		}
		return nil
	})
	defer reset()
	err := generator.WriteWith(dir, files("README.md", "new", "new.tf", "new", "scaffold.answers.hcl", "new", "terraform.tfvars", "new"), generator.WriteOptions{Force: true})
	if err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	if got := readTree(t, dir); !maps.Equal(got, old) {
		t.Errorf("after a failed --force write the folder holds %q, want it as it was: %q", got, old)
	}
	assertNoLeftovers(t, filepath.Dir(dir), "infra")
}

// Files of the previous generation that this one does not write are
// removed, unless the user changed them; everything else stays.
func TestWriteRemovesUnchangedFilesOfPreviousGeneration(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	previous := files("alb.tf", "alb", "edited.tf", "as generated", "src/handler.py", "py", "main.tf", "old main")
	writeTree(t, dir, map[string]string{"alb.tf": "alb", "edited.tf": "changed by the user", "src/handler.py": "py", "main.tf": "old main", "terraform.tfstate": "state"})
	var kept []string
	err := generator.WriteWith(dir, files("main.tf", "new main", "src/index.mjs", "js"), generator.WriteOptions{Force: true, Previous: previous, Kept: func(p string) { kept = append(kept, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(kept, []string{"edited.tf"}) {
		t.Errorf("kept files reported: %q, want [edited.tf]", kept)
	}
	want := map[string]string{"main.tf": "new main", "src/index.mjs": "js", "edited.tf": "changed by the user", "terraform.tfstate": "state"}
	if got := readTree(t, dir); !maps.Equal(got, want) {
		t.Errorf("folder holds %q, want %q", got, want)
	}
}

// An existing empty folder is written in place: the same folder, its mode
// kept; a symlink to a folder stays a symlink; "." works.
func TestWriteExistingEmptyFolderInPlace(t *testing.T) {
	t.Run("folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "infra")
		if err := os.Mkdir(dir, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o750); err != nil {
			t.Fatal(err)
		}
		before, _ := os.Stat(dir)
		if err := generator.WriteWith(dir, files("main.tf", "x"), generator.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		after, err := os.Stat(dir)
		if err != nil || !os.SameFile(before, after) || after.Mode().Perm() != 0o750 {
			t.Errorf("the folder was replaced or its mode changed: same=%v mode=%v err=%v", os.SameFile(before, after), after.Mode().Perm(), err)
		}
		assertNoLeftovers(t, filepath.Dir(dir), "infra")
	})
	t.Run("symlink", func(t *testing.T) {
		root := t.TempDir()
		real := filepath.Join(root, "real")
		if err := os.Mkdir(real, 0o755); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(root, "link")
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		if err := generator.WriteWith(link, files("main.tf", "x"), generator.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the symlink was replaced: %v %v", fi.Mode(), err)
		}
		if got, _ := os.ReadFile(filepath.Join(real, "main.tf")); string(got) != "x" {
			t.Errorf("the linked folder holds main.tf = %q, want x", got)
		}
	})
	t.Run("dot", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		if err := generator.WriteWith(".", files("main.tf", "x"), generator.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "main.tf")); string(got) != "x" {
			t.Errorf("main.tf = %q, want x", got)
		}
		if _, err := os.Getwd(); err != nil {
			t.Errorf("the working folder is gone: %v", err)
		}
	})
}

// A second writer of the same target, while the first is writing, fails at
// once with ErrLocked and changes nothing; the first completes alone.
func TestWriteConcurrentWriterIsLockedOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	writeTree(t, dir, map[string]string{"a.tf": "old"})
	second := make(chan error, 1)
	reset := generator.SetStepHook(func(path string, _ func() bool) error {
		if filepath.Base(path) == "a.tf" {
			second <- generator.WriteWith(dir, files("a.tf", "second", "b.tf", "second"), generator.WriteOptions{Force: true})
		}
		return nil
	})
	defer reset()
	if err := generator.WriteWith(dir, files("a.tf", "first", "b.tf", "first"), generator.WriteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if err := <-second; !errors.Is(err, generator.ErrLocked) {
		t.Errorf("second writer: err = %v, want ErrLocked", err)
	}
	want := map[string]string{"a.tf": "first", "b.tf": "first"}
	if got := readTree(t, dir); !maps.Equal(got, want) {
		t.Errorf("folder holds %q, want only the first writer's files %q", got, want)
	}
	assertNoLeftovers(t, filepath.Dir(dir), "infra")
}

// Temporary folders of earlier runs that were killed are removed.
func TestWriteRemovesStaleTemporaryFolders(t *testing.T) {
	parent := t.TempDir()
	writeTree(t, parent, map[string]string{".infra.scaffold-1234/main.tf": "", ".infra.scaffold-99/new/x.tf": "", "other/keep": "k"})
	if err := generator.WriteWith(filepath.Join(parent, "infra"), files("main.tf", "x"), generator.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"infra", "other"}) {
		t.Errorf("beside the module: %q, want [infra other]", names)
	}
}

// A file on the way to DIR is reported like a DIR that is a file.
func TestWriteFileOnThePath(t *testing.T) {
	parent := t.TempDir()
	writeTree(t, parent, map[string]string{"afile": "x"})
	for _, dir := range []string{"afile", "afile/sub", "afile/sub/deeper"} {
		err := generator.WriteWith(filepath.Join(parent, dir), files("main.tf", "x"), generator.WriteOptions{})
		if !errors.Is(err, generator.ErrNotDir) || !strings.Contains(err.Error(), filepath.Join(parent, "afile")+" exists and is not a directory") {
			t.Errorf("%s: err = %v, want ErrNotDir naming afile", dir, err)
		}
		if err := generator.CheckTarget(filepath.Join(parent, dir), true); !errors.Is(err, generator.ErrNotDir) {
			t.Errorf("CheckTarget(%s) = %v, want ErrNotDir", dir, err)
		}
	}
}

// A folder of the user's where a generated file goes is never replaced (its
// contents would be lost): the write fails and changes nothing.
func TestWriteNeverReplacesAFolderWithAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	old := map[string]string{"main.tf": "old", "notes.tf/mine.txt": "keep me"}
	writeTree(t, dir, old)
	err := generator.WriteWith(dir, files("main.tf", "new", "notes.tf", "generated"), generator.WriteOptions{Force: true})
	if err == nil || !strings.Contains(err.Error(), "is a folder where scaffold writes the file notes.tf") {
		t.Fatalf("err = %v, want the folder refused", err)
	}
	if got := readTree(t, dir); !maps.Equal(got, old) {
		t.Errorf("folder holds %q, want it as it was: %q", got, old)
	}
}

// Every file is flushed to disk before the module appears under its name:
// each staged file is fsynced, and the target does not exist yet when it
// is.
func TestWriteSyncsEveryFileBeforeTheRename(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	written := files("main.tf", "a", "tests/module.tftest.hcl", "b", "src/handler.py", "c", "README.md", "d")
	var mu sync.Mutex
	synced := map[string]bool{}
	reset := generator.SetSyncHook(func(p string) {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s exists before %s was flushed", dir, p)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, f := range written {
			if strings.HasSuffix(filepath.ToSlash(p), "/"+f.Path) {
				synced[f.Path] = true
			}
		}
	})
	defer reset()
	if err := generator.Write(dir, written, false); err != nil {
		t.Fatal(err)
	}
	for _, f := range written {
		if !synced[f.Path] {
			t.Errorf("%s was not flushed to disk", f.Path)
		}
	}
}

// The file WriteOptions.Last gives (the snapshot, packed while the others
// are written) is written and flushed like the others, into a new target
// and into an existing one, and Last is called once.
func TestWriteLastFileIsWrittenLikeTheOthers(t *testing.T) {
	for _, existing := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "infra")
		if existing {
			writeTree(t, dir, map[string]string{"own.txt": "mine", ".scaffold/old": "kept"})
		}
		var mu sync.Mutex
		synced := map[string]bool{}
		reset := generator.SetSyncHook(func(p string) {
			mu.Lock()
			defer mu.Unlock()
			synced[filepath.ToSlash(p)] = true
		})
		calls := 0
		last := func() generator.File {
			calls++
			return generator.File{Path: ".scaffold/generation.tar.gz", Data: []byte("packed")}
		}
		err := generator.WriteWith(dir, files("main.tf", "a", "tests/module.tftest.hcl", "b"), generator.WriteOptions{Force: existing, Last: last})
		reset()
		if err != nil {
			t.Fatal(err)
		}
		if calls != 1 {
			t.Errorf("existing=%v: Last called %d times, want once", existing, calls)
		}
		want := map[string]string{"main.tf": "a", "tests/module.tftest.hcl": "b", ".scaffold/generation.tar.gz": "packed"}
		if existing {
			want["own.txt"], want[".scaffold/old"] = "mine", "kept"
		}
		if got := readTree(t, dir); !maps.Equal(got, want) {
			t.Errorf("existing=%v: folder holds %q, want %q", existing, got, want)
		}
		flushed := false
		for p := range synced {
			flushed = flushed || strings.HasSuffix(p, "/.scaffold/generation.tar.gz")
		}
		if !flushed {
			t.Errorf("existing=%v: the last file was not flushed to disk (flushed: %v)", existing, synced)
		}
	}
}

// With RemoveBeside (`scaffold new --force`), a regular file PATH.scaffold-new
// beside a file PATH written (an update's unresolved binary conflict, or a
// file named so) is removed, as PlanReplace lists it for --dry-run and -o
// json, and Removed is told: no more, no fewer. One beside scaffold's own
// answers file, beside a file not written, or a folder, is left alone, and
// without RemoveBeside (an update) nothing beside is touched.
func TestWriteRemoveBesideMatchesPlanReplace(t *testing.T) {
	tree := map[string]string{
		"build/lambda.zip": "PK\x00mine", "build/lambda.zip.scaffold-new": "PK\x00v2",
		"README.md": "old readme", "README.md.scaffold-new": "made by hand",
		"scaffold.answers.hcl": "old answers", "scaffold.answers.hcl.scaffold-new": "mine",
		"notes.txt.scaffold-new": "mine", "main.tf.scaffold-new/inside": "a folder",
		"terraform.tfstate": "state",
	}
	next := files("README.md", "readme", "build/lambda.zip", "PK\x00gen", "main.tf", "main", "scaffold.answers.hcl", "answers")
	kept := map[string]string{"scaffold.answers.hcl.scaffold-new": "mine", "notes.txt.scaffold-new": "mine", "main.tf.scaffold-new/inside": "a folder", "terraform.tfstate": "state"}
	generated := map[string]string{"README.md": "readme", "build/lambda.zip": "PK\x00gen", "main.tf": "main", "scaffold.answers.hcl": "answers"}

	dir := filepath.Join(t.TempDir(), "m")
	writeTree(t, dir, tree)
	plan, err := generator.PlanReplace(dir, nil, next)
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, c := range plan.Changes {
		if c.Action == generator.Remove {
			listed = append(listed, c.Path)
			if src := strings.TrimSuffix(c.Path, ".scaffold-new"); !strings.Contains(c.Why, "scaffold's version of "+src) || string(c.Old) != tree[c.Path] {
				t.Errorf("PlanReplace: %s: why %q, old %q; want the file it is beside named, and its bytes", c.Path, c.Why, c.Old)
			}
		}
	}
	want := []string{"README.md.scaffold-new", "build/lambda.zip.scaffold-new"}
	if !slices.Equal(listed, want) {
		t.Errorf("PlanReplace removes %q, want %q", listed, want)
	}
	var removed []string
	err = generator.WriteWith(dir, next, generator.WriteOptions{Force: true, RemoveBeside: true, Removed: func(p string) { removed = append(removed, p) }})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	if !slices.Equal(removed, want) {
		t.Errorf("Removed was told %q, want %q", removed, want)
	}
	after := maps.Clone(kept)
	maps.Copy(after, generated)
	if got := readTree(t, dir); !maps.Equal(got, after) {
		t.Errorf("after the write the module holds %q, want %q", got, after)
	}

	// An update (no RemoveBeside) leaves every file beside alone.
	dir = filepath.Join(t.TempDir(), "u")
	writeTree(t, dir, tree)
	if err := generator.WriteWith(dir, next, generator.WriteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	after = maps.Clone(tree)
	maps.Copy(after, generated)
	if got := readTree(t, dir); !maps.Equal(got, after) {
		t.Errorf("without RemoveBeside the module holds %q, want %q", got, after)
	}
}

// A file RemoveBeside removed is put back when the write fails after it.
func TestWriteRemoveBesideRollsBack(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "m")
	old := map[string]string{"a.zip": "PK\x00mine", "a.zip.scaffold-new": "PK\x00v2", "b.tf": "b", "b.tf.scaffold-new": "by hand"}
	writeTree(t, dir, old)
	gone := 0
	reset := generator.SetStepHook(func(path string, _ func() bool) error {
		if strings.HasSuffix(path, ".scaffold-new") {
			if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
				gone++
			}
		}
		if filepath.Base(path) == "b.tf.scaffold-new" {
			return errors.New("injected failure")
		}
		return nil
	})
	defer reset()
	var removed []string
	err := generator.WriteWith(dir, files("a.zip", "PK\x00gen", "b.tf", "B"), generator.WriteOptions{Force: true, RemoveBeside: true, Removed: func(p string) { removed = append(removed, p) }})
	if err == nil || !strings.Contains(err.Error(), "injected") {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	if gone != 2 {
		t.Errorf("%d file(s) beside were seen removed during the write, want 2: the test proves nothing", gone)
	}
	if got := readTree(t, dir); !maps.Equal(got, old) {
		t.Errorf("after the failed write the module holds %q, want it as it was: %q", got, old)
	}
	assertNoLeftovers(t, parent, "m")
}
