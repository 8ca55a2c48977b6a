package awsfacts

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The price table: AWS list prices in USD, On-Demand, before taxes, free
// tiers and discounts, for the things scaffold's modules are billed for.
//
// This machine cannot reach aws.amazon.com nor the AWS Price List API
// (pricing.us-east-1.amazonaws.com does not resolve here), so every price
// below was read on PricesRead from a stored copy of a public page that
// states it, named with the page's own date. A price no page could be
// found for is left out, not guessed: Price reports it missing and the
// estimate says so. Nearly every page quotes US East (N. Virginia), so the
// table is nearly complete for us-east-1 only; eu-west-3 (Paris, where the
// source material's readers are) has the prices of one extract of AWS's
// Price List offer files (NAT gateway, ALB, public IPv4, S3, RDS
// PostgreSQL db.t4g.micro and gp3, Lambda arm64, HTTP API, CloudWatch
// Logs, EC2 t4g.small), ap-northeast-1 (Tokyo) those of NAT gateway and
// ALB hours, and no other region: the estimate of a module in another
// region says the table lacks it, and a line whose price a region lacks
// says so. Refresh the table (and
// PricesRead) within a year: TestPriceTableIsFresh fails after that.

// PricesRead is the day the table's sources were read.
var PricesRead = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// PriceSource is a public page the table took prices from.
type PriceSource struct {
	URL string
	// Dated is the page's own date, as it gives it ("2026-02-24"), or
	// "undated".
	Dated string
}

// Dating is the page's date in words: "dated 2026-02-24", "undated".
func (s PriceSource) Dating() string {
	if strings.HasPrefix(s.Dated, "undated") {
		return s.Dated
	}
	return "dated " + s.Dated
}

// The sources, one per page.
var (
	srcKarpenter = PriceSource{URL: "https://github.com/aws/karpenter-provider-aws/blob/1d927085dd81a9df9301e613f371dac5b4d16bfe/pkg/providers/pricing/zz_generated.pricing_aws.go", Dated: "2026-07-20, generated from the AWS Price List API"}
	srcNAT       = PriceSource{URL: "https://cloudburn.io/blog/aws-nat-gateway-pricing", Dated: "2026-02-24"}
	srcALB       = PriceSource{URL: "https://cloud-horizons.com/blog/alb-the-line-item-nobody-watches/", Dated: "2026-05-08"}
	srcTokyo     = PriceSource{URL: "https://mint041223techblog.netlify.app/en/blog/ecs-fixed-cost-alb-nat/", Dated: "2024, its \"Tokyo region estimate (2024)\""}
	srcFargate   = PriceSource{URL: "https://www.vantage.sh/blog/fargate-pricing", Dated: "2021-04-22; its x86 prices are also those of wring.co's page of 2026-03-10"}
	srcFargateSp = PriceSource{URL: "https://www.wring.co/blog/aws-fargate-pricing-guide", Dated: "2026-03-10"}
	srcLambda    = PriceSource{URL: "https://cloudchipr.com/blog/aws-lambda-pricing", Dated: "2024"}
	srcLambdaReq = PriceSource{URL: "https://git.mcrn.ar/mariano/lambda_local_runner/src/commit/957e45b8adae23ce50b966346229585b5df18b4d/docs/lambdas-md/lambda-13-cost.md", Dated: "undated"}
	srcHTTPAPI   = PriceSource{URL: "https://amnic.com/blogs/aws-api-gateway-pricing", Dated: "undated, citing the Amazon API Gateway pricing page"}
	srcDynamoDB  = PriceSource{URL: "https://airbyte.com/data-engineering-resources/dynamodb-pricing", Dated: "undated"}
	srcS3        = PriceSource{URL: "https://devnotes.tech/understanding-aws-s3-pricing-a-complete-cost-breakdown-with-examples", Dated: "undated"}
	srcCloudFrt  = PriceSource{URL: "https://aws.amazon.com/cloudfront/pricing/", Dated: "undated, a stored copy of AWS's page"}
	srcKinesis   = PriceSource{URL: "https://www.trek10.com/blog/amazon-kinesis-data-streams-on-demand-vs.-provisioned-billing-mode-cost-comparison", Dated: "2023-09-21"}
	srcGlue      = PriceSource{URL: "https://awsnegotiations.com/glue-job-cost-optimization.html", Dated: "2026-05"}
	srcEFS       = PriceSource{URL: "https://cloudburn.io/blog/amazon-efs-pricing", Dated: "2026-03-03"}
	srcLogs      = PriceSource{URL: "https://go-cloud.io/aws-api-gateway-pricing", Dated: "2026"}
	srcRDS       = PriceSource{URL: "https://infratally.com/articles/aws-rds-pricing-explained-2026.html", Dated: "2026"}
	srcPipeline  = PriceSource{URL: "https://aws.amazon.com/codepipeline/pricing/", Dated: "undated, a stored copy of AWS's page"}
	srcCodeBuild = PriceSource{URL: "https://c3x.dev/resources/aws/aws_codebuild_project/", Dated: "undated"}
	srcRDSGP3    = PriceSource{URL: "https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/", Dated: "2026-06"}
)

