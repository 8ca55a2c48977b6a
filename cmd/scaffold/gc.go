package main

import (
	"os"
	"runtime/debug"
)

// heapLimit is the Go memory (heap, stacks, runtime) at which scaffold
// collects garbage. The target for `scaffold new` is a peak RSS of 50 MB
// (issue 7); `scaffold list`, which allocates next to nothing, already
// has an RSS of about 10 MB (the binary's pages and the runtime's), so
// 32 MiB leaves room. Without collecting, `scaffold new` peaks at 16–19 MB
// of RSS (docs/performance.md), so a one-shot run never reaches the limit,
// and a wizard session or a --force regeneration (which generates twice)
// collects only once it does.
const heapLimit = 32 << 20

// collectAtLimit turns the garbage collector's pacing by heap growth off
// and bounds the heap by heapLimit instead. A `scaffold new` process lives
// for tens of milliseconds and its heap would otherwise double from 4 MB a
// few times, each time marking and sweeping what is about to be thrown
// away with the process: 17–20 % of its wall time, measured beside the
// same binary with GOGC=100 (docs/performance.md). GOGC or GOMEMLIMIT in
// the environment take precedence, as for any Go program.
func collectAtLimit() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(heapLimit)
}
