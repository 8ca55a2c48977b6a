package blueprints

import (
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
)

// TestMLPrefixesStayApart: a model prefix inside the data prefix would
// have each model start a training job (or the reverse), so nesting is
// refused both ways, in Go and in the Terraform validations; side by side
// passes.
func TestMLPrefixesStayApart(t *testing.T) {
	b := MLPipeline()
	for _, tc := range []struct {
		set     map[string]string
		refused bool
	}{
		{map[string]string{"model_prefix": "incoming/models/"}, true},
		{map[string]string{"data_prefix": "models/new/"}, true},
		{map[string]string{"data_prefix": "ml/data/", "model_prefix": "ml/models/"}, false},
	} {
		r := checkSample(t, b, tc.set)
		if r.goRefused["model_prefix"] != tc.refused || (len(r.tfRefused) > 0) != tc.refused {
			t.Errorf("%v: go refused %v, terraform refused %v, want refused %v", tc.set, r.goRefused, r.tfRefused, tc.refused)
		}
	}
}

// TestMLInferenceImageIsECRInTheRegion: SageMaker pulls from ECR in its
// own region only. The default (a placeholder) is accepted in every region
// scaffold offers, because it follows the region; an image of another
// region, or one outside ECR, is refused in Go and in Terraform alike.
func TestMLInferenceImageIsECRInTheRegion(t *testing.T) {
	b := MLPipeline()
	for _, region := range regionQuestion().ChoiceValues() {
		if r := checkSample(t, b, map[string]string{"region": region}); len(r.goRefused)+len(r.tfRefused) > 0 {
			t.Errorf("region %s with the default image: go refused %v, terraform refused %v", region, r.goRefused, r.tfRefused)
		}
	}
	for img, refused := range map[string]bool{
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1.0":                                 false,
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/team/serve@sha256:" + strings.Repeat("a", 64): false,
		"123456789012.dkr.ecr.eu-west-3.amazonaws.com/my-model:1.0":                                 true,
		"public.ecr.aws/docker/library/python:3.12":                                                 true,
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/My-Model:1.0":                                 true,
	} {
		r := checkSample(t, b, map[string]string{"region": "us-east-1", "inference_image": img})
		if r.goRefused["inference_image"] != refused || r.tfRefused["inference_image"] != refused {
			t.Errorf("inference_image %s: go refused %v, terraform refused %v, want refused %v", img, r.goRefused, r.tfRefused, refused)
		}
	}
}

// TestMLServerlessMemoryIsWholeGigabytes: serverless endpoints take 1024
// to 6144 MB in 1024 steps (the provider's IntInSlice), nothing between.
func TestMLServerlessMemoryIsWholeGigabytes(t *testing.T) {
	b := MLPipeline()
	for v, refused := range map[string]bool{"1024": false, "6144": false, "3072": false, "1536": true, "512": true, "7168": true} {
		r := checkSample(t, b, map[string]string{"serverless_memory_mb": v})
		if r.goRefused["serverless_memory_mb"] != refused || r.tfRefused["serverless_memory_mb"] != refused {
			t.Errorf("serverless_memory_mb = %s: go refused %v, terraform refused %v, want refused %v", v, r.goRefused, r.tfRefused, refused)
		}
	}
}

// TestSageMakerLocalStorage: the instance types whose endpoint
// configurations must not carry a KMS key are those with local NVMe
// instance storage (the d, dn families, g5, g6, p4d, p5, trn1), and no
// other: p3 has none, p3dn has it.
func TestSageMakerLocalStorage(t *testing.T) {
	for typ, want := range map[string]bool{
		"ml.m5.large": false, "ml.m5d.large": true, "ml.c5.xlarge": false, "ml.c5d.xlarge": true,
		"ml.g4dn.xlarge": true, "ml.g5.xlarge": true, "ml.g6.2xlarge": true, "ml.p3.2xlarge": false, "ml.p3dn.24xlarge": true,
		"ml.p4d.24xlarge": true, "ml.inf2.xlarge": false, "ml.c6i.large": false, "ml.t2.medium": false,
	} {
		if got := awsfacts.SageMakerLocalStorage(typ); got != want {
			t.Errorf("SageMakerLocalStorage(%s) = %v, want %v", typ, got, want)
		}
	}
}
