package awsfacts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// CodeBuildEnvironment is one CodeBuild environment type: the compute types
// it runs on and the curated images built for it. Sources, read
// 2026-11-30: https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-compute-types.html
// (compute types per environment type), .../ec2-compute-images.html and
// .../lambda-compute-images.html (curated images), .../lambda.html#lambda.limitations
// (what Lambda compute lacks); the provider checks each value against the
// SDK's enums only, not their pairing (hashicorp/terraform-provider-aws
// v5.100.0, internal/service/codebuild/project.go: environment.type,
// environment.compute_type), so a wrong pair fails only at CreateProject.
type CodeBuildEnvironment struct {
	Type         string   // environment.type, e.g. LINUX_CONTAINER
	Lambda       bool     // runs on AWS Lambda compute, not EC2
	ComputeTypes []string // environment.compute_type values it accepts
	// ImagePrefix is the repository of its curated images ("aws/codebuild/
	// amazonlinux-x86_64-lambda-standard:"); a curated image of another
	// environment type does not start on this one.
	ImagePrefixes []string
	DefaultImage  string
}

// CodeBuildEnvironments are the Linux environment types scaffold offers
// (GPU, Windows and macOS builds are out of its scope), EC2 first.
var CodeBuildEnvironments = []CodeBuildEnvironment{
	{
		Type:          "LINUX_CONTAINER",
		ComputeTypes:  []string{"BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE", "BUILD_GENERAL1_XLARGE", "BUILD_GENERAL1_2XLARGE"},
		ImagePrefixes: []string{"aws/codebuild/amazonlinux-x86_64-standard:", "aws/codebuild/amazonlinux2-x86_64-standard:", "aws/codebuild/standard:"},
		DefaultImage:  "aws/codebuild/amazonlinux-x86_64-standard:5.0",
	},
	{
		Type:          "ARM_CONTAINER",
		ComputeTypes:  []string{"BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE", "BUILD_GENERAL1_XLARGE", "BUILD_GENERAL1_2XLARGE"},
		ImagePrefixes: []string{"aws/codebuild/amazonlinux-aarch64-standard:", "aws/codebuild/amazonlinux2-aarch64-standard:"},
		DefaultImage:  "aws/codebuild/amazonlinux-aarch64-standard:3.0",
	},
	{
		Type:          "LINUX_LAMBDA_CONTAINER",
		Lambda:        true,
		ComputeTypes:  []string{"BUILD_LAMBDA_1GB", "BUILD_LAMBDA_2GB", "BUILD_LAMBDA_4GB", "BUILD_LAMBDA_8GB", "BUILD_LAMBDA_10GB"},
		ImagePrefixes: []string{"aws/codebuild/amazonlinux-x86_64-lambda-standard:"},
		DefaultImage:  "aws/codebuild/amazonlinux-x86_64-lambda-standard:python3.12",
	},
	{
		Type:          "ARM_LAMBDA_CONTAINER",
		Lambda:        true,
		ComputeTypes:  []string{"BUILD_LAMBDA_1GB", "BUILD_LAMBDA_2GB", "BUILD_LAMBDA_4GB", "BUILD_LAMBDA_8GB", "BUILD_LAMBDA_10GB"},
		ImagePrefixes: []string{"aws/codebuild/amazonlinux-aarch64-lambda-standard:"},
		DefaultImage:  "aws/codebuild/amazonlinux-aarch64-lambda-standard:python3.12",
	},
}

// CodeBuildLambdaMaxTimeoutMin is the longest build Lambda compute runs: a
// Lambda invocation's 15 minutes (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html;
// CodeBuild's limitations of Lambda compute). EC2 builds run 5 to 2160
// minutes (provider internal/service/codebuild/project.go, build_timeout
// IntBetween(5, 2160)).
const CodeBuildLambdaMaxTimeoutMin = 15

// CodeBuildEnvironmentType returns the environment type named t, or false.
func CodeBuildEnvironmentType(t string) (CodeBuildEnvironment, bool) {
	for _, e := range CodeBuildEnvironments {
		if e.Type == t {
			return e, true
		}
	}
	return CodeBuildEnvironment{}, false
}

// lambdaTypes are the Lambda environment types, for Terraform conditions.
func lambdaTypes() []string {
	var out []string
	for _, e := range CodeBuildEnvironments {
		if e.Lambda {
			out = append(out, e.Type)
		}
	}
	return out
}

func strTuple(ss []string) spec.Expr {
	es := make([]spec.Expr, len(ss))
	for i, s := range ss {
		es[i] = spec.Str(s)
	}
	return spec.Tuple(es...)
}

// isLambda is the Terraform expression "var.<envKey> is a Lambda type".
func isLambda(envKey string) spec.Expr {
	return spec.Call("contains", strTuple(lambdaTypes()), spec.Var(envKey))
}