// parisOffer is an AWS Price List offer file of eu-west-3 (Paris), whose
// prices we read from a public repository's extract (a cost estimate in
// French that lists each price with its offer file and the file's
// publicationDate, prices "extraits le 2026-10-09"); the code index that
// holds it names no repository, so the source given is AWS's own file.
func parisOffer(service, published string) PriceSource {
	return PriceSource{
		URL:   "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/" + service + "/current/eu-west-3/index.json",
		Dated: published + ", read through a public extract of 2026-10-09",
	}
}

var (
	parisELB        = parisOffer("AWSELB", "2026-09-11")
	parisEC2        = parisOffer("AmazonEC2", "2026-10-08")
	parisVPC        = parisOffer("AmazonVPC", "2026-09-17")
	parisS3         = parisOffer("AmazonS3", "2026-09-28")
	parisRDS        = parisOffer("AmazonRDS", "2026-10-06")
	parisLambda     = parisOffer("AWSLambda", "2026-10-01")
	parisAPIGateway = parisOffer("AmazonApiGateway", "2026-10-02")
	parisCloudWatch = parisOffer("AmazonCloudWatch", "2026-10-07")
)

// Price is one list price: USD for one Unit.
type Price struct {
	USD    float64
	Unit   string // what one unit is: "hour", "GB", "GB-month", "million requests"
	Source PriceSource
}

