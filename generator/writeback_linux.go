package generator

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the kernel to start writing f's dirty pages to disk
// now, without waiting (sync_file_range with SYNC_FILE_RANGE_WRITE). It is
// only a hint that lets the writes of many files overlap: it promises no
// durability, and the fsync that follows is what stage relies on. An error
// is ignored for the same reason.
func startWriteback(f *os.File) {
	_ = unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
}
