package awsfacts

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// RegionsAsOf is the date the region table was last checked against its
// sources; a test fails once it is more than a year old, since AWS opens
// regions every year.
const RegionsAsOf = "2026-11-29"

// RegionsSource says where the region table comes from.
//
//   - Codes, names and partitions: the AWS SDK's endpoint data,
//     github.com/aws/aws-sdk-go-v2 v1.48.0 (2026-11-10),
//     internal/endpoints/awsrulesfn/partitions.json (the "-global"
//     pseudo-regions left out).
//   - ProviderKnows: whether hashicorp/aws 5.100.0, which the generated
//     modules require ("~> 5.100", the last 5.x release), accepts the region:
//     it refuses a region missing from its own endpoint data with "invalid AWS
//     Region" before planning anything. Measured on 2026-11-29 by planning a
//     module holding only data "aws_partition" in every region of the table.
//   - ELBLogAccount: the Elastic Load Balancing account that delivers access
//     logs in regions opened before August 2022, from "Enable access logs for
//     your Application Load Balancer", step 2,
//     https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
//     and the provider's internal/service/elb/service_account_data_source.go.
//     Newer regions have none: ELB delivers there as the service principal
//     logdelivery.elasticloadbalancing.amazonaws.com, which is why the
//     provider's data "aws_elb_service_account" fails in them
//     (hashicorp/terraform-provider-aws#29402, #27874).
//   - OptIn: "Specify which AWS Regions your account can use",
//     https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
//     (regions introduced after March 20, 2019 are disabled by default).
//     CloudFront standard logging (legacy) does not deliver to buckets in
//     them: "Choose an Amazon S3 bucket for standard logs",
//     https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
//     and, in as many words, the AWS Solutions page
//     https://docs.aws.amazon.com/solutions/latest/dynamic-image-transformation-for-amazon-cloudfront/opt-in-regions.html
const RegionsSource = "aws-sdk-go-v2 v1.48.0 partitions.json; hashicorp/aws 5.100.0; ELB access-log, account Regions and CloudFront logging documentation"

// Region is one AWS region.
type Region struct {
	Code      string // e.g. "eu-central-2"
	Name      string // e.g. "Europe (Zurich)"
	Partition string // "aws", "aws-cn", "aws-us-gov", "aws-eusc", "aws-iso", ...

	// ELBLogAccount is the account Elastic Load Balancing delivers access
	// logs from in this region, or "" where it delivers as the service
	// principal logdelivery.elasticloadbalancing.amazonaws.com (regions
	// opened since August 2022).
	ELBLogAccount string

	// OptIn: the region is disabled in an account until its owner enables
	// it (every aws-partition region opened since March 2019). CloudFront
	// standard logging (legacy) does not deliver to buckets in these
	// regions.
	OptIn bool

	// ProviderKnows: hashicorp/aws 5.100.0 accepts the region.
	ProviderKnows bool
}