// Price keys. The name says what is priced and per what; EC2 and RDS
// prices are keyed by instance type and class (EC2Hour, RDSHour).
const (
	NATGatewayHour             = "nat_gateway_hour"               // per NAT gateway-hour
	NATGatewayGB               = "nat_gateway_gb"                 // per GB processed
	PublicIPv4Hour             = "public_ipv4_hour"               // per public IPv4 address-hour (Elastic IP, ALB node)
	ALBHour                    = "alb_hour"                       // per Application Load Balancer-hour
	ALBLCUHour                 = "alb_lcu_hour"                   // per load balancer capacity unit-hour
	FargateVCPUHourX86         = "fargate_vcpu_hour_x86_64"       // per vCPU-hour, Linux/x86
	FargateGBHourX86           = "fargate_gb_hour_x86_64"         // per GB of memory-hour, Linux/x86
	FargateVCPUHourARM         = "fargate_vcpu_hour_arm64"        // per vCPU-hour, Linux/ARM
	FargateGBHourARM           = "fargate_gb_hour_arm64"          // per GB of memory-hour, Linux/ARM
	LambdaMillionRequestsX86   = "lambda_million_requests_x86_64" // per million invocations of x86 functions
	LambdaMillionRequestsARM   = "lambda_million_requests_arm64"  // per million invocations of arm64 functions
	LambdaGBSecondX86          = "lambda_gb_second_x86_64"        // per GB-second of duration, x86, first tier
	LambdaGBSecondARM          = "lambda_gb_second_arm64"         // per GB-second of duration, arm64, first tier
	HTTPAPIMillionRequests     = "http_api_million_requests"      // per million HTTP API requests, first 300 million
	DynamoDBMillionWriteRUs    = "dynamodb_million_write_rus"     // per million on-demand write request units
	DynamoDBMillionReadRUs     = "dynamodb_million_read_rus"      // per million on-demand read request units
	S3StandardGBMonth          = "s3_standard_gb_month"           // per GB-month, S3 Standard, first 50 TB
	S3ThousandPUTs             = "s3_thousand_puts"               // per 1,000 PUT, COPY, POST or LIST requests
	S3ThousandGETs             = "s3_thousand_gets"               // per 1,000 GET requests
	CloudFrontGBOut            = "cloudfront_gb_out"              // per GB to viewers in North America and Europe, first 10 TB
	KinesisOnDemandHour        = "kinesis_on_demand_stream_hour"
	KinesisOnDemandGBIn        = "kinesis_on_demand_gb_in"          // per GB written
	KinesisShardHour           = "kinesis_shard_hour"               // per provisioned shard-hour
	GlueDPUHour                = "glue_dpu_hour"                    // per DPU-hour of a Spark job or crawler
	EFSStandardGBMonth         = "efs_standard_gb_month"            // per GB-month, EFS Standard
	CloudWatchLogsGBIngest     = "cloudwatch_logs_gb_in"            // per GB of log data ingested
	RDSGP3GBMonth              = "rds_gp3_gb_month"                 // per GB-month of gp3 storage, Single-AZ
	CodePipelineV2ActionMinute = "codepipeline_v2_action_minute"    // per action execution minute of a V2 pipeline
	CodePipelineV1ActiveMonth  = "codepipeline_v1_active_month"     // per active V1 pipeline-month
	CodeBuildSmallMinute       = "codebuild_general1_small_minute"  // per build minute, BUILD_GENERAL1_SMALL
	CodeBuildMediumMinute      = "codebuild_general1_medium_minute" // per build minute, BUILD_GENERAL1_MEDIUM
	CodeBuildLargeMinute       = "codebuild_general1_large_minute"  // per build minute, BUILD_GENERAL1_LARGE

	// Keys of things scaffold's modules are billed for whose price no page
	// could be found for: the table holds none of them, and the estimate
	// names them without an amount.
	DynamoDBGBMonth             = "dynamodb_gb_month"                         // per GB-month stored
	KMSKeyMonth                 = "kms_key_month"                             // per customer managed key-month
	RedshiftRPUHour             = "redshift_serverless_rpu_hour"              // per RPU-hour
	EventBridgeSchedulerRun     = "eventbridge_scheduler_million_invocations" // per million invocations
	DynamoDBRCUHour             = "dynamodb_rcu_hour"                         // per provisioned read capacity unit-hour
	DynamoDBWCUHour             = "dynamodb_wcu_hour"                         // per provisioned write capacity unit-hour
	LambdaProvisionedGBSecond   = "lambda_provisioned_gb_second"              // per GB-second of provisioned concurrency
	SageMakerInstanceHour       = "sagemaker_instance_hour"                   // per ML instance-hour (training jobs, endpoints)
	SageMakerServerlessGBSecond = "sagemaker_serverless_gb_second"            // per GB-second of Serverless Inference
)

// Unsourced are the keys above no page could be found for; RDSHour of a
// MySQL class and RedshiftNodeHour are unsourced too.
var Unsourced = []string{DynamoDBGBMonth, KMSKeyMonth, RedshiftRPUHour, EventBridgeSchedulerRun, DynamoDBRCUHour, DynamoDBWCUHour, LambdaProvisionedGBSecond, SageMakerInstanceHour, SageMakerServerlessGBSecond}

// EC2Hour is the key of an EC2 instance type's Linux On-Demand hourly price.
func EC2Hour(instanceType string) string { return "ec2_hour:" + instanceType }

// RDSHour is the key of the Single-AZ hourly price of a DB instance class
// for an engine ("postgres", "mysql").
func RDSHour(engine, class string) string { return "rds_hour:" + engine + ":" + class }

