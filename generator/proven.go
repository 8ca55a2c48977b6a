package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/scaffold-tf/scaffold/internal/hclrefs"
	"github.com/scaffold-tf/scaffold/templates"
)

// treeRead are the HCL files the README reads (its output table, its list
// of promises, its versions): what it takes from each is its readmeFacts,
// read from the parsed tree, or from proven.txt for a proven file.
var treeRead = map[string]bool{"outputs.tf": true, PromisesTestFile: true, "versions.tf": true}

// readmeFacts is what the README reads of one treeRead file: the outputs of
// outputs.tf with their descriptions, the error messages of the promises
// test's assertions, the version constraints of versions.tf. proven.txt
// holds it, as JSON, for each treeRead file it lists.
type readmeFacts struct {
	Outputs   []Described `json:"outputs,omitempty"`
	Promises  []string    `json:"promises,omitempty"`
	Terraform string      `json:"terraform,omitempty"`
	AWS       string      `json:"aws,omitempty"`
}

// factsOf reads the readmeFacts of treeRead file p as parsed; an error
// names what the README cannot take (an output whose description is not a
// literal string, say).
func factsOf(p string, f *hcl.File) (readmeFacts, error) {
	var facts readmeFacts
	var err error
	switch p {
	case "outputs.tf":
		facts.Outputs, err = describedBlocks(f, p, "output")
	case PromisesTestFile:
		facts.Promises, err = promises(f)
	case "versions.tf":
		facts.Terraform, facts.AWS = versions(f)
	}
	return facts, err
}

// encodeFacts writes f as one line of JSON, with <, > and & as they are.
func encodeFacts(f readmeFacts) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		panic(err) // strings and slices of strings always encode
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func decodeFacts(p, s string) (readmeFacts, error) {
	var f readmeFacts
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return f, fmt.Errorf("templates/proven.txt: what the README reads of %s: %w; rewrite it with go test ./generator -run TestProvenTable -update", p, err)
	}
	return f, nil
}

// provenEntry is what proven.txt records of one file: the local values it
// defines and reads (encodeLocalRefs), and for a treeRead file what the
// README reads of it (readmeFacts as JSON).
type provenEntry struct {
	refs, facts string
}

// provenTable is templates/proven.txt: one line per file, sorted, each
// starting with the file's key (provenKey) in hex. The table lists every
// HCL file, path and bytes, that the tests generate for every golden answer
// set and every shape (the defaults with each choice of each question in
// turn), each one parsed and in canonical format when the table was
// written (TestProvenTable writes it with -update, sorted, and fails when
// it is stale). A file whose exact bytes are in it needs no parse at run
// time: those bytes were parsed at build time. Any other file, such as one
// holding a value the user typed, is parsed as before. It is a variable so
// that tests can put a wrong table in (TestProvenTableLieIsCaught).
var provenTable = func() string { return templates.ProvenHCL }

// lookupProven finds the line of key in table (see provenTable) by halves,
// over the text itself: a run looks up a few dozen files, and reading the
// table's thousands of lines into a map first cost more than all the
// lookups. A line out of order can only be missed, and a file missed is
// parsed, which is always safe.
func lookupProven(table string, key [16]byte) (provenEntry, bool) {
	var want [2 * len(key)]byte
	hex.Encode(want[:], key[:])
	lo, hi := 0, len(table)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(table[:mid], '\n') + 1
		end := len(table)
		if i := strings.IndexByte(table[start:], '\n'); i >= 0 {
			end = start + i
		}
		line := table[start:end]
		switch c := strings.Compare(line[:min(len(line), len(want))], string(want[:])); {
		case c == 0 && len(line) > len(want) && line[len(want)] == ' ':
			return parseProvenLine(line[len(want)+1:]), true
		case c < 0:
			lo = end + 1
		default:
			hi = start
		}
	}
	return provenEntry{}, false
}

// parseProvenLine reads a line of proven.txt after its key: "PATH" and, for
// a Terraform file of the root module, the local values it defines and
// reads (see encodeLocalRefs); for a treeRead file, a tab and its
// readmeFacts as JSON.
func parseProvenLine(rest string) provenEntry {
	rest, facts, _ := strings.Cut(rest, "\t")
	_, refs, _ := strings.Cut(rest, " ")
	return provenEntry{refs: refs, facts: facts}
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
// what the table records of it.
func proven(p string, data []byte) (provenEntry, bool) {
	return lookupProven(provenTable(), provenKey(p, data))
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
// at run time, the local values it defines and reads (nil but for a
// Terraform file of the root module) and, for a treeRead file, its
// readmeFacts (nil for the others): TestProvenTable writes proven.txt from
// it. It may be called from several goroutines at once.
var testHookParsed func(p string, data []byte, refs []hclrefs.Block, facts *readmeFacts)
