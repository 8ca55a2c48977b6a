// Package listtext is how a list answer is typed as one line of text, at a
// `--set` flag and at a wizard prompt alike: items separated by commas,
// each trimmed ("api, web" is ["api", "web"]); an empty line or `[]` is
// the empty list; and, for items that hold a comma or are empty, the list
// written as in an answers file, `["a,b", "c"]`. Format writes the text
// Parse reads back to the same items, so a value shown as a default or as
// a `--set` line can be typed again as it is.
package listtext

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Empty is how the empty list is typed where an empty line would take a
// default (a wizard prompt).
const Empty = "[]"

// Parse reads a typed list. Items are kept as typed, empty ones too ("a,,b"
// has an empty second item), so a slip is refused by the question's rules
// rather than silently dropped.
func Parse(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return []string{}, nil
	}
	if strings.HasPrefix(s, "[") {
		return parseLiteral(s)
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts, nil
}

// parseLiteral reads a list written as in an answers file: ["a", "b"].
func parseLiteral(s string) ([]string, error) {
	bad := fmt.Errorf("%s is not a list of strings; write the items separated by commas (a, b), or as [\"a\", \"b\"]", s)
	expr, diags := hclsyntax.ParseExpression([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, bad
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType()) {
		return nil, bad
	}
	if v.LengthInt() == 0 {
		return []string{}, nil
	}
	list, err := convert.Convert(v, cty.List(cty.String))
	if err != nil {
		return nil, bad
	}
	out := make([]string, 0, list.LengthInt())
	for it := list.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() {
			return nil, bad
		}
		out = append(out, e.AsString())
	}
	return out, nil
}

// Format writes items as Parse reads them: "a,b" when that reads back to
// the same items, `[]` for none, else the answers-file form ["a,b", ""].
func Format(items []string) string {
	if len(items) == 0 {
		return Empty
	}
	plain := true
	for _, it := range items {
		if it == "" || it != strings.TrimSpace(it) || strings.Contains(it, ",") {
			plain = false
		}
	}
	if plain && !strings.HasPrefix(items[0], "[") {
		return strings.Join(items, ",")
	}
	vals := make([]cty.Value, len(items))
	for i, it := range items {
		vals[i] = cty.StringVal(it)
	}
	return string(hclwrite.TokensForValue(cty.ListVal(vals)).Bytes())
}
