package prove

import (
	_ "embed"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// GapsFile lists what the emulator cannot do that AWS does.
const GapsFile = "emulator-gaps.hcl"

//go:embed emulator-gaps.hcl
var gapsSource []byte

// Gap is one resource type moto cannot take through apply and destroy as
// AWS would. It is handled in one of three ways:
//   - Misread lists arguments moto does not read back as they were written
//     (it drops them, or adds defaults AWS does not): a re-plan whose every
//     change with a known value is under one of those paths, on resources of
//     this type, is reported as tolerated instead of failing the case. A path
//     is an attribute name, or a nested path with [*] for list elements
//     ("viewer_certificate[*].ssl_support_method");
//   - a Workaround makes explicit, for the emulator, what AWS does by default;
//   - EditLeftOut: resources of the type are applied and destroyed, but
//     the life-cycle pass leaves them (and whatever depends on them) out of
//     its edit, because the emulator cannot update them as AWS does;
//   - CheckedBy: the emulator allows what AWS refuses, so the harness
//     cannot catch it and needs no coping; it names the test that checks
//     the modules for it instead;
//   - otherwise, resources of the type (and whatever depends on them) are
//     planned but left out of apply.
type Gap struct {
	ResourceType string      `hcl:"resource_type,label"`
	EditLeftOut  bool        `hcl:"edit_left_out,optional"`
	CheckedBy    string      `hcl:"checked_by,optional"`
	Moto         string      `hcl:"moto"`    // the moto version it was seen with
	Symptom      string      `hcl:"symptom"` // what happens, in a sentence
	Misread      []string    `hcl:"misread,optional"`
	Workaround   *Workaround `hcl:"workaround,block"`
}

// leftOut reports whether resources of the gap's type are left out of apply.
func (g Gap) leftOut() bool {
	return g.Workaround == nil && len(g.Misread) == 0 && !g.EditLeftOut && g.CheckedBy == ""
}

// Workaround makes explicit, for the emulator, what AWS does by default:
// the harness creates the service-linked role of ServiceLinkedRole in the
// emulator and sets Argument to its ARN, in an override, on every resource
// of the type that leaves Argument unset.
type Workaround struct {
	ServiceLinkedRole string `hcl:"service_linked_role"`
	Argument          string `hcl:"argument"`
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
		Gaps []Gap    `hcl:"gap,block"`
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
		if g.Workaround != nil && len(g.Misread) > 0 {
			return nil, fmt.Errorf("%s: gap %q: give a workaround or misread, not both", name, g.ResourceType)
		}
		if w := g.Workaround; w != nil && (w.ServiceLinkedRole == "" || w.Argument == "") {
			return nil, fmt.Errorf("%s: gap %q: a workaround needs service_linked_role and argument", name, g.ResourceType)
		}
		gaps[g.ResourceType] = g
	}
	return gaps, nil
}
