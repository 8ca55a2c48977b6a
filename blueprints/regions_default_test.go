package blueprints

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestEveryRegionTakesTheDefaults: `scaffold new BP --yes --set region=R`
// must work for every blueprint and every region scaffold accepts. A
// default that reads the region (ml-pipeline's inference image, which
// must be in the region's ECR) has to follow it into each of them; it
// once fell back to us-east-1 everywhere, so that --yes failed in any
// other region.
func TestEveryRegionTakesTheDefaults(t *testing.T) {
	for _, b := range All() {
		for _, r := range awsfacts.AcceptedRegions() {
			given := map[string]spec.Given{"region": {Value: cty.StringVal(r), Source: spec.FromFlag}}
			res, err := b.Resolve(given, nil, true)
			if err != nil {
				t.Errorf("%s, region %s: the defaults are refused: %v", b.ID, r, err)
				continue
			}
			if got := res.Answers.String("region"); got != r {
				t.Errorf("%s: region %s resolved as %s", b.ID, r, got)
			}
		}
	}
}