// Regions are the AWS regions, by partition then code.
var Regions = []Region{
	{Code: "af-south-1", Name: "Africa (Cape Town)", Partition: "aws", ELBLogAccount: "098369216593", OptIn: true, ProviderKnows: true},
	{Code: "ap-east-1", Name: "Asia Pacific (Hong Kong)", Partition: "aws", ELBLogAccount: "754344448648", OptIn: true, ProviderKnows: true},
	{Code: "ap-east-2", Name: "Asia Pacific (Taipei)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "ap-northeast-1", Name: "Asia Pacific (Tokyo)", Partition: "aws", ELBLogAccount: "582318560864", ProviderKnows: true},
	{Code: "ap-northeast-2", Name: "Asia Pacific (Seoul)", Partition: "aws", ELBLogAccount: "600734575887", ProviderKnows: true},
	{Code: "ap-northeast-3", Name: "Asia Pacific (Osaka)", Partition: "aws", ELBLogAccount: "383597477331", ProviderKnows: true},
	{Code: "ap-south-1", Name: "Asia Pacific (Mumbai)", Partition: "aws", ELBLogAccount: "718504428378", ProviderKnows: true},
	{Code: "ap-south-2", Name: "Asia Pacific (Hyderabad)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "ap-southeast-1", Name: "Asia Pacific (Singapore)", Partition: "aws", ELBLogAccount: "114774131450", ProviderKnows: true},
	{Code: "ap-southeast-2", Name: "Asia Pacific (Sydney)", Partition: "aws", ELBLogAccount: "783225319266", ProviderKnows: true},
	{Code: "ap-southeast-3", Name: "Asia Pacific (Jakarta)", Partition: "aws", ELBLogAccount: "589379963580", OptIn: true, ProviderKnows: true},
	{Code: "ap-southeast-4", Name: "Asia Pacific (Melbourne)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "ap-southeast-5", Name: "Asia Pacific (Malaysia)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "ap-southeast-6", Name: "Asia Pacific (New Zealand)", Partition: "aws", OptIn: true, ProviderKnows: false},
	{Code: "ap-southeast-7", Name: "Asia Pacific (Thailand)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "ca-central-1", Name: "Canada (Central)", Partition: "aws", ELBLogAccount: "985666609251", ProviderKnows: true},
	{Code: "ca-west-1", Name: "Canada West (Calgary)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "eu-central-1", Name: "Europe (Frankfurt)", Partition: "aws", ELBLogAccount: "054676820928", ProviderKnows: true},
	{Code: "eu-central-2", Name: "Europe (Zurich)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "eu-north-1", Name: "Europe (Stockholm)", Partition: "aws", ELBLogAccount: "897822967062", ProviderKnows: true},
	{Code: "eu-south-1", Name: "Europe (Milan)", Partition: "aws", ELBLogAccount: "635631232127", OptIn: true, ProviderKnows: true},
	{Code: "eu-south-2", Name: "Europe (Spain)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "eu-west-1", Name: "Europe (Ireland)", Partition: "aws", ELBLogAccount: "156460612806", ProviderKnows: true},
	{Code: "eu-west-2", Name: "Europe (London)", Partition: "aws", ELBLogAccount: "652711504416", ProviderKnows: true},
	{Code: "eu-west-3", Name: "Europe (Paris)", Partition: "aws", ELBLogAccount: "009996457667", ProviderKnows: true},
	{Code: "il-central-1", Name: "Israel (Tel Aviv)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "me-central-1", Name: "Middle East (UAE)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "me-south-1", Name: "Middle East (Bahrain)", Partition: "aws", ELBLogAccount: "076674570225", OptIn: true, ProviderKnows: true},
	{Code: "me-west-1", Name: "Middle East (Saudi Arabia)", Partition: "aws", OptIn: true, ProviderKnows: false},
	{Code: "mx-central-1", Name: "Mexico (Central)", Partition: "aws", OptIn: true, ProviderKnows: true},
	{Code: "sa-east-1", Name: "South America (Sao Paulo)", Partition: "aws", ELBLogAccount: "507241528517", ProviderKnows: true},
	{Code: "sa-west-1", Name: "South America (Chile)", Partition: "aws", OptIn: true, ProviderKnows: false},
	{Code: "us-east-1", Name: "US East (N. Virginia)", Partition: "aws", ELBLogAccount: "127311923021", ProviderKnows: true},
	{Code: "us-east-2", Name: "US East (Ohio)", Partition: "aws", ELBLogAccount: "033677994240", ProviderKnows: true},
	{Code: "us-west-1", Name: "US West (N. California)", Partition: "aws", ELBLogAccount: "027434742980", ProviderKnows: true},
	{Code: "us-west-2", Name: "US West (Oregon)", Partition: "aws", ELBLogAccount: "797873946194", ProviderKnows: true},
	{Code: "cn-north-1", Name: "China (Beijing)", Partition: "aws-cn", ELBLogAccount: "638102146993", ProviderKnows: true},
	{Code: "cn-northwest-1", Name: "China (Ningxia)", Partition: "aws-cn", ELBLogAccount: "037604701340", ProviderKnows: true},
	{Code: "us-gov-east-1", Name: "AWS GovCloud (US-East)", Partition: "aws-us-gov", ELBLogAccount: "190560391635", ProviderKnows: true},
	{Code: "us-gov-west-1", Name: "AWS GovCloud (US-West)", Partition: "aws-us-gov", ELBLogAccount: "048591011584", ProviderKnows: true},
	{Code: "eusc-de-east-1", Name: "AWS European Sovereign Cloud (Germany)", Partition: "aws-eusc", ProviderKnows: true},
	{Code: "us-iso-east-1", Name: "US ISO East", Partition: "aws-iso", ProviderKnows: true},
	{Code: "us-iso-west-1", Name: "US ISO West", Partition: "aws-iso", ProviderKnows: true},
	{Code: "us-isob-east-1", Name: "US ISOB East (Ohio)", Partition: "aws-iso-b", ProviderKnows: true},
	{Code: "us-isob-west-1", Name: "US ISOB West", Partition: "aws-iso-b", ProviderKnows: false},
	{Code: "eu-isoe-west-1", Name: "EU ISOE West", Partition: "aws-iso-e", ProviderKnows: true},
	{Code: "us-isof-east-1", Name: "US ISOF East", Partition: "aws-iso-f", ProviderKnows: true},
	{Code: "us-isof-south-1", Name: "US ISOF South", Partition: "aws-iso-f", ProviderKnows: true},
}

// PartitionsSupported are the partitions scaffold generates modules for.
//
// Only "aws". The others are refused, each with its reason
// (partitionRefusals): the modules lean on facts that differ there and that
// neither the emulator nor the tests can prove, so a module generated for
// them would be a guess.
var PartitionsSupported = []string{"aws"}

// partitionRefusals say why scaffold does not generate for a partition.
var partitionRefusals = map[string]string{
	"aws-cn": "China regions need an account of the separate aws-cn partition, where scaffold's modules are not proven: " +
		"CloudFront there needs an ICP licence and IAM server certificates instead of ACM, " +
		"and some service principals are named under amazonaws.com.cn",
	"aws-us-gov": "GovCloud (US) regions need an account of the separate aws-us-gov partition, where scaffold's modules are not proven: " +
		"CloudFront does not exist there, and the other services the modules use have not been checked there",
	"aws-eusc": "the European Sovereign Cloud is a separate partition (amazonaws.eu) whose service list scaffold's modules are not proven against",
}

// isolatedRefusal is the reason for the US and EU isolated partitions.
const isolatedRefusal = "it is an isolated (air-gapped) partition, closed to the public and without CloudFront, whose services scaffold's modules are not proven against"

// LookupRegion returns the region with the given code.
func LookupRegion(code string) (Region, bool) {
	for _, r := range Regions {
		if r.Code == code {
			return r, true
		}
	}
	return Region{}, false
}

// Refusal says why scaffold does not generate a module for r, or "" when
// it does.
func (r Region) Refusal() string {
	switch {
	case !supportedPartition(r.Partition):
		if why, ok := partitionRefusals[r.Partition]; ok {
			return fmt.Sprintf("%s is in the %s partition: %s", r.Code, r.Partition, why)
		}
		return fmt.Sprintf("%s is in the %s partition: %s", r.Code, r.Partition, isolatedRefusal)
	case !r.ProviderKnows:
		return fmt.Sprintf("%s (%s) is newer than hashicorp/aws 5.100, which the module requires and which refuses it as an invalid AWS Region", r.Code, r.Name)
	}
	return ""
}

func supportedPartition(p string) bool {
	for _, s := range PartitionsSupported {
		if s == p {
			return true
		}
	}
	return false
}

// AcceptedRegions lists, sorted, the region codes scaffold generates for.
func AcceptedRegions() []string {
	var out []string
	for _, r := range Regions {
		if r.Refusal() == "" {
			out = append(out, r.Code)
		}
	}
	sort.Strings(out)
	return out
}

// RegionPartition is the partition of an accepted region, "" for any other
// value: what an ARN used in that region must start with (arn:<partition>:).
func RegionPartition(code string) string {
	if r, ok := LookupRegion(code); ok && r.Refusal() == "" {
		return r.Partition
	}
	return ""
}

// KnownRegion is the rule of the region question: a real AWS region that
// scaffold generates for. It replaces a pattern, which accepted regions AWS
// does not have (us-east-9) and could not say why a real one is refused.
func KnownRegion() spec.Rule {
	accepted := AcceptedRegions()
	return rules.Custom("be an AWS region scaffold generates for: "+strings.Join(accepted, ", "),
		func(v cty.Value, _ spec.Answers) error {
			code := v.AsString()
			r, ok := LookupRegion(code)
			if !ok {
				msg := "AWS has no such region"
				if s := spec.Closest(code, accepted); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				return fmt.Errorf("%s", msg)
			}
			if why := r.Refusal(); why != "" {
				return fmt.Errorf("%s", why)
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Call("contains", regionTuple(accepted), spec.Var(key))
		})
}

func regionTuple(codes []string) spec.Expr {
	es := make([]spec.Expr, len(codes))
	for i, c := range codes {
		es[i] = spec.Str(c)
	}
	return spec.Tuple(es...)
}

// partitionExpr is the Terraform expression of the partition of the region
// region names, among the supported partitions ("" for none of them).
func partitionExpr(region spec.Expr) spec.Expr {
	out := spec.Str("")
	for i := len(PartitionsSupported) - 1; i >= 0; i-- {
		p := PartitionsSupported[i]
		var codes []string
		for _, code := range AcceptedRegions() {
			if RegionPartition(code) == p {
				codes = append(codes, code)
			}
		}
		if i == len(PartitionsSupported)-1 {
			out = spec.Str(p) // the last one needs no test: region has its own rule
			continue
		}
		out = spec.Paren(spec.Cond(spec.Call("contains", regionTuple(codes), region), spec.Str(p), out))
	}
	return out
}

// ARNInRegion requires an ARN answer (or "", meaning none) to name a
// resource of service in the partition and region of the region answer:
// arn:<partition>:<service>:<region>:. use says why, e.g. "an Application
// Load Balancer uses only ACM certificates of its own region".
func ARNInRegion(service, use string) spec.Rule {
	return rules.Custom(fmt.Sprintf("be empty or name a resource of the module's partition and region (arn:PARTITION:%s:REGION:…), because %s", service, use),
		func(v cty.Value, a spec.Answers) error {
			s, region := v.AsString(), a.String("region")
			want := fmt.Sprintf("arn:%s:%s:%s:", RegionPartition(region), service, region)
			if s == "" || strings.HasPrefix(s, want) {
				return nil
			}
			parts := strings.SplitN(s, ":", 5)
			if len(parts) == 5 && parts[0] == "arn" {
				return fmt.Errorf("it is in partition %q and region %q; region is %s, so it must start with %s", parts[1], parts[3], region, want)
			}
			return fmt.Errorf("it must start with %s", want)
		},
		func(key string, _ spec.Answers) spec.Expr {
			prefix := spec.Call("format", spec.Str("arn:%s:"+service+":%s:"), partitionExpr(spec.Var("region")), spec.Var("region"))
			return spec.Or(spec.Cmp(spec.Var(key), "==", spec.Str("")), spec.Call("startswith", spec.Var(key), prefix))
		}).Reading("region")
}

// OptInRegions lists, sorted, the accepted regions that are disabled by
// default (Region.OptIn).
func OptInRegions() []string {
	var out []string
	for _, code := range AcceptedRegions() {
		if r, _ := LookupRegion(code); r.OptIn {
			out = append(out, code)
		}
	}
	return out
}
