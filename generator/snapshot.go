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
	"sync"
	"time"
)

// SnapshotPath is the file, inside every generated module, that holds a copy
// of all the other files of its generation: `scaffold update` merges from
// it (what scaffold generated last time) to keep the user's edits. It is a
// gzipped tar: compressed so that it stays small (under a third of the module) and
// holds no .tf file that terraform, tflint or trivy could read or scan, in a
// dot-folder that terraform does not load either.
const SnapshotPath = ".scaffold/generation.tar.gz"

// snapshotEpoch is the modification time of every entry, so that the same
// files always give the same bytes.
var snapshotEpoch = time.Unix(0, 0).UTC()

// Snapshot packs files (all but SnapshotPath itself) into the deterministic
// gzipped tar kept at SnapshotPath: entries in path order, mode 0644, owner
// 0, time 1970-01-01, no gzip name or time. The same files give the same bytes.
//
// The snapshot is built on every `scaffold new`, after every other file and
// before any is written, so its time is the run's. It is compressed at
// gzip.BestSpeed (for web-app's 120 KB of tar, BestCompression took 4.3 ms
// for 30 KB, BestSpeed 1.1 ms for 36 KB: docs/performance.md), in several
// gzip members compressed at once (see startSnapshot). A gzip file may hold
// several members, which readers join into one stream (Go's gzip.Reader
// does by default, as does the gzip command).
func Snapshot(files []File) []byte {
	var others []File
	var readme *File
	for i, f := range files {
		switch f.Path {
		case SnapshotPath:
		case readmePath:
			readme = &files[i]
		default:
			others = append(others, f)
		}
	}
	return startSnapshot(others).finish(readme)
}

// readmePath is the file a generation writes last, after the others'
// members of the snapshot are under way.
const readmePath = "README.md"

// snapshotBuilder compresses a snapshot's gzip members on goroutines as
// their files are known. The members are fixed by the paths alone, so the
// bytes do not depend on timing: the entries before README.md, README.md's,
// the entries after it in two halves by size, then the tar's end.
type snapshotBuilder struct {
	members [5][]byte // in the order above; nil for one without entries
	after   []File
	wg      sync.WaitGroup
}

// startSnapshot starts compressing every member but README.md's, from
// files (neither README.md nor SnapshotPath among them).
func startSnapshot(files []File) *snapshotBuilder {
	sorted := append([]File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	cut := sort.Search(len(sorted), func(i int) bool { return sorted[i].Path > readmePath })
	before, after := sorted[:cut], sorted[cut:]
	total := 0
	for _, f := range after {
		total += len(f.Data)
	}
	half, size := 0, 0
	for half < len(after) && size < total/2 {
		size += len(after[half].Data)
		half++
	}
	s := &snapshotBuilder{}
	for i, group := range [][]File{before, nil, after[:half], after[half:]} {
		if len(group) == 0 {
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.members[i] = tarGzip(group, false)
		}()
	}
	return s
}

// finish adds README.md's member (readme nil: none) and the tar's end, and
// returns the snapshot.
func (s *snapshotBuilder) finish(readme *File) []byte {
	if readme != nil {
		s.members[1] = tarGzip([]File{*readme}, false)
	}
	s.members[4] = tarGzip(nil, true)
	s.wg.Wait()
	return bytes.Join(s.members[:], nil)
}

// tarGzip is one gzip member of a snapshot: the tar entries of files, or
// with last the end-of-archive blocks.
func tarGzip(files []File, last bool) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	for _, f := range files {
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
	if last {
		_ = tw.Close()
	} else {
		_ = tw.Flush() // the last entry's padding; the next member goes on
	}
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
