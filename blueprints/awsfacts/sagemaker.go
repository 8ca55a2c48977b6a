package awsfacts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// SageMaker hosting facts, read on 2026-11-30.

// SageMakerName is the rule of the names of SageMaker models, endpoint
// configurations and endpoints: 1 to 63 letters, digits and hyphens,
// beginning and ending with a letter or digit
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html,
// EndpointName pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; the same for
// ModelName and EndpointConfigName; provider
// internal/service/sagemaker/validate.go, validName).
var SageMakerName = NameRule{
	Kind: "SageMaker model, endpoint configuration or endpoint name", Min: 1, Max: 63,
	Pattern: `^[A-Za-z0-9](-*[A-Za-z0-9])*$`, Chars: "letters, digits and hyphens, beginning and ending with a letter or digit",
	Source: "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpoint.html (EndpointName), API_CreateModel.html (ModelName); provider internal/service/sagemaker/validate.go (validName)",
}

// SageMakerNamePrefix is a prefix the model deployer completes into a
// SageMakerName by appending 12 hex digits of a training job's ID: room
// for those digits is kept within SageMaker's 63 characters.
var SageMakerNamePrefix = NameRule{
	Kind: "SageMaker model or endpoint configuration name prefix (the deployer appends 12 hex digits)", Min: 1, Max: 63 - 12,
	Pattern: `^[A-Za-z0-9][A-Za-z0-9-]*$`, Chars: "letters, digits and hyphens, beginning with a letter or digit",
	Source: SageMakerName.Source,
}

// SageMakerServerlessMemoryMB are the memory sizes a serverless endpoint
// takes, in MB: 1 GB steps from 1024 to 6144 (provider
// internal/service/sagemaker/endpoint_configuration.go,
// serverless_config.memory_size_in_mb IntInSlice; API ProductionVariantServerlessConfig.MemorySizeInMB).
var SageMakerServerlessMemoryMB = []int{1024, 2048, 3072, 4096, 5120, 6144}

// SageMakerServerlessMaxConcurrency bounds a serverless endpoint's
// concurrent invocations: 1 to 200 (provider endpoint_configuration.go,
// serverless_config.max_concurrency IntBetween(1, 200)).
const SageMakerServerlessMaxConcurrency = 200

// SageMakerInstanceTypePattern is the shape of a SageMaker hosting instance
// type, ml.<family>.<size> (API ProductionVariantInstanceType values, e.g.
// ml.m5.large, ml.g5.2xlarge, ml.p4d.24xlarge).
const SageMakerInstanceTypePattern = `^ml\.[a-z][a-z0-9-]*\.(medium|large|xlarge|[0-9]+xlarge)$`

// sageMakerLocalStorageFamilies are the hosting instance families whose
// instances carry local NVMe instance storage: "You can't request a
// KmsKeyId when using an instance type with local storage ... the call to
// CreateEndpointConfig fails"
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html,
// KmsKeyId), the families being those with instance store volumes in
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-store-volumes.html
// that SageMaker hosts on. Those volumes are encrypted by a hardware module
// on the instance instead.
var sageMakerLocalStorageFamilies = []string{
	"c5d", "c6id", "g4dn", "g5", "g6", "g6e", "m5d", "m6id", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "r5d", "r6id", "trn1", "trn1n",
}

// SageMakerLocalStorageFamilies returns the hosting instance families with
// local NVMe storage, on which an endpoint configuration takes no KMS key.
func SageMakerLocalStorageFamilies() []string { return slices.Clone(sageMakerLocalStorageFamilies) }

// SageMakerLocalStorage says whether instance type t (ml.g5.xlarge) has
// local NVMe storage.
func SageMakerLocalStorage(t string) bool {
	parts := strings.Split(t, ".")
	return len(parts) == 3 && slices.Contains(sageMakerLocalStorageFamilies, parts[1])
}

