package hclfmt

import (
	"bytes"
	"io/fs"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// same fails the test unless Bytes gives what hclwrite gives for f, and
// reports whether the fast path formatted it.
func same(t *testing.T, name string, f *hclwrite.File) bool {
	t.Helper()
	fast := Format(f.BuildTokens(nil))
	got := Bytes(f)
	want := f.Bytes()
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: hclfmt and hclwrite differ (fast path %v)\n--- hclfmt\n%s\n--- hclwrite\n%s", name, fast, got, want)
	}
	return fast
}

// Every HCL file of the expected trees, as parsed (comments, heredocs,
// templates, for expressions, nested blocks), and again with the spaces
// between its tokens scrambled, which the layout must put back.
func TestMatchesHCLWriteOnTheGoldenTrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	files, fastOnes := 0, 0
	err := filepath.WalkDir("../../golden", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".tf", ".hcl", ".tfvars":
		default:
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for round := range 2 {
			f, diags := hclwrite.ParseConfig(src, p, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("%s: %s", p, diags.Error())
			}
			if round == 1 {
				for _, tok := range f.BuildTokens(nil) {
					tok.SpacesBefore = rng.IntN(4)
				}
			}
			files++
			if same(t, p, f) {
				fastOnes++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d on the fast path", files, fastOnes)
	if files < 500 || fastOnes < files*9/10 {
		t.Fatalf("compared %d files, %d of them on the fast path: the golden trees are missing or the fast path is rarely taken", files, fastOnes)
	}
}

// Layouts the golden trees do not hold: a heredoc whose closing bracket
// follows it on the same line of tokens, negative numbers starting a
// line, trailing comments to align.
func TestMatchesHCLWriteOnCornerCases(t *testing.T) {
	for _, src := range []string{
		"x = f(<<EOT\nhello\nEOT\n)\ny = 1\n",
		"x = [\n-1,\n- 2,\n3 - -4\n]\n",
		"a = 1 # one\nlong_name = \"two\" # two\nb {\nc = 3 // three\n}\n",
		"locals {\nx = { for k, v in var.m : k => -v... }\ny = [for s in [\"a\"] : upper(s)]\nz = var.list[0].name\n}\n",
		"x = \"${ {a = 1} }\"\ny = \"%{ if true }yes%{ endif }${var.z}\"\n",
	} {
		f, diags := hclwrite.ParseConfig([]byte(src), "case.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%q: %s", src, diags.Error())
		}
		if !same(t, src, f) {
			t.Fatalf("%q left the fast path", src)
		}
	}
}

// An EOF token that is not the last (no builder of scaffold's makes one)
// ends a line where hclwrite ends it: everything after it stays on that line.
func TestMatchesHCLWriteWithAnEOFInside(t *testing.T) {
	f := hclwrite.NewEmptyFile()
	f.Body().SetAttributeRaw("a", hclwrite.Tokens{
		{Type: hclsyntax.TokenNumberLit, Bytes: []byte("1")},
		{Type: hclsyntax.TokenEOF, Bytes: []byte{}}})
	f.Body().SetAttributeRaw("bb", hclwrite.Tokens{{Type: hclsyntax.TokenNumberLit, Bytes: []byte("2")}})
	same(t, "EOF inside", f)
}

// Files built as scaffold builds them, from random values: strings with
// quotes, escapes, template sequences, line breaks and non-ASCII letters,
// numbers of every sign and size, and lists, maps and objects nested
// inside each other, keys included.
func TestMatchesHCLWriteOnBuiltFiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	fast, slow := 0, 0
	for i := range 3000 {
		f := hclwrite.NewEmptyFile()
		body := f.Body()
		if rng.IntN(2) == 0 {
			body.AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("# a comment\n")}})
		}
		fill(rng, body, 0)
		if same(t, "built file", f) {
			fast++
		} else {
			slow++
		}
		if t.Failed() {
			t.Fatalf("file %d", i)
		}
	}
	t.Logf("fast path %d files, hclwrite %d", fast, slow)
	if fast == 0 || slow == 0 {
		t.Fatalf("fast path %d files, hclwrite %d: both must be exercised", fast, slow)
	}
}