// RedshiftNodeHour is the key of an RA3 node type's On-Demand hourly price.
func RedshiftNodeHour(nodeType string) string { return "redshift_node_hour:" + nodeType }

const (
	usEast1 = "us-east-1"
	tokyo   = "ap-northeast-1"
	paris   = "eu-west-3"
)

// AnyRegion marks a price that does not depend on the module's region
// (CloudFront bills by where the viewers are).
const AnyRegion = "*"

// prices: key → region → price.
var prices = map[string]map[string]Price{
	NATGatewayHour: {usEast1: {0.045, "NAT gateway-hour", srcNAT}, tokyo: {0.062, "NAT gateway-hour", srcTokyo}, paris: {0.05, "NAT gateway-hour", parisEC2}},
	NATGatewayGB:   {usEast1: {0.045, "GB processed", srcNAT}, paris: {0.05, "GB processed", parisEC2}},
	PublicIPv4Hour: {usEast1: {0.005, "public IPv4 address-hour", srcNAT}, paris: {0.005, "public IPv4 address-hour", parisVPC}},
	ALBHour:        {usEast1: {0.0225, "load balancer-hour", srcALB}, tokyo: {0.0243, "load balancer-hour", srcTokyo}, paris: {0.02646, "load balancer-hour", parisELB}},
	ALBLCUHour:     {usEast1: {0.008, "LCU-hour", srcALB}, paris: {0.0084, "LCU-hour", parisELB}},

	FargateVCPUHourX86: {usEast1: {0.04048, "vCPU-hour", srcFargate}},
	FargateGBHourX86:   {usEast1: {0.004445, "GB-hour", srcFargate}},
	FargateVCPUHourARM: {usEast1: {0.03238, "vCPU-hour", srcFargate}},
	FargateGBHourARM:   {usEast1: {0.00356, "GB-hour", srcFargate}},

	LambdaMillionRequestsX86: {usEast1: {0.20, "million requests", srcLambdaReq}},
	LambdaMillionRequestsARM: {usEast1: {0.20, "million requests", srcLambdaReq}, paris: {0.20, "million requests", parisLambda}},
	LambdaGBSecondX86:        {usEast1: {0.0000166667, "GB-second", srcLambda}},
	LambdaGBSecondARM:        {usEast1: {0.0000133334, "GB-second", srcLambda}, paris: {0.0000133334, "GB-second", parisLambda}},

	HTTPAPIMillionRequests:  {usEast1: {1.00, "million requests", srcHTTPAPI}, paris: {1.17, "million requests", parisAPIGateway}},
	DynamoDBMillionWriteRUs: {usEast1: {0.625, "million write request units", srcDynamoDB}},
	DynamoDBMillionReadRUs:  {usEast1: {0.125, "million read request units", srcDynamoDB}},

	S3StandardGBMonth: {usEast1: {0.023, "GB-month", srcS3}, paris: {0.024, "GB-month", parisS3}},
	S3ThousandPUTs:    {usEast1: {0.005, "1,000 PUT/COPY/POST/LIST requests", srcS3}, paris: {0.0053, "1,000 PUT/COPY/POST/LIST requests", parisS3}},
	S3ThousandGETs:    {usEast1: {0.0004, "1,000 GET requests", srcS3}, paris: {0.00042, "1,000 GET requests", parisS3}},

	CloudFrontGBOut: {AnyRegion: {0.085, "GB to viewers in North America or Europe", srcCloudFrt}},

	KinesisOnDemandHour: {usEast1: {0.04, "stream-hour", srcKinesis}},
	KinesisOnDemandGBIn: {usEast1: {0.08, "GB written", srcKinesis}},
	KinesisShardHour:    {usEast1: {0.015, "shard-hour", srcKinesis}},

	// CodePipeline's page gives one price, for every region; CodeBuild's
	// are us-east-1's.
	CodePipelineV2ActionMinute: {AnyRegion: {0.002, "action execution minute", srcPipeline}},
	CodePipelineV1ActiveMonth:  {AnyRegion: {1.00, "active pipeline-month", srcPipeline}},
	CodeBuildSmallMinute:       {usEast1: {0.005, "build minute", srcCodeBuild}},
	CodeBuildMediumMinute:      {usEast1: {0.01, "build minute", srcCodeBuild}},
	CodeBuildLargeMinute:       {usEast1: {0.02, "build minute", srcCodeBuild}},

	GlueDPUHour:            {usEast1: {0.44, "DPU-hour", srcGlue}},
	EFSStandardGBMonth:     {usEast1: {0.30, "GB-month", srcEFS}},
	CloudWatchLogsGBIngest: {usEast1: {0.50, "GB ingested", srcLogs}, paris: {0.5985, "GB ingested", parisCloudWatch}},

	// The EC2 table (ec2_prices.csv) is us-east-1's; other regions' prices
	// of single types are here.
	EC2Hour("t4g.small"): {paris: {0.0188, "instance-hour", parisEC2}},

	RDSGP3GBMonth: {usEast1: {0.115, "GB-month", srcRDSGP3}, paris: {0.133, "GB-month", parisRDS}},
	// PostgreSQL only: the page prices PostgreSQL; MySQL's were not found.
	RDSHour("postgres", "db.t4g.micro"):  {usEast1: {0.016, "instance-hour", srcRDS}, paris: {0.018, "instance-hour", parisRDS}},
	RDSHour("postgres", "db.t4g.small"):  {usEast1: {0.032, "instance-hour", srcRDS}},
	RDSHour("postgres", "db.t4g.medium"): {usEast1: {0.065, "instance-hour", srcRDS}},
}