// DeepLearningContainersRegistry is the account that hosts the AWS Deep
// Learning Containers framework images (pytorch-inference and the others)
// in each region: us-east-1 and most older regions share 763104351884,
// opt-in and newer regions each have their own, and SageMaker pulls an image
// only from its own region's registry. Read on 2026-12-01 from the
// SageMaker Python SDK, which builds these image URIs for its users
// (https://github.com/aws/sagemaker-python-sdk,
// sagemaker-core/src/sagemaker/core/image_uri_config/pytorch.json,
// inference 2.6.0 registries; the same accounts as
// https://github.com/aws/deep-learning-containers/blob/master/available_images.md).
var DeepLearningContainersRegistry = map[string]string{
	"af-south-1":     "626614931356",
	"ap-east-1":      "871362719292",
	"ap-east-2":      "975050140332",
	"ap-northeast-1": "763104351884",
	"ap-northeast-2": "763104351884",
	"ap-northeast-3": "364406365360",
	"ap-south-1":     "763104351884",
	"ap-south-2":     "772153158452",
	"ap-southeast-1": "763104351884",
	"ap-southeast-2": "763104351884",
	"ap-southeast-3": "907027046896",
	"ap-southeast-4": "457447274322",
	"ap-southeast-5": "550225433462",
	"ap-southeast-6": "633930458069",
	"ap-southeast-7": "590183813437",
	"ca-central-1":   "763104351884",
	"ca-west-1":      "204538143572",
	"cn-north-1":     "727897471807",
	"cn-northwest-1": "727897471807",
	"eu-central-1":   "763104351884",
	"eu-central-2":   "380420809688",
	"eu-north-1":     "763104351884",
	"eu-south-1":     "692866216735",
	"eu-south-2":     "503227376785",
	"eu-west-1":      "763104351884",
	"eu-west-2":      "763104351884",
	"eu-west-3":      "763104351884",
	"il-central-1":   "780543022126",
	"me-central-1":   "914824155844",
	"me-south-1":     "217643126080",
	"mx-central-1":   "637423239942",
	"sa-east-1":      "763104351884",
	"us-east-1":      "763104351884",
	"us-east-2":      "763104351884",
	"us-gov-east-1":  "446045086412",
	"us-gov-west-1":  "442386744353",
	"us-west-1":      "763104351884",
	"us-west-2":      "763104351884",
}

// ECRImagePattern is an image in a private Amazon ECR registry, the only
// kind SageMaker hosting pulls without a VPC-reachable private registry:
// <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag][@digest]
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html,
// Image; repository names:
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html).
// Its groups are the account, the region and the repository.
const ECRImagePattern = `^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?/([a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$`

// ECRImageInRegion requires the ECR image of answer key to live in the
// region of answer regionKey: SageMaker hosting pulls a model's image
// from an ECR registry of the endpoint's own region (API
// ContainerDefinition.Image; not re-read on 2026-11-30, scaffold's
// reading of the hosting docs).
func ECRImageInRegion(regionKey string) spec.Rule {
	return rules.Custom("be in an ECR registry of the module's region: SageMaker pulls images from its own region only",
		func(v cty.Value, a spec.Answers) error {
			// One pattern for every region (rules.Regexp keeps every
			// pattern it compiles), then the region as text.
			img := v.AsString()
			prefix := rules.Regexp(`^[0-9]{12}\.dkr\.ecr\.`).FindString(img)
			if prefix == "" || !strings.HasPrefix(img[len(prefix):], a.String(regionKey)+".amazonaws") {
				return fmt.Errorf("region is %s", a.String(regionKey))
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Call("can", spec.Call("regex",
				spec.Call("format", spec.Str(`^[0-9]{12}\.dkr\.ecr\.%s\.amazonaws`), spec.Var(regionKey)), spec.Var(key)))
		}).Reading(regionKey)
}

// SageMakerServerlessMemory requires one of SageMakerServerlessMemoryMB.
func SageMakerServerlessMemory() spec.Rule {
	return rules.Custom("be 1024, 2048, 3072, 4096, 5120 or 6144: serverless endpoints take memory in 1 GB steps up to 6 GB",
		func(v cty.Value, _ spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			for _, mb := range SageMakerServerlessMemoryMB {
				if f == float64(mb) {
					return nil
				}
			}
			return rules.ErrRule
		},
		func(key string, _ spec.Answers) spec.Expr {
			var es []spec.Expr
			for _, mb := range SageMakerServerlessMemoryMB {
				es = append(es, spec.Num(float64(mb)))
			}
			return spec.Call("contains", spec.Tuple(es...), spec.Var(key))
		})
}

// SageMakerEndpointInvocationMetrics are the metrics SageMaker publishes in
// the AWS/SageMaker namespace for InvokeEndpoint calls of an endpoint's
// production variant (dimensions EndpointName, VariantName): an alarm on any
// other name watches a metric that never has data, so it never fires
// (https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html,
// "SageMaker AI endpoint invocation metrics", read 2026-11-30; inference
// component metrics left out).
var SageMakerEndpointInvocationMetrics = []string{
	"Invocation4XXErrors", "Invocation5XXErrors", "InvocationModelErrors", "Invocations",
	"InvocationsPerInstance", "ModelLatency", "ModelSetupTime", "OverheadLatency",
}

// SageMakerServerlessInvocationMetrics are those of
// SageMakerEndpointInvocationMetrics a serverless endpoint publishes too;
// "any metric not listed is not published for serverless endpoints"
// (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html,
// "Common endpoint metrics", read 2026-11-30): no InvocationModelErrors.
var SageMakerServerlessInvocationMetrics = []string{
	"Invocation4XXErrors", "Invocation5XXErrors", "Invocations", "ModelLatency", "ModelSetupTime", "OverheadLatency",
}
