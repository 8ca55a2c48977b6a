package generator

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"time"
)

// zipEpoch is the fixed modification time of every zip entry, so the same
// sources always give the same archive bytes (and the same source hash in
// Terraform, hence no spurious Lambda update).
var zipEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// zipFiles builds a deterministic zip of the named generated files, stored
// under their base names in the order given. A name no component generated
// is skipped: it is an alternative (a .tmpl that rendered empty, e.g. the
// Node.js handler of a Python function); at least one must exist.
//
// Entries are stored, not deflated: a handler is a few KiB, so deflating
// saves Lambda a few KiB of upload, while archive/zip's compressor zeroes
// and fills more than half a megabyte of fresh memory per archive, on every
// `scaffold new` (issue 15: fresh memory costs about half a millisecond per
// MiB on the 2-core machine, docs/performance.md).
func zipFiles(files map[string][]byte, names []string) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	stored := 0
	for _, n := range names {
		data, ok := files[n]
		if !ok {
			continue
		}
		stored++
		h := &zip.FileHeader{Name: path.Base(n), Method: zip.Store, Modified: zipEpoch}
		h.SetMode(0o644)
		fw, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(data); err != nil {
			return nil, err
		}
	}
	if stored == 0 {
		return nil, fmt.Errorf("none of %v was generated", names)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
