package spec

import (
	"bytes"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/internal/hclfmt"
)

// Expr is a Terraform expression built from tokens. Expressions are always
// assembled from parts (traversals, literals rendered from cty values,
// function calls, operators), never by pasting text, so a value cannot break
// the syntax around it.
//
// The builders here leave the spaces between tokens to the formatter of the
// file an expression is written into (hclwrite formats every token of a
// file when its bytes are taken, whatever spacing the tokens had), so a
// nested expression is formatted once, with its file. hclwrite's own
// TokensForFunctionCall, TokensForTuple and TokensForObject format their
// result on every call: a call nested five deep around the Fargate size
// table was formatted five times, 8 MB of a container-service generation.
// An Expr's own Bytes are therefore not canonical text; write it into an
// hclwrite body to get that.
type Expr = hclwrite.Tokens

// Var is the expression var.<name>.
func Var(name string) Expr {
	return hclwrite.TokensForTraversal(hcl.Traversal{
		hcl.TraverseRoot{Name: "var"},
		hcl.TraverseAttr{Name: name},
	})
}

// Lit renders a known cty value as an HCL literal, the tokens
// hclwrite.TokensForValue gives. The literals scaffold writes most (whole
// numbers, strings of printable ASCII, bools and null) are built here
// directly: hclwrite writes every number through math/big's decimal
// conversion, which was a tenth of a container-service generation, and
// every string rune by rune. TestLitIsTokensForValue holds the two paths
// to the same tokens; any other value goes through hclwrite.
func Lit(v cty.Value) Expr {
	if e, ok := simpleLit(v); ok {
		return e
	}
	return hclwrite.TokensForValue(v)
}

// simpleLit is Lit for the values it builds itself; ok is false for any
// other. The tokens of one literal are allocated together, and the bytes
// of quotes and keywords are shared: hclwrite sets a token's spacing when
// it formats a file, but never writes into its bytes.
func simpleLit(v cty.Value) (e Expr, ok bool) {
	if !v.IsKnown() || v.IsMarked() {
		return nil, false
	}
	if v.IsNull() {
		return oneToken(hclsyntax.TokenIdent, nullBytes), true
	}
	switch v.Type() {
	case cty.Bool:
		if v.True() {
			return oneToken(hclsyntax.TokenIdent, trueBytes), true
		}
		return oneToken(hclsyntax.TokenIdent, falseBytes), true
	case cty.Number:
		f := v.AsBigFloat()
		if !f.IsInt() || (f.Sign() == 0 && f.Signbit()) { // hclwrite writes -0 as "-0"
			return nil, false
		}
		i, acc := f.Int64()
		if acc != big.Exact {
			return nil, false
		}
		return oneToken(hclsyntax.TokenNumberLit, strconv.AppendInt(nil, i, 10)), true
	case cty.String:
		s := v.AsString()
		if !needsNoEscape(s) {
			return nil, false
		}
		if s == "" {
			ts := new([2]hclwrite.Token)
			ts[0] = hclwrite.Token{Type: hclsyntax.TokenOQuote, Bytes: quoteBytes}
			ts[1] = hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: quoteBytes}
			return Expr{&ts[0], &ts[1]}, true
		}
		ts := new([3]hclwrite.Token)
		ts[0] = hclwrite.Token{Type: hclsyntax.TokenOQuote, Bytes: quoteBytes}
		ts[1] = hclwrite.Token{Type: hclsyntax.TokenQuotedLit, Bytes: []byte(s)}
		ts[2] = hclwrite.Token{Type: hclsyntax.TokenCQuote, Bytes: quoteBytes}
		return Expr{&ts[0], &ts[1], &ts[2]}, true
	}
	return nil, false
}

// The bytes of the tokens simpleLit shares, never written into.
var (
	quoteBytes = []byte(`"`)
	nullBytes  = []byte("null")
	trueBytes  = []byte("true")
	falseBytes = []byte("false")
)

func oneToken(t hclsyntax.TokenType, b []byte) Expr {
	return Expr{&hclwrite.Token{Type: t, Bytes: b}}
}

// needsNoEscape says whether s is written between quotes as it is: every
// byte printable ASCII, no quote or backslash, and no template introducer
// (${ or %{), which hclwrite doubles.
func needsNoEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return !strings.Contains(s, "${") && !strings.Contains(s, "%{")
}

// Str is the string literal s.
func Str(s string) Expr { return Lit(cty.StringVal(s)) }

// Num is the number literal n.
func Num(n float64) Expr { return Lit(cty.NumberFloatVal(n)) }

// Call is a function call fn(args...).
func Call(fn string, args ...Expr) Expr {
	out := Expr{tok(hclsyntax.TokenIdent, fn), tok(hclsyntax.TokenOParen, "(")}
	out = append(out, join(hclsyntax.TokenComma, ",", args)...)
	return append(out, tok(hclsyntax.TokenCParen, ")"))
}

// Index is the expression e[i].
func Index(e Expr, i Expr) Expr {
	out := append(Expr{}, e...)
	out = append(out, tok(hclsyntax.TokenOBrack, "["))
	out = append(out, i...)
	return append(out, tok(hclsyntax.TokenCBrack, "]"))
}

// Paren wraps e in parentheses.
func Paren(e Expr) Expr {
	out := Expr{tok(hclsyntax.TokenOParen, "(")}
	out = append(out, e...)
	return append(out, tok(hclsyntax.TokenCParen, ")"))
}

// Not is !e.
func Not(e Expr) Expr { return append(Expr{tok(hclsyntax.TokenBang, "!")}, e...) }

// And joins conditions with &&.
func And(es ...Expr) Expr { return join(hclsyntax.TokenAnd, "&&", es) }