// Spot savings, as the sources give them: a range off the On-Demand
// price, since Spot prices move with supply.
var (
	// EC2SpotSaving is F21's "Spot instances cut cost by 70–90 %".
	EC2SpotSaving = "70–90 % less than On-Demand (F21)"
	// FargateSpotSaving is wring.co's "Fargate Spot saves up to 70%"
	// (2026-03-10).
	FargateSpotSaving = "up to 70 % less than Fargate On-Demand (" + srcFargateSp.URL + ")"
)

//go:embed ec2_prices.csv
var ec2PricesCSV string

var ec2Prices = sync.OnceValue(func() map[string]float64 {
	out := map[string]float64{}
	for _, line := range strings.Split(ec2PricesCSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, usd, ok := strings.Cut(line, ",")
		f, err := strconv.ParseFloat(usd, 64)
		if !ok || err != nil {
			panic("awsfacts: ec2_prices.csv: bad line " + line)
		}
		out[name] = f
	}
	return out
})

// LookupPrice is the price of key in region, or false when the table
// lacks it (the price, or the region).
func LookupPrice(key, region string) (Price, bool) {
	if t, ok := strings.CutPrefix(key, "ec2_hour:"); ok {
		if p, ok := prices[key][region]; ok {
			return p, true
		}
		if region != usEast1 {
			return Price{}, false
		}
		usd, ok := ec2Prices()[t]
		return Price{USD: usd, Unit: "instance-hour", Source: srcKarpenter}, ok
	}
	byRegion := prices[key]
	if p, ok := byRegion[AnyRegion]; ok {
		return p, true
	}
	p, ok := byRegion[region]
	return p, ok
}

// PriceRegions are the regions the table has any price for.
func PriceRegions() []string {
	var out []string
	for _, byRegion := range prices {
		for r := range byRegion {
			if r != AnyRegion && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	slices.Sort(out)
	return out
}

// PriceSources are the pages the table took prices from, each once.
func PriceSources() []PriceSource {
	out := []PriceSource{srcKarpenter}
	for _, byRegion := range prices {
		for _, p := range byRegion {
			if !slices.Contains(out, p.Source) {
				out = append(out, p.Source)
			}
		}
	}
	out = append(out, srcFargateSp)
	slices.SortFunc(out, func(a, b PriceSource) int { return strings.Compare(a.URL, b.URL) })
	return slices.Compact(out)
}
