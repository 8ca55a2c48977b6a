package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"

	"github.com/scaffold-tf/scaffold/internal/hclrefs"
	"github.com/scaffold-tf/scaffold/templates"
)

// treeRead are the HCL files whose parsed tree the generation reads (the
// README's output table, its list of promises, its versions): they are
// parsed on every run, proven or not.
var treeRead = map[string]bool{"outputs.tf": true, PromisesTestFile: true, "versions.tf": true}

// provenTable is templates/proven.txt as a map from a file's key (provenKey)
// to what the table records of it (provenEntry). The table lists every HCL
// file, path and bytes, that the tests generate for every golden answer set
// and every shape (the defaults with each choice of each question in turn),
// each one parsed and in canonical format when the table was written
// (TestProvenTable writes it with -update and fails when it is stale). A
// file whose exact bytes are in it needs no parse at run time: those bytes
// were parsed at build time. Any other file, such as one holding a value
// the user typed, is parsed as before. It is a variable so that tests can
// put a wrong table in (TestProvenTableLieIsCaught).
var provenTable = sync.OnceValue(func() map[[16]byte]string {
	return parseProvenTable(templates.ProvenHCL)
})

// parseProvenTable reads proven.txt: one line per file, "KEY PATH" and,
// for a Terraform file of the root module, the local values it defines and
// reads (see encodeLocalRefs).
func parseProvenTable(text string) map[[16]byte]string {
	m := make(map[[16]byte]string, strings.Count(text, "\n"))
	for line := range strings.Lines(text) {
		keyHex, rest, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		var key [16]byte
		if n, err := hex.Decode(key[:], []byte(keyHex)); err != nil || n != len(key) {
			continue // not a line of the table: such a file is parsed, which is always safe
		}
		_, refs, _ := strings.Cut(rest, " ")
		m[key] = refs
	}
	return m
}

// provenKey is the first 16 bytes of the SHA-256 of a file's path and
// bytes; a file in the table is that exact file.
func provenKey(p string, data []byte) [16]byte {
	h := sha256.New()
	h.Write([]byte(p))
	h.Write([]byte{0})
	h.Write(data)
	var key [16]byte
	copy(key[:], h.Sum(nil))
	return key
}

// proven reports whether HCL file p with these bytes is in the table, and
// the local values it defines and reads, as pruneUnreadLocals needs them.
func proven(p string, data []byte) ([]hclrefs.Block, bool) {
	refs, ok := provenTable()[provenKey(p, data)]
	if !ok {
		return nil, false
	}
	return decodeLocalRefs(refs), true
}

// localRefs reduces what a file's blocks define and read to what
// pruneUnreadLocals uses: each local value with the local values it reads,
// and one block (Addr "") with every local value the file's other blocks
// read. A local value is live when another block reads it, directly or
// through other local values; what resources read among themselves never
// makes one live.
func localRefs(blocks []hclrefs.Block) []hclrefs.Block {
	var out []hclrefs.Block
	var read []string
	for _, b := range blocks {
		if strings.HasPrefix(b.Addr, "local.") {
			out = append(out, hclrefs.Block{Addr: b.Addr, Refs: onlyLocals(b.Refs)})
			continue
		}
		read = append(read, onlyLocals(b.Refs)...)
	}
	slices.Sort(read)
	if read = slices.Compact(read); len(read) > 0 {
		out = append(out, hclrefs.Block{Refs: read})
	}
	return out
}

func onlyLocals(refs []string) []string {
	var out []string
	for _, r := range refs {
		if strings.HasPrefix(r, "local.") {
			out = append(out, r)
		}
	}
	return out
}

// encodeLocalRefs writes localRefs' result as proven.txt holds it:
// "local.a=local.b,local.c" for each local value, then "*=local.x,..." for
// what the other blocks read. Local names are HCL identifiers, which hold
// no space, comma or equals sign.
func encodeLocalRefs(blocks []hclrefs.Block) string {
	fields := make([]string, len(blocks))
	for i, b := range blocks {
		addr := b.Addr
		if addr == "" {
			addr = "*"
		}
		fields[i] = addr + "=" + strings.Join(b.Refs, ",")
	}
	return strings.Join(fields, " ")
}

func decodeLocalRefs(s string) []hclrefs.Block {
	if s == "" {
		return nil
	}
	var out []hclrefs.Block
	for _, field := range strings.Fields(s) {
		addr, refs, _ := strings.Cut(field, "=")
		if addr == "*" {
			addr = ""
		}
		b := hclrefs.Block{Addr: addr}
		if refs != "" {
			b.Refs = strings.Split(refs, ",")
		}
		out = append(out, b)
	}
	return out
}

// testHookParsed, when set (by tests), is called with every HCL file parsed
// at run time and the local values it defines and reads (nil but for a
// Terraform file of the root module): TestProvenTable writes proven.txt from
// it. It may be called from several goroutines at once.
var testHookParsed func(p string, data []byte, refs []hclrefs.Block)
