package blueprints

import (
	"errors"
	"strings"
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

// TestHealthCheckPathNamesTheBrokenRule: a path that starts with / but
// holds a character a URL path cannot is refused for that character, not
// for its start; the same rules serve web-app and the container blueprints.
func TestHealthCheckPathNamesTheBrokenRule(t *testing.T) {
	b := Lookup("web-app")
	for v, want := range map[string]string{
		"/a b": "hold only the characters of a URL path", "/he\nalth": "hold only the characters of a URL path",
		"/a?b=1": "hold only the characters of a URL path", `/a"b`: "hold only the characters of a URL path",
		"health": "start with /",
	} {
		given := map[string]spec.Given{"health_check_path": {Value: cty.StringVal(v), Source: spec.FromFlag}}
		_, err := b.Resolve(given, nil, true)
		var ds spec.Diagnostics
		if !errors.As(err, &ds) || len(ds) != 1 || !strings.Contains(ds[0].Rule, want) {
			t.Errorf("health_check_path = %q: got %v, want one refusal saying %q", v, err, want)
		}
	}
}

// TestClassesInCapitalsGetTheLowercaseOne: an RDS class or a SageMaker
// type typed in capitals, or without its ml. prefix, is refused with the
// value to type instead.
func TestClassesInCapitalsGetTheLowercaseOne(t *testing.T) {
	for _, tc := range []struct{ bp, key, value, want string }{
		{"web-app", "db_instance_class", "DB.T4G.micro", `did you mean "db.t4g.micro"?`},
		{"container-migration", "db_instance_class", "db.T4g.micro", `did you mean "db.t4g.micro"?`},
		{"ml-pipeline", "endpoint_instance_type", "ML.m5.large", `did you mean "ml.m5.large"?`},
		{"ml-pipeline", "endpoint_instance_type", "m5.large", `did you mean "ml.m5.large"?`},
	} {
		b := Lookup(tc.bp)
		given := map[string]spec.Given{tc.key: {Value: cty.StringVal(tc.value), Source: spec.FromFlag}}
		if tc.key == "endpoint_instance_type" {
			given["endpoint_kind"] = spec.Given{Value: cty.StringVal("instances"), Source: spec.FromFlag}
		}
		_, err := b.Resolve(given, nil, true)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s = %q: got %v, want %q", tc.bp, tc.key, tc.value, err, tc.want)
		}
	}
}

// TestInferenceImageDefaultIsTheRegionsRegistry: ml-pipeline's default
// inference image was once 763104351884 in every region, an account that
// hosts no Deep Learning Containers in af-south-1, ap-east-1, me-south-1
// and the other opt-in regions, so an endpoint created there from the
// defaults failed to pull. The default must name each region's own
// registry. The spot values are from the DLC project's own region table
// (aws/deep-learning-containers available_images.md), a second source
// beside the SageMaker SDK the table was read from.
func TestInferenceImageDefaultIsTheRegionsRegistry(t *testing.T) {
	b := Lookup("ml-pipeline")
	spot := map[string]string{
		"us-east-1": "763104351884", "eu-west-3": "763104351884", "af-south-1": "626614931356",
		"ap-east-1": "871362719292", "ap-northeast-3": "364406365360", "ap-southeast-3": "907027046896",
		"eu-south-1": "692866216735", "me-south-1": "217643126080", "me-central-1": "914824155844",
	}
	for _, r := range awsfacts.AcceptedRegions() {
		given := map[string]spec.Given{"region": {Value: cty.StringVal(r), Source: spec.FromFlag}}
		res, err := b.Resolve(given, nil, true)
		if err != nil {
			t.Errorf("region %s: %v", r, err)
			continue
		}
		img := res.Answers.String("inference_image")
		account, rest, _ := strings.Cut(img, ".")
		if want := awsfacts.DeepLearningContainersRegistry[r]; want == "" || account != want {
			t.Errorf("region %s: default image %s, want the registry %q of that region", r, img, want)
		}
		if want, ok := spot[r]; ok && account != want {
			t.Errorf("region %s: default image account %s, the DLC table says %s", r, account, want)
		}
		if !strings.HasPrefix(rest, "dkr.ecr."+r+".amazonaws.com/") {
			t.Errorf("region %s: default image %s is not in that region's ECR", r, img)
		}
	}
}
