package main

import (
	"archive/zip"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite cmp expectations in testdata/script")

// TestMain lets testscript run the real scaffold binary (this test binary,
// re-executed as `scaffold`) in every script.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"scaffold": func() { os.Exit(run(os.Args[1:], defaultIO())) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script: list,
// explain, new with each answer source, every error path and its exit code.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *updateScripts,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      cmdExits,
			"unzip-list": cmdUnzipList,
			"is-symlink": cmdIsSymlink,
			"tree-sum":   cmdTreeSum,
			"age-module": cmdAgeModule,
		},
	})
}

// cmdExits runs a command and checks its exact exit code:
//
//	exits 2 scaffold new nope
//
// Its stdout and stderr can then be checked like exec's.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with code %d, want %d", args[1], got, want)
	}
}

// cmdUnzipList prints the names of the files in a zip archive, one a line:
//
//	unzip-list api/build/lambda.zip
func cmdUnzipList(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: unzip-list FILE")
	}
	r, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer r.Close()
	for _, f := range r.File {
		fmt.Fprintln(ts.Stdout(), f.Name)
	}
}

// cmdIsSymlink checks that a path is a symbolic link (or, with !, is not).
func cmdIsSymlink(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: [!] is-symlink PATH")
	}
	fi, err := os.Lstat(ts.MkAbs(args[0]))
	ts.Check(err)
	if link := fi.Mode()&os.ModeSymlink != 0; link == neg {
		ts.Fatalf("%s: symlink = %v, want %v", args[0], link, !neg)
	}
}
