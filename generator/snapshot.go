package generator

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"
)

// SnapshotPath is the file, inside every generated module, that holds a copy
// of all the other files of its generation: `scaffold update` merges from
// it (what scaffold generated last time) to keep the user's edits. It is a
// gzipped tar: compressed so that it stays small (under a third of the
// module) and holds no .tf file that terraform, tflint or trivy could read
// or scan, in a dot-folder that terraform does not load either.
const SnapshotPath = ".scaffold/generation.tar.gz"

// snapshotEpoch is the modification time of every entry, so that the same
// files always give the same bytes.
var snapshotEpoch = time.Unix(0, 0).UTC()

// Snapshot packs files (all but SnapshotPath itself) into the deterministic
// gzipped tar kept at SnapshotPath: entries in path order, mode 0644, owner
// 0, time 1970-01-01, no gzip name or time. The same files give the same bytes.
//
// It compresses at gzip.BestSpeed: the snapshot is built on every `scaffold
// new`, after every other file and before any is written, so its time is
// the run's. For web-app's 120 KB of tar, BestCompression took 4.3 ms for
// 30 KB, BestSpeed 1.1 ms for 36 KB. Compressing it as several gzip members
// at once took no less time, and each member's compressor added a megabyte
// of fresh memory (docs/performance.md).
func Snapshot(files []File) []byte {
	sorted := make([]File, 0, len(files))
	for _, f := range files {
		if f.Path != SnapshotPath {
			sorted = append(sorted, f)
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	for _, f := range sorted {
		hdr := &tar.Header{
			Typeflag: tar.TypeReg, Name: f.Path, Mode: 0o644, Size: int64(len(f.Data)),
			ModTime: snapshotEpoch, Format: tar.FormatUSTAR,
		}
		if len(f.Path) > 100 {
			hdr.Format = tar.FormatPAX // a long path; PAX records carry no time here
		}
		// Writes to a buffer do not fail.
		_ = tw.WriteHeader(hdr)
		_, _ = tw.Write(f.Data)
	}
	_ = tw.Close()
	_ = zw.Close()
	return buf.Bytes()
}

// ReadSnapshot unpacks a snapshot written by Snapshot, in path order.
func ReadSnapshot(data []byte) ([]File, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s is not a scaffold snapshot: %w", SnapshotPath, err)
	}
	tr := tar.NewReader(zr)
	var files []File
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s is damaged: %w", SnapshotPath, err)
		}
		p := hdr.Name
		if hdr.Typeflag != tar.TypeReg || p == "" || path.IsAbs(p) || p != path.Clean(p) || strings.HasPrefix(p, "../") || p == ".." {
			return nil, fmt.Errorf("%s holds %q, which is not a file of a module", SnapshotPath, p)
		}
		d, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s is damaged: %w", SnapshotPath, err)
		}
		files = append(files, File{Path: p, Data: d})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// SameSnapshot reports whether snapshots a and b hold the same tar, however
// each was compressed: the gzip level changed (issue 15), and a module whose
// snapshot holds the same files is up to date.
func SameSnapshot(a, b []byte) bool {
	ta, err := gunzip(a)
	if err != nil {
		return false
	}
	tb, err := gunzip(b)
	return err == nil && bytes.Equal(ta, tb)
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