func fill(rng *rand.Rand, body *hclwrite.Body, depth int) {
	for range 1 + rng.IntN(6) {
		switch k := rng.IntN(10); {
		case k == 0:
			body.AppendNewline()
		case k == 1 && depth < 2:
			var labels []string
			if rng.IntN(2) == 0 {
				labels = []string{name(rng)}
			}
			fill(rng, body.AppendNewBlock(name(rng), labels).Body(), depth+1)
		case k == 2:
			body.SetAttributeRaw(name(rng), expr(rng, 0))
		default:
			body.SetAttributeValue(name(rng), value(rng, 0))
		}
	}
}

var names = []string{"a", "name", "description", "type", "condition", "error_message", "expect_failures", "x_1", "in", "for"}

func name(rng *rand.Rand) string { return names[rng.IntN(len(names))] }

var words = []string{"", "a", "web-app", `say "hi"`, `back\slash`, "${var.x}", "%{ if x }", "$${y}", "line\nbreak", "tab\there", "crlf\r\n", "Équipe", "日本語", "e\u0301", "👩‍👩‍👧", "trailing ", " ", "#", "//", "a = b"}

func str(rng *rand.Rand) string {
	s := words[rng.IntN(len(words))]
	if rng.IntN(3) == 0 {
		s += words[rng.IntN(len(words))]
	}
	return s
}

func value(rng *rand.Rand, depth int) cty.Value {
	k := rng.IntN(9)
	if depth > 2 {
		k %= 4
	}
	switch k {
	case 0:
		return cty.StringVal(str(rng))
	case 1:
		nums := []string{"0", "1", "-1", "3.5", "-0.25", "1e21", "123456789012345678901234567890", "-7"}
		n, _, _ := big.ParseFloat(nums[rng.IntN(len(nums))], 10, 512, big.ToNearestEven)
		return cty.NumberVal(n)
	case 2:
		return cty.BoolVal(rng.IntN(2) == 0)
	case 3:
		return cty.NullVal(cty.String)
	case 4:
		var vs []cty.Value
		for range rng.IntN(4) {
			vs = append(vs, cty.StringVal(str(rng)))
		}
		if len(vs) == 0 {
			return cty.ListValEmpty(cty.String)
		}
		return cty.ListVal(vs)
	case 5, 6:
		m := map[string]cty.Value{}
		for range rng.IntN(4) {
			m[str(rng)] = value(rng, depth+1)
		}
		if k == 5 {
			return cty.ObjectVal(m)
		}
		if len(m) == 0 {
			return cty.MapValEmpty(cty.String)
		}
		sm := map[string]cty.Value{}
		for key := range m {
			sm[key] = cty.StringVal(str(rng))
		}
		return cty.MapVal(sm)
	default:
		var vs []cty.Value
		for range rng.IntN(4) {
			vs = append(vs, value(rng, depth+1))
		}
		return cty.TupleVal(vs)
	}
}