// CodeBuildComputeFits refuses a compute type the environment type (answer
// envKey) does not run on: BUILD_GENERAL1_* on EC2, BUILD_LAMBDA_* on Lambda.
func CodeBuildComputeFits(envKey string) spec.Rule {
	return rules.Custom("be a compute type of the environment type: BUILD_GENERAL1_SMALL to BUILD_GENERAL1_2XLARGE on LINUX_CONTAINER and ARM_CONTAINER, BUILD_LAMBDA_1GB to BUILD_LAMBDA_10GB on LINUX_LAMBDA_CONTAINER and ARM_LAMBDA_CONTAINER",
		func(v cty.Value, a spec.Answers) error {
			e, ok := CodeBuildEnvironmentType(a.String(envKey))
			if !ok || slices.Contains(e.ComputeTypes, v.AsString()) {
				return nil
			}
			return fmt.Errorf("%s is %s, which takes %s", envKey, e.Type, strings.Join(e.ComputeTypes, ", "))
		},
		func(key string, _ spec.Answers) spec.Expr {
			var terms []spec.Expr
			for _, e := range CodeBuildEnvironments {
				terms = append(terms, spec.Paren(spec.And(
					spec.Cmp(spec.Var(envKey), "==", spec.Str(e.Type)),
					spec.Call("contains", strTuple(e.ComputeTypes), spec.Var(key)))))
			}
			return spec.Or(terms...)
		}).Reading(envKey)
}

// codeBuildCurated matches every image CodeBuild curates, of any
// environment type.
const codeBuildCurated = `^aws/codebuild/`

// CodeBuildImageFits refuses a curated CodeBuild image of another
// environment type than answer envKey's (an x86 image on ARM, an EC2 image
// on Lambda): CodeBuild accepts the project and fails every build. Images
// of other registries (your own, in ECR) are the builder's to choose.
func CodeBuildImageFits(envKey string) spec.Rule {
	return rules.Custom("be an image of the environment type when it is one of CodeBuild's (aws/codebuild/...): aws/codebuild/amazonlinux-x86_64-standard or standard on LINUX_CONTAINER, amazonlinux-aarch64-standard on ARM_CONTAINER, amazonlinux-x86_64-lambda-standard on LINUX_LAMBDA_CONTAINER, amazonlinux-aarch64-lambda-standard on ARM_LAMBDA_CONTAINER",
		func(v cty.Value, a spec.Answers) error {
			e, ok := CodeBuildEnvironmentType(a.String(envKey))
			img := v.AsString()
			if !ok || !rules.Regexp(codeBuildCurated).MatchString(img) {
				return nil
			}
			for _, p := range e.ImagePrefixes {
				if strings.HasPrefix(img, p) {
					return nil
				}
			}
			return fmt.Errorf("%s is %s, whose images are %s...", envKey, e.Type, strings.Join(e.ImagePrefixes, "..., "))
		},
		func(key string, _ spec.Answers) spec.Expr {
			terms := []spec.Expr{spec.Not(spec.Call("startswith", spec.Var(key), spec.Str("aws/codebuild/")))}
			for _, e := range CodeBuildEnvironments {
				var starts []spec.Expr
				for _, p := range e.ImagePrefixes {
					starts = append(starts, spec.Call("startswith", spec.Var(key), spec.Str(p)))
				}
				terms = append(terms, spec.Paren(spec.And(
					spec.Cmp(spec.Var(envKey), "==", spec.Str(e.Type)),
					spec.Paren(spec.Or(starts...)))))
			}
			return spec.Or(terms...)
		}).Reading(envKey)
}

// CodeBuildLambdaNoLocalCache refuses the LOCAL cache on Lambda compute,
// which has none ("Lambda compute does not support local caching",
// https://docs.aws.amazon.com/codebuild/latest/userguide/lambda.html#lambda.limitations).
func CodeBuildLambdaNoLocalCache(envKey string) spec.Rule {
	return rules.Custom("not be LOCAL when the build runs on Lambda compute (LINUX_LAMBDA_CONTAINER, ARM_LAMBDA_CONTAINER), which keeps no local cache: use S3",
		func(v cty.Value, a spec.Answers) error {
			if e, ok := CodeBuildEnvironmentType(a.String(envKey)); ok && e.Lambda && v.AsString() == "LOCAL" {
				return fmt.Errorf("%s is %s", envKey, e.Type)
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Not(isLambda(envKey)), spec.Cmp(spec.Var(key), "!=", spec.Str("LOCAL")))
		}).Reading(envKey)
}

// CodeBuildLambdaTimeout refuses a build timeout beyond Lambda's 15
// minutes on Lambda compute.
func CodeBuildLambdaTimeout(envKey string) spec.Rule {
	return rules.Custom(fmt.Sprintf("be at most %d when the build runs on Lambda compute, whose builds end with the Lambda invocation", CodeBuildLambdaMaxTimeoutMin),
		func(v cty.Value, a spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if e, ok := CodeBuildEnvironmentType(a.String(envKey)); ok && e.Lambda && f > CodeBuildLambdaMaxTimeoutMin {
				return fmt.Errorf("%s is %s", envKey, e.Type)
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Not(isLambda(envKey)), spec.Cmp(spec.Var(key), "<=", spec.Num(CodeBuildLambdaMaxTimeoutMin)))
		}).Reading(envKey)
}