// Or joins conditions with ||.
func Or(es ...Expr) Expr { return join(hclsyntax.TokenOr, "||", es) }

// Cmp is the binary comparison a op b, with op one of == != < <= > >=.
func Cmp(a Expr, op string, b Expr) Expr {
	types := map[string]hclsyntax.TokenType{
		"==": hclsyntax.TokenEqualOp, "!=": hclsyntax.TokenNotEqual,
		"<": hclsyntax.TokenLessThan, "<=": hclsyntax.TokenLessThanEq,
		">": hclsyntax.TokenGreaterThan, ">=": hclsyntax.TokenGreaterThanEq,
	}
	t, ok := types[op]
	if !ok {
		panic("blueprints.Cmp: unknown operator " + op)
	}
	out := append(Expr{}, a...)
	out = append(out, tok(t, op))
	return append(out, b...)
}

// Arith is the binary arithmetic a op b, with op one of + - * / %.
func Arith(a Expr, op string, b Expr) Expr {
	types := map[string]hclsyntax.TokenType{
		"+": hclsyntax.TokenPlus, "-": hclsyntax.TokenMinus, "*": hclsyntax.TokenStar,
		"/": hclsyntax.TokenSlash, "%": hclsyntax.TokenPercent,
	}
	t, ok := types[op]
	if !ok {
		panic("blueprints.Arith: unknown operator " + op)
	}
	out := append(Expr{}, a...)
	out = append(out, tok(t, op))
	return append(out, b...)
}

// Cond is the conditional c ? a : b.
func Cond(c, a, b Expr) Expr {
	out := append(Expr{}, c...)
	out = append(out, tok(hclsyntax.TokenQuestion, "?"))
	out = append(out, a...)
	out = append(out, tok(hclsyntax.TokenColon, ":"))
	return append(out, b...)
}

// Tuple is [e1, e2, ...].
func Tuple(es ...Expr) Expr {
	out := Expr{tok(hclsyntax.TokenOBrack, "[")}
	out = append(out, join(hclsyntax.TokenComma, ",", es)...)
	return append(out, tok(hclsyntax.TokenCBrack, "]"))
}

// Attr is one name = value line of an object constructor (Object).
type Attr = hclwrite.ObjectAttrTokens

// Object is the object constructor { name = value ... }, one attribute a
// line. A name that is not an identifier must be a string literal (Str).
func Object(attrs ...Attr) Expr {
	out := Expr{tok(hclsyntax.TokenOBrace, "{")}
	if len(attrs) > 0 {
		out = append(out, tok(hclsyntax.TokenNewline, "\n"))
	}
	for _, a := range attrs {
		out = append(out, a.Name...)
		out = append(out, tok(hclsyntax.TokenEqual, "="))
		out = append(out, a.Value...)
		out = append(out, tok(hclsyntax.TokenNewline, "\n"))
	}
	return append(out, tok(hclsyntax.TokenCBrace, "}"))
}

func join(t hclsyntax.TokenType, op string, es []Expr) Expr {
	var out Expr
	for i, e := range es {
		if i > 0 {
			out = append(out, tok(t, op))
		}
		out = append(out, e...)
	}
	return out
}

func tok(t hclsyntax.TokenType, s string) *hclwrite.Token {
	return &hclwrite.Token{Type: t, Bytes: []byte(s)}
}

// Ident is a bare identifier, such as the variable of a for expression.
func Ident(name string) Expr { return hclwrite.TokensForIdentifier(name) }

// Field is the expression obj.name: an attribute of the object a for
// expression's variable (Ident) names.
func Field(obj, name string) Expr {
	return hclwrite.TokensForTraversal(hcl.Traversal{hcl.TraverseRoot{Name: obj}, hcl.TraverseAttr{Name: name}})
}

// ForList is the for expression [for name in coll : body].
func ForList(name string, coll, body Expr) Expr {
	out := Expr{tok(hclsyntax.TokenOBrack, "["), tok(hclsyntax.TokenIdent, "for"), tok(hclsyntax.TokenIdent, name), tok(hclsyntax.TokenIdent, "in")}
	out = append(out, coll...)
	out = append(out, tok(hclsyntax.TokenColon, ":"))
	out = append(out, body...)
	return append(out, tok(hclsyntax.TokenCBrack, "]"))
}

// Substitute is e with every var.<key> read as the bare identifier name
// (the variable of a for expression), so a condition written for one
// value applies to each item of a list. It panics when e already uses
// name, which would then mean two things.
func Substitute(e Expr, key, name string) Expr {
	var out Expr
	for i := 0; i < len(e); i++ {
		t := e[i]
		if t.Type == hclsyntax.TokenIdent && string(t.Bytes) == name {
			panic("spec.Substitute: the expression already uses " + name)
		}
		if i+2 < len(e) && t.Type == hclsyntax.TokenIdent && string(t.Bytes) == "var" &&
			e[i+1].Type == hclsyntax.TokenDot && e[i+2].Type == hclsyntax.TokenIdent && string(e[i+2].Bytes) == key {
			out = append(out, Ident(name)...)
			i += 2
			continue
		}
		out = append(out, t)
	}
	return out
}

// Text is e as canonical HCL text, spaced as `terraform fmt` spaces it in a
// file. An Expr's own Bytes leave out the spaces (see Expr).
func Text(e Expr) []byte {
	f := hclwrite.NewEmptyFile()
	f.Body().SetAttributeRaw("x", e)
	out := hclfmt.Bytes(f)
	return bytes.TrimSuffix(bytes.TrimPrefix(out, []byte("x = ")), []byte("\n"))
}
