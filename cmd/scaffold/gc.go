package main

import (
	"os"
	"runtime/debug"
)

// heapLimit is the Go memory (heap, stacks, runtime) at which scaffold
// collects garbage. The target for `scaffold new` is a peak RSS of
// 50 MB; the binary's own mapped pages add about 8 MB to what the runtime
// counts, so 32 MiB leaves room. `scaffold new` allocates 6–12 MB in all
// (docs/performance.md), so a one-shot run never reaches it and a wizard
// session or a --force regeneration (which generates twice) collects only
// once it does.
const heapLimit = 32 << 20

// collectAtLimit turns the garbage collector's pacing by heap growth off
// and bounds the heap by heapLimit instead. A `scaffold new` process lives
// for tens of milliseconds and its heap would otherwise double from 4 MB a
// few times, each time marking and sweeping what is about to be thrown
// away with the process: about a fifth of its CPU. GOGC or GOMEMLIMIT in
// the environment take precedence, as for any Go program.
func collectAtLimit() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(heapLimit)
}
