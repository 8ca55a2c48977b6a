package generator_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/scaffold-tf/scaffold/generator"
)

func TestWriteNewDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	files := []generator.File{{Path: "main.tf", Data: []byte("locals {}\n")}, {Path: "src/handler.py", Data: []byte("x = 1\n")}}
	if err := generator.Write(dir, files, false); err != nil {
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
	err := generator.Write(dir, []generator.File{{Path: "main.tf", Data: []byte("locals {}\n")}}, false)
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
	if err := generator.Write(dir, []generator.File{{Path: "main.tf", Data: []byte("locals {}\n")}}, true); err != nil {
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
	if err := generator.Write(dir, files, false); err == nil {
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
