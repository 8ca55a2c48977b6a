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
// tar in a gzip stream of stored (uncompressed) blocks: a file that holds no
// .tf file that terraform, tflint or trivy could read or scan, in a
// dot-folder that terraform does not load either. Any gzip reader reads it.
const SnapshotPath = ".scaffold/generation.tar.gz"

// snapshotEpoch is the modification time of every entry, so that the same
// files always give the same bytes.
var snapshotEpoch = time.Unix(0, 0).UTC()

// Snapshot packs files (all but SnapshotPath itself) into the deterministic
// gzipped tar kept at SnapshotPath: entries in path order, mode 0644, owner
// 0, time 1970-01-01, no gzip name or time. The same files give the same bytes.
//
// Its gzip blocks are stored, not compressed (gzip.NoCompression). The
// module is kept in git, which compresses every object itself and stores a
// version of a file as a delta against another: stored, the tar's bytes are
// the files' bytes, so git deltas the snapshot against the module's own
// files and against its previous version, while a compressed stream
// changes throughout at any edit and is stored whole each time. For
// web-app's defaults and five later generations, the repository's pack
// was 61 KiB with stored blocks and 227 KiB at gzip.BestSpeed (one
// generation: 38 and 74 KiB), although the file grows from 36 to 120 KB.
// Compressing was also the longest step of a run's writing: 1.1 ms of CPU
// and a megabyte of fresh memory for the compressor (docs/performance.md).
func Snapshot(files []File) []byte {
	sorted := make([]File, 0, len(files))
	for _, f := range files {
		if f.Path != SnapshotPath {
			sorted = append(sorted, f)
		}
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	// Sized for the tar (each entry a 512-byte header and up to 511 bytes
	// of padding; PAX records for a long path grow it) and the gzip
	// framing of its stored blocks.
	size := 2048
	for _, f := range sorted {
		size += len(f.Data) + 1024
	}
	// Made, not Grown: Buffer.Grow zeroes the 120 KB that the archive then
	// overwrites.
	buf := bytes.NewBuffer(make([]byte, 0, size+size/(1<<16)*5+64))
	zw, _ := gzip.NewWriterLevel(buf, gzip.NoCompression)
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
// each was compressed: the gzip level changed twice (issue 15: BestSpeed,
// then stored blocks), and a module whose snapshot holds the same files is
// up to date.
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
