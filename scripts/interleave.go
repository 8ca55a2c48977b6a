//go:build ignore

// Interleave times `BIN new BP --yes DIR` for two or more binaries run in
// turn, one run of each per round, the order rotating from round to round,
// DIR removed before every run (untimed). Unlike hyperfine, which runs all
// the runs of one command before the next, it exposes every binary to the
// same moments of a shared machine's load. It prints, per binary, the
// median wall time, the median user and system CPU, and the peak RSS.
//
// With -cmd, each argument is a whole command line instead of a binary,
// split at spaces, with {DIR} standing for the output folder (which does
// not exist when it starts): scripts/bench-cli runs the floor program,
// `scaffold new` and cookiecutter this way. The row then also gives each
// command's median peak RSS and, for every command after the first, its
// median wall and CPU time as multiples of the first's.
//
// With -fresh, every run writes a DIR of its own and all are removed at the
// end instead: on ext4 without a journal, creating a file first skips every
// inode of its block group freed in the last half minute, so removing the
// previous run's output right before each run (as hyperfine --prepare does)
// makes each file a run creates cost far more than it does for a user.
//
// With -sync, sync(2) runs before the first run and after every run,
// untimed, so that every run starts with nothing dirty in the page cache
// and no run pays for what the one before left unwritten. A program that
// does not fsync (cookiecutter) leaves its files and their inodes dirty;
// the runs that follow it then spend more of the kernel's time creating
// files (docs/performance.md, seventh pass). How long each sync after a
// program took is reported as that program's "left to write back".
//
//	go run scripts/interleave.go [-n RUNS] [-warmup N] [-fresh] [-sync] -bp BLUEPRINT BIN...
//	go run scripts/interleave.go [-n RUNS] [-warmup N] [-fresh] [-sync] -cmd -bp LABEL 'CMD {DIR}'...
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 60, "timed rounds")
	warm := flag.Int("warmup", 10, "untimed rounds first")
	bp := flag.String("bp", "web-app", "blueprint")
	fresh := flag.Bool("fresh", false, "a new DIR for every run, none removed until the end")
	cmdMode := flag.Bool("cmd", false, "arguments are command lines with {DIR}, not binaries")
	settle := flag.Bool("sync", false, "sync(2) before the first run and after every run, untimed")
	flag.Parse()
	bins := flag.Args()
	if len(bins) == 0 {
		fmt.Fprintln(os.Stderr, "usage: interleave [-n RUNS] [-warmup N] [-fresh] -bp BLUEPRINT BIN...\n       interleave [-n RUNS] [-warmup N] [-fresh] -cmd -bp LABEL 'CMD {DIR}'...")
		os.Exit(2)
	}
	work, err := os.MkdirTemp("", "interleave-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(work)
	type times struct {
		wall, user, sys, cpu, rssMB []float64
		synced                      []float64 // ms the sync after each run took
		rss                         int64
	}
	st := make([]times, len(bins))
	ms := func(tv syscall.Timeval) float64 { return float64(tv.Sec)*1000 + float64(tv.Usec)/1000 }
	if *settle {
		syscall.Sync()
	}
	for r := 0; r < *warm+*n; r++ {
		for k := range bins {
			i := (k + r) % len(bins)
			out := filepath.Join(work, fmt.Sprint("o", i))
			if *fresh {
				out = filepath.Join(work, fmt.Sprint("o", i, "-", r))
			}
			os.RemoveAll(out)
			cmd := exec.Command(bins[i], "new", *bp, "--yes", out)
			if *cmdMode {
				args := strings.Fields(strings.ReplaceAll(bins[i], "{DIR}", out))
				cmd = exec.Command(args[0], args[1:]...)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr // shown only if it fails: warnings would flood the table
			t0 := time.Now()
			if err := cmd.Run(); err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n%s", bins[i], err, stderr.Bytes())
				os.Exit(1)
			}
			wall := time.Since(t0)
			var synced time.Duration
			if *settle {
				t1 := time.Now()
				syscall.Sync()
				synced = time.Since(t1)
			}
			if r < *warm {
				continue
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			st[i].wall = append(st[i].wall, float64(wall.Microseconds())/1000)
			st[i].user = append(st[i].user, ms(ru.Utime))
			st[i].sys = append(st[i].sys, ms(ru.Stime))
			st[i].cpu = append(st[i].cpu, ms(ru.Utime)+ms(ru.Stime))
			st[i].rssMB = append(st[i].rssMB, float64(ru.Maxrss)/1024)
			st[i].rss = max(st[i].rss, ru.Maxrss)
			st[i].synced = append(st[i].synced, float64(synced.Microseconds())/1000)
		}
	}
	median := func(x []float64) float64 {
		y := slices.Clone(x)
		slices.Sort(y)
		if len(y)%2 == 1 {
			return y[len(y)/2]
		}
		return (y[len(y)/2-1] + y[len(y)/2]) / 2
	}
	var cells []string
	if *cmdMode {
		for i := range bins {
			cell := fmt.Sprintf("%.1f ms, %.1f ms CPU, %.1f MiB", median(st[i].wall), median(st[i].cpu), median(st[i].rssMB))
			if *settle {
				cell += fmt.Sprintf(", %.1f ms left to write back", median(st[i].synced))
			}
			cells = append(cells, cell)
		}
		for i := 1; i < len(bins); i++ {
			cells = append(cells, fmt.Sprintf("%.2f× (CPU %.2f×)", median(st[i].wall)/median(st[0].wall), median(st[i].cpu)/median(st[0].cpu)))
		}
		fmt.Printf("| %s | %s |\n", *bp, strings.Join(cells, " | "))
		return
	}
	for i := range bins {
		cells = append(cells, fmt.Sprintf("%.1f ms (%.1f + %.1f), %.1f MiB", median(st[i].wall), median(st[i].user), median(st[i].sys), float64(st[i].rss)/1024))
	}
	fmt.Printf("| %s | %s | %.2f |\n", *bp, strings.Join(cells, " | "), median(st[len(bins)-1].wall)/median(st[0].wall))
}
