package spec

import (
	"math"
	"math/big"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// TestLitIsTokensForValue holds Lit's shortcut to hclwrite: for every kind
// of value Lit builds itself, and the neighbours it must hand to hclwrite,
// the tokens (type, bytes and spacing) are hclwrite.TokensForValue's.
func TestLitIsTokensForValue(t *testing.T) {
	huge, _ := new(big.Float).SetPrec(512).SetString("123456789012345678901234567890")
	values := []cty.Value{
		cty.NullVal(cty.String), cty.NullVal(cty.Number), cty.True, cty.False,
		cty.NumberIntVal(0), cty.NumberIntVal(1), cty.NumberIntVal(-1), cty.NumberIntVal(512),
		cty.NumberIntVal(30720), cty.NumberIntVal(math.MaxInt64), cty.NumberIntVal(math.MinInt64),
		cty.NumberFloatVal(0.25), cty.NumberFloatVal(0.1), cty.NumberFloatVal(-2.5), cty.NumberFloatVal(1e21),
		cty.NumberFloatVal(math.Copysign(0, -1)), cty.NumberFloatVal(4096), cty.NumberVal(huge),
		cty.MustParseNumberVal("0.5"), cty.MustParseNumberVal("10000"),
		cty.StringVal(""), cty.StringVal("shop"), cty.StringVal("10.0.0.0/16"), cty.StringVal("a b ~!@#&*()_+-=[]{}|;':,./<>?`"),
		cty.StringVal(`say "hi"`), cty.StringVal(`C:\path`), cty.StringVal("line\nbreak"), cty.StringVal("tab\there"),
		cty.StringVal("cr\r"), cty.StringVal("${var.x}"), cty.StringVal("%{ if x }"), cty.StringVal("$5 and 50%"),
		cty.StringVal("$"), cty.StringVal("%"), cty.StringVal("{"), cty.StringVal("2 × 3 – 1"), cty.StringVal("\x7f"),
		cty.StringVal("\x00"), cty.StringVal("é"),
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)}),
		cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}),
		cty.ObjectVal(map[string]cty.Value{"cpu": cty.NumberIntVal(256), "name": cty.StringVal("api")}),
	}
	for _, v := range values {
		want := hclwrite.TokensForValue(v)
		got := Lit(v)
		if len(got) != len(want) {
			t.Errorf("Lit(%#v): %d tokens %q, want %d %q", v, len(got), got.Bytes(), len(want), want.Bytes())
			continue
		}
		for i := range want {
			if got[i].Type != want[i].Type || string(got[i].Bytes) != string(want[i].Bytes) || got[i].SpacesBefore != want[i].SpacesBefore {
				t.Errorf("Lit(%#v) token %d = %v %q (spaces %d), want %v %q (spaces %d)", v, i,
					got[i].Type, got[i].Bytes, got[i].SpacesBefore, want[i].Type, want[i].Bytes, want[i].SpacesBefore)
			}
		}
	}
	// The shortcut must be taken where it is meant to be: otherwise the
	// test above passes on hclwrite alone and measures nothing.
	for _, v := range []cty.Value{cty.NumberIntVal(512), cty.StringVal("shop"), cty.True, cty.NullVal(cty.String)} {
		if _, ok := simpleLit(v); !ok {
			t.Errorf("simpleLit(%#v) is not taken", v)
		}
	}
	for _, v := range []cty.Value{cty.NumberFloatVal(0.25), cty.NumberFloatVal(math.Copysign(0, -1)), cty.StringVal("${x}"), cty.StringVal("é")} {
		if _, ok := simpleLit(v); ok {
			t.Errorf("simpleLit(%#v) is taken; hclwrite must write it", v)
		}
	}
}