// expr builds expressions as blueprints/spec does: calls, operators,
// conditionals, indexes and for expressions around traversals and
// literals, the spaces left to the formatter.
func expr(rng *rand.Rand, depth int) hclwrite.Tokens {
	tok := func(ty hclsyntax.TokenType, s string) *hclwrite.Token {
		return &hclwrite.Token{Type: ty, Bytes: []byte(s)}
	}
	leaf := func() hclwrite.Tokens {
		switch rng.IntN(3) {
		case 0:
			return hclwrite.TokensForTraversal(hcl.Traversal{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: name(rng)}})
		case 1:
			return hclwrite.TokensForValue(value(rng, 2))
		}
		return hclwrite.Tokens{tok(hclsyntax.TokenNumberLit, "2")}
	}
	if depth > 2 {
		return leaf()
	}
	sub := func() hclwrite.Tokens { return expr(rng, depth+1) }
	var out hclwrite.Tokens
	switch rng.IntN(8) {
	case 0:
		out = append(out, tok(hclsyntax.TokenIdent, "length"), tok(hclsyntax.TokenOParen, "("))
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenComma, ","))
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenCParen, ")"))
	case 1:
		ops := []struct {
			t hclsyntax.TokenType
			s string
		}{{hclsyntax.TokenAnd, "&&"}, {hclsyntax.TokenOr, "||"}, {hclsyntax.TokenEqualOp, "=="}, {hclsyntax.TokenLessThanEq, "<="}, {hclsyntax.TokenMinus, "-"}, {hclsyntax.TokenStar, "*"}}
		op := ops[rng.IntN(len(ops))]
		out = append(out, sub()...)
		out = append(out, tok(op.t, op.s))
		out = append(out, sub()...)
	case 2:
		out = append(out, tok(hclsyntax.TokenBang, "!"))
		out = append(out, sub()...)
	case 3:
		out = append(out, tok(hclsyntax.TokenMinus, "-"))
		out = append(out, leaf()...)
	case 4:
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenQuestion, "?"))
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenColon, ":"))
		out = append(out, sub()...)
	case 5:
		out = append(out, tok(hclsyntax.TokenOBrack, "["), tok(hclsyntax.TokenIdent, "for"), tok(hclsyntax.TokenIdent, "v"), tok(hclsyntax.TokenIdent, "in"))
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenColon, ":"))
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenCBrack, "]"))
	case 6:
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenOBrack, "["))
		out = append(out, leaf()...)
		out = append(out, tok(hclsyntax.TokenCBrack, "]"))
	default:
		out = append(out, tok(hclsyntax.TokenOParen, "("))
		out = append(out, sub()...)
		out = append(out, tok(hclsyntax.TokenCParen, ")"))
	}
	return out
}

// A name that is not one column a byte leaves the file to hclwrite.
func TestNonASCIIKeysGoToHCLWrite(t *testing.T) {
	f := hclwrite.NewEmptyFile()
	f.Body().SetAttributeValue("tags", cty.MapVal(map[string]cty.Value{"Équipe": cty.StringVal("x"), "b": cty.StringVal("y")}))
	if Format(f.BuildTokens(nil)) {
		t.Fatal("a key with a non-ASCII letter took the fast path")
	}
	if got, want := string(Bytes(f)), "tags = {\n  b      = \"y\"\n  Équipe = \"x\"\n}\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	g := hclwrite.NewEmptyFile()
	g.Body().SetAttributeValue("description", cty.StringVal("Équipe"))
	g.Body().SetAttributeValue("type", cty.StringVal("x"))
	if !Format(g.BuildTokens(nil)) {
		t.Fatal("a non-ASCII value, which no alignment measures, left the fast path")
	}
	if got := string(Bytes(g)); !strings.Contains(got, "type        = \"x\"") {
		t.Fatalf("not aligned: %q", got)
	}
}

// CrossCheck panics when the two layouts differ, and only then.
func TestCrossCheckCatchesADifference(t *testing.T) {
	defer func(old bool) { CrossCheck = old }(CrossCheck)
	CrossCheck = true
	build := func() *hclwrite.File {
		f := hclwrite.NewEmptyFile()
		f.Body().SetAttributeValue("a", cty.StringVal("x"))
		f.Body().SetAttributeValue("long_name", cty.StringVal("y"))
		return f
	}
	if got := string(Bytes(build())); got != "a         = \"x\"\nlong_name = \"y\"\n" {
		t.Fatalf("got %q", got)
	}
	testHookFormatted = func(ts hclwrite.Tokens) { ts[1].SpacesBefore = 1 } // `=` of a, unaligned
	defer func() { testHookFormatted = nil }()
	defer func() {
		if recover() == nil {
			t.Fatal("a layout hclwrite does not give passed the cross-check")
		}
	}()
	Bytes(build())
}
