package prove

import (
	_ "embed"
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// GapsFile lists what the emulator cannot do that AWS does.
const GapsFile = "emulator-gaps.hcl"

//go:embed emulator-gaps.hcl
var gapsSource []byte

// Gap is one resource type moto cannot take through apply and destroy.
type Gap struct {
	ResourceType string `hcl:"resource_type,label"`
	Moto         string `hcl:"moto"`    // the moto version it was seen with
	Symptom      string `hcl:"symptom"` // what happens, in a sentence
}

// Gaps parses emulator-gaps.hcl.
func Gaps() (map[string]Gap, error) {
	return parseGaps(gapsSource, GapsFile)
}

func parseGaps(src []byte, name string) (map[string]Gap, error) {
	f, diags := hclparse.NewParser().ParseHCL(src, name)
	if diags.HasErrors() {
		return nil, diags
	}
	var doc struct {
		Gaps []Gap   `hcl:"gap,block"`
		Rest hcl.Body `hcl:",remain"`
	}
	if diags := gohcl.DecodeBody(f.Body, nil, &doc); diags.HasErrors() {
		return nil, diags
	}
	if attrs, _ := doc.Rest.JustAttributes(); len(attrs) > 0 {
		return nil, fmt.Errorf("%s: only gap blocks are allowed", name)
	}
	gaps := map[string]Gap{}
	for _, g := range doc.Gaps {
		if _, dup := gaps[g.ResourceType]; dup {
			return nil, fmt.Errorf("%s: gap %q is listed twice", name, g.ResourceType)
		}
		if g.Moto == "" || g.Symptom == "" {
			return nil, fmt.Errorf("%s: gap %q needs moto and symptom", name, g.ResourceType)
		}
		gaps[g.ResourceType] = g
	}
	return gaps, nil
}

// gapTypes lists the gap resource types, sorted.
func gapTypes(gaps map[string]Gap) []string {
	var ts []string
	for t := range gaps {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}
