package main

import (
	"os"
	"runtime/debug"
)

// heapLimit is the Go memory (heap, stacks, runtime) at which scaffold
// collects garbage. The target for `scaffold new` is a peak RSS of 30 MB
// (issue 15); `scaffold --version` already has an RSS of about 10 MiB (the
// binary's pages and the runtime's). Without collecting, the default
// answers of every blueprint peak at 19–29 MiB, but the largest golden
// answer sets went past it (container-service/full: 37.7 MiB at a 32 MiB
// limit, 29.9 at 24 MiB for scheduled-batch/full). At 22 MiB the largest
// peak at 27–28 MiB, in the same time within the noise, and most default
// runs collect once, near the end; at 20 MiB the largest took 7–10 % longer
// (docs/performance.md). A wizard session or a --force
// regeneration (which generates twice) collects once the limit is reached.
const heapLimit = 22 << 20

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
