package awsfacts

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The price table: AWS list prices in USD, On-Demand, before taxes, free
// tiers and discounts, for the things scaffold's modules are billed for.
//
// This machine cannot reach aws.amazon.com nor the AWS Price List API
// (pricing.us-east-1.amazonaws.com does not resolve here), so every price
// below was read on PricesRead from a stored copy of a public page that
// states it, named with the page's own date. A price no page could be
// found for is left out, not guessed, nor carried over from another
// region: Price reports it missing and the estimate says so. Nearly every
// page quotes US East (N. Virginia), so the table is nearly complete for
// us-east-1 only. Other regions have what public extracts of AWS's Price
// List offer files (or reports generated from them) give (us-east-1 lacks
// only the Unsourced keys and DynamoDB storage):
//   - eu-west-1 (Ireland): NAT gateway, ALB LCUs (not its hours), public
//     IPv4, Fargate (x86, ARM), Lambda x86, HTTP API, DynamoDB on-demand
//     and storage, S3, CloudWatch Logs;
//   - us-west-2 (Oregon): NAT gateway, ALB hours, public IPv4, Fargate
//     (x86, ARM), S3, RDS PostgreSQL db.t4g.micro and small, KMS keys,
//     CloudWatch Logs, EC2 t4g.small;
//   - eu-central-1 (Frankfurt): public IPv4, Fargate x86, Lambda x86, S3,
//     KMS keys, CloudWatch Logs, EC2 t4g.small;
//   - eu-west-3 (Paris, where the source material's readers are): NAT
//     gateway, ALB, public IPv4, S3, RDS PostgreSQL db.t4g.micro and gp3,
//     Lambda arm64, HTTP API, CloudWatch Logs, EC2 t4g.small;
//   - ap-northeast-1 (Tokyo): NAT gateway, ALB hours, public IPv4,
//     Fargate x86;
// and no other region: the estimate of a module in another region says
// the table lacks it, and a line whose price a region lacks says so.
// EC2 hours other than those named are us-east-1's (ec2_prices.csv).
// Refresh the table (and PricesRead) within a year: TestPriceTableIsFresh
// fails after that.

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
	srcKMS       = PriceSource{URL: "https://www.factualminds.com/blog/aws-kms-pricing-keys-requests-multi-region/", Dated: "2026-06, its \"KMS pricing breakdown — us-east-1, June 2026\""}
	srcScheduler = PriceSource{URL: "https://cloudburn.io/blog/amazon-eventbridge-pricing", Dated: "2026-03-13, US East (N. Virginia) prices"}
)

// offerFile is one of AWS's Price List offer files (service, version or
// "current", region) whose prices we read from a public extract that
// quotes them, named by via: the code index that holds the extract names
// no repository, so the source given is AWS's own file, dated as the
// extract dates it.
func offerFile(service, version, region, dated, via string) PriceSource {
	return PriceSource{
		URL:   "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/" + service + "/" + version + "/" + region + "/index.json",
		Dated: dated + ", read through " + via,
	}
}

// parisOffer is an offer file of eu-west-3 (Paris), whose prices we read
// from a public cost estimate in French that lists each price with its
// offer file and the file's publicationDate, prices "extraits le
// 2026-10-09".
func parisOffer(service, published string) PriceSource {
	return offerFile(service, "current", "eu-west-3", published, "a public extract of 2026-10-09")
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

// Sources of eu-west-1 (Ireland).
var (
	// A public project's snapshot of eu-west-1 rates, each row with its
	// SKU, usage type, offer file version and publicationDate.
	srcIreland = PriceSource{URL: "https://github.com/henderjm/world-cup-sweepstake/blob/57a6d34883744a028d2b1555e70a692265a47f49/docs/costs/aws-ireland-rates.json", Dated: "2026-10-04, from eu-west-1 offer files published 2026-09-11 to 2026-10-02"}
	irelandEC2 = offerFile("AmazonEC2", "20260925174521", "eu-west-1", "2026-09-25", "a public test fixture that copied its EU-NatGateway-Hours and EU-NatGateway-Bytes rows verbatim on 2026-10-02")
	irelandELB = offerFile("AWSELB", "20260911124544", "eu-west-1", "2026-09-11", "a public test that copies its EU-LCUUsage row as a real row of that version")
	irelandECS = offerFile("AmazonECS", "current", "eu-west-1", "2026-05-01", "a public audit that quotes its EU-Fargate-ARM-vCPU-Hours:perCPU and EU-Fargate-ARM-GB-Hours rows with their SKUs")
)

// Sources of us-west-2 (Oregon).
var (
	// A spend report generated from the AWS Price List API for us-west-2.
	srcOregonSpend = PriceSource{URL: "https://github.com/galahq/gala/blob/c0345279fdf5dbc657eb4cdb86d988e1d11db43c/SPEND.md", Dated: "2026-06-01, generated from the AWS Price List API for us-west-2"}
	// A public cost model whose receipts name each Oregon price list with
	// its version and publicationDate.
	oregonVia = "a public cost model that cites the file's version and publicationDate"
	oregonEC2 = PriceSource{URL: "https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/ec2/USD/current/ec2-ondemand-without-sec-sel/US%20West%20(Oregon)/Linux/index.json", Dated: "2026-09-18, read through " + oregonVia}
	oregonS3  = offerFile("AmazonS3", "20260918174747", "us-west-2", "2026-09-18", oregonVia)
	oregonKMS = offerFile("awskms", "20260911124601", "us-west-2", "2026-09-11", oregonVia)
	oregonVPC = offerFile("AmazonVPC", "20260917190528", "us-west-2", "2026-09-17", oregonVia)
	oregonCW  = offerFile("AmazonCloudWatch", "20260918142158", "us-west-2", "2026-09-18", oregonVia)
	oregonNAT = offerFile("AmazonEC2", "current", "us-west-2", "undated", "a public cost analysis (in Vietnamese) that quotes the Price List API's USW2-NatGateway-Hours and USW2-NatGateway-Bytes")
)

// Sources of eu-central-1 (Frankfurt).
var (
	// A public project's cost page, each price with its eu-central-1
	// offer file's publicationDate.
	srcFrankfurt = PriceSource{URL: "https://github.com/80-brunanburh5283/wikistream-lakehouse/blob/2ac37950e9a691aafde3d0590f2007b119d4ee7a/docs/cost.md", Dated: "2026-09-18, from eu-central-1 offer files published 2026-09-11 to 2026-09-17"}
	// A public note of list prices "Frankfurt, 2026-08-26" read from the
	// Pricing API, and a public research note of 2026-08-12 quoting it.
	frankfurtEC2    = offerFile("AmazonEC2", "current", "eu-central-1", "2026-08-26", "a public list-price note that gives its t4g.small (Linux, shared) row")
	frankfurtVPC    = offerFile("AmazonVPC", "current", "eu-central-1", "2026-08-26", "a public list-price note that gives its EUC1-PublicIPv4:InUseAddress row")
	frankfurtLambda = offerFile("AWSLambda", "current", "eu-central-1", "2026-08-12", "a public research note that quotes its EUC1-Request and EUC1-Lambda-GB-Second (first tier) rows")
	frankfurtECS    = offerFile("AmazonECS", "current", "eu-central-1", "2026-07-07, the rates' effective date", "a public rate-card migration that checked its EUC1-Fargate-vCPU-Hours:perCPU and EUC1-Fargate-GB-Hours rows on 2026-08-05")
)

// tokyoOffer is an offer file of ap-northeast-1 (Tokyo), read through a
// public cost estimate in Japanese that gives each price with its usage
// type, "価格取得日 2026-09-25".
func tokyoOffer(service string) PriceSource {
	return offerFile(service, "current", "ap-northeast-1", "2026-09-25", "a public cost estimate (in Japanese) that quotes the Price List API's APN1 usage types")
}

var (
	tokyoEC2 = tokyoOffer("AmazonEC2")
	tokyoECS = tokyoOffer("AmazonECS")
	tokyoVPC = tokyoOffer("AmazonVPC")
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

	DynamoDBGBMonth         = "dynamodb_gb_month"                         // per GB-month stored (eu-west-1 only)
	KMSKeyMonth             = "kms_key_month"                             // per customer managed key-month
	EventBridgeSchedulerRun = "eventbridge_scheduler_million_invocations" // per million invocations, past the free tier

	// Keys of things scaffold's modules are billed for whose price no page
	// could be found for, in any region: the table holds none of them, and
	// the estimate names them without an amount.
	RedshiftRPUHour             = "redshift_serverless_rpu_hour"   // per RPU-hour
	DynamoDBRCUHour             = "dynamodb_rcu_hour"              // per provisioned read capacity unit-hour
	DynamoDBWCUHour             = "dynamodb_wcu_hour"              // per provisioned write capacity unit-hour
	LambdaProvisionedGBSecond   = "lambda_provisioned_gb_second"   // per GB-second of provisioned concurrency
	SageMakerInstanceHour       = "sagemaker_instance_hour"        // per ML instance-hour (training jobs, endpoints)
	SageMakerServerlessGBSecond = "sagemaker_serverless_gb_second" // per GB-second of Serverless Inference
)

// Unsourced are the keys above no page could be found for, in any region;
// RDSHour of a MySQL class and RedshiftNodeHour are unsourced too.
var Unsourced = []string{RedshiftRPUHour, DynamoDBRCUHour, DynamoDBWCUHour, LambdaProvisionedGBSecond, SageMakerInstanceHour, SageMakerServerlessGBSecond}

// EC2Hour is the key of an EC2 instance type's Linux On-Demand hourly price.
func EC2Hour(instanceType string) string { return "ec2_hour:" + instanceType }

// RDSHour is the key of the Single-AZ hourly price of a DB instance class
// for an engine ("postgres", "mysql").
func RDSHour(engine, class string) string { return "rds_hour:" + engine + ":" + class }

// RedshiftNodeHour is the key of an RA3 node type's On-Demand hourly price.
func RedshiftNodeHour(nodeType string) string { return "redshift_node_hour:" + nodeType }

const (
	usEast1   = "us-east-1"
	usWest2   = "us-west-2"
	ireland   = "eu-west-1"
	frankfurt = "eu-central-1"
	tokyo     = "ap-northeast-1"
	paris     = "eu-west-3"
)

// AnyRegion marks a price that does not depend on the module's region
// (CloudFront bills by where the viewers are).
const AnyRegion = "*"

// prices: key → region → price.
var prices = map[string]map[string]Price{
	NATGatewayHour: {usEast1: {0.045, "NAT gateway-hour", srcNAT}, tokyo: {0.062, "NAT gateway-hour", tokyoEC2}, paris: {0.05, "NAT gateway-hour", parisEC2}, ireland: {0.048, "NAT gateway-hour", irelandEC2}, usWest2: {0.045, "NAT gateway-hour", oregonNAT}},
	NATGatewayGB:   {usEast1: {0.045, "GB processed", srcNAT}, paris: {0.05, "GB processed", parisEC2}, ireland: {0.048, "GB processed", irelandEC2}, usWest2: {0.045, "GB processed", oregonNAT}, tokyo: {0.062, "GB processed", tokyoEC2}},
	PublicIPv4Hour: {usEast1: {0.005, "public IPv4 address-hour", srcNAT}, paris: {0.005, "public IPv4 address-hour", parisVPC}, ireland: {0.005, "public IPv4 address-hour", srcIreland}, usWest2: {0.005, "public IPv4 address-hour", oregonVPC}, tokyo: {0.005, "public IPv4 address-hour", tokyoVPC}, frankfurt: {0.005, "public IPv4 address-hour", frankfurtVPC}},
	ALBHour:        {usEast1: {0.0225, "load balancer-hour", srcALB}, tokyo: {0.0243, "load balancer-hour", srcTokyo}, paris: {0.02646, "load balancer-hour", parisELB}, usWest2: {0.0225, "load balancer-hour", srcOregonSpend}},
	ALBLCUHour:     {usEast1: {0.008, "LCU-hour", srcALB}, paris: {0.0084, "LCU-hour", parisELB}, ireland: {0.008, "LCU-hour", irelandELB}},

	FargateVCPUHourX86: {usEast1: {0.04048, "vCPU-hour", srcFargate}, ireland: {0.04048, "vCPU-hour", srcIreland}, usWest2: {0.04048, "vCPU-hour", srcOregonSpend}, frankfurt: {0.04656, "vCPU-hour", frankfurtECS}, tokyo: {0.05056, "vCPU-hour", tokyoECS}},
	FargateGBHourX86:   {usEast1: {0.004445, "GB-hour", srcFargate}, ireland: {0.004445, "GB-hour", srcIreland}, usWest2: {0.004445, "GB-hour", srcOregonSpend}, frankfurt: {0.00511, "GB-hour", frankfurtECS}, tokyo: {0.00553, "GB-hour", tokyoECS}},
	FargateVCPUHourARM: {usEast1: {0.03238, "vCPU-hour", srcFargate}, ireland: {0.03238, "vCPU-hour", irelandECS}, usWest2: {0.03238, "vCPU-hour", srcOregonSpend}},
	FargateGBHourARM:   {usEast1: {0.00356, "GB-hour", srcFargate}, ireland: {0.00356, "GB-hour", irelandECS}, usWest2: {0.00356, "GB-hour", srcOregonSpend}},

	LambdaMillionRequestsX86: {usEast1: {0.20, "million requests", srcLambdaReq}, ireland: {0.20, "million requests", srcIreland}, frankfurt: {0.20, "million requests", frankfurtLambda}},
	LambdaMillionRequestsARM: {usEast1: {0.20, "million requests", srcLambdaReq}, paris: {0.20, "million requests", parisLambda}},
	LambdaGBSecondX86:        {usEast1: {0.0000166667, "GB-second", srcLambda}, ireland: {0.0000166667, "GB-second", srcIreland}, frankfurt: {0.0000166667, "GB-second", frankfurtLambda}},
	LambdaGBSecondARM:        {usEast1: {0.0000133334, "GB-second", srcLambda}, paris: {0.0000133334, "GB-second", parisLambda}},

	HTTPAPIMillionRequests:  {usEast1: {1.00, "million requests", srcHTTPAPI}, paris: {1.17, "million requests", parisAPIGateway}, ireland: {1.11, "million requests", srcIreland}},
	DynamoDBMillionWriteRUs: {usEast1: {0.625, "million write request units", srcDynamoDB}, ireland: {0.705, "million write request units", srcIreland}},
	DynamoDBMillionReadRUs:  {usEast1: {0.125, "million read request units", srcDynamoDB}, ireland: {0.1415, "million read request units", srcIreland}},
	// The first 25 GB-months a month are free (a free tier, left out).
	DynamoDBGBMonth: {ireland: {0.283, "GB-month", srcIreland}},
	// One key version a month; rotations add versions.
	KMSKeyMonth: {usEast1: {1.00, "key-month", srcKMS}, usWest2: {1.00, "key-month", oregonKMS}, frankfurt: {1.00, "key-month", srcFrankfurt}},
	// The first 14 million invocations a month are free (a free tier, left
	// out).
	EventBridgeSchedulerRun: {usEast1: {1.00, "million invocations", srcScheduler}},

	S3StandardGBMonth: {usEast1: {0.023, "GB-month", srcS3}, paris: {0.024, "GB-month", parisS3}, ireland: {0.023, "GB-month", srcIreland}, usWest2: {0.023, "GB-month", oregonS3}, frankfurt: {0.0245, "GB-month", srcFrankfurt}},
	S3ThousandPUTs:    {usEast1: {0.005, "1,000 PUT/COPY/POST/LIST requests", srcS3}, paris: {0.0053, "1,000 PUT/COPY/POST/LIST requests", parisS3}, ireland: {0.005, "1,000 PUT/COPY/POST/LIST requests", srcIreland}, usWest2: {0.005, "1,000 PUT/COPY/POST/LIST requests", oregonS3}, frankfurt: {0.0054, "1,000 PUT/COPY/POST/LIST requests", srcFrankfurt}},
	// Frankfurt's page gives $0.0043 per 10,000 GETs.
	S3ThousandGETs: {usEast1: {0.0004, "1,000 GET requests", srcS3}, paris: {0.00042, "1,000 GET requests", parisS3}, ireland: {0.0004, "1,000 GET requests", srcIreland}, usWest2: {0.0004, "1,000 GET requests", oregonS3}, frankfurt: {0.00043, "1,000 GET requests", srcFrankfurt}},

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
	CloudWatchLogsGBIngest: {usEast1: {0.50, "GB ingested", srcLogs}, paris: {0.5985, "GB ingested", parisCloudWatch}, ireland: {0.57, "GB ingested", srcIreland}, usWest2: {0.50, "GB ingested", oregonCW}, frankfurt: {0.63, "GB ingested", srcFrankfurt}},

	// The EC2 table (ec2_prices.csv) is us-east-1's; other regions' prices
	// of single types are here.
	EC2Hour("t4g.small"): {paris: {0.0188, "instance-hour", parisEC2}, usWest2: {0.0168, "instance-hour", oregonEC2}, frankfurt: {0.0192, "instance-hour", frankfurtEC2}},

	RDSGP3GBMonth: {usEast1: {0.115, "GB-month", srcRDSGP3}, paris: {0.133, "GB-month", parisRDS}},
	// PostgreSQL only: the page prices PostgreSQL; MySQL's were not found.
	RDSHour("postgres", "db.t4g.micro"):  {usEast1: {0.016, "instance-hour", srcRDS}, paris: {0.018, "instance-hour", parisRDS}, usWest2: {0.016, "instance-hour", srcOregonSpend}},
	RDSHour("postgres", "db.t4g.small"):  {usEast1: {0.032, "instance-hour", srcRDS}, usWest2: {0.032, "instance-hour", srcOregonSpend}},
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

// ec2Price is the us-east-1 On-Demand price per hour of instance type t,
// from ec2_prices.csv. It searches the text for t's line rather than
// building a map of the table's 1,400 lines to read one of them (issue
// 15); TestEC2PriceTable checks that every line parses and is found.
func ec2Price(t string) (usd float64, ok bool) {
	// A type name is one field of one line: anything else (a comma, a line
	// break, a comment's #) could match another line or a part of one.
	if t == "" || strings.ContainsAny(t, ",\n\r") || strings.HasPrefix(t, "#") {
		return 0, false
	}
	i := strings.Index(ec2PricesCSV, "\n"+t+",")
	if i < 0 {
		return 0, false
	}
	line, _, _ := strings.Cut(ec2PricesCSV[i+1:], "\n")
	_, price, _ := strings.Cut(line, ",")
	usd, err := strconv.ParseFloat(price, 64)
	if err != nil {
		panic("awsfacts: ec2_prices.csv: bad line " + line)
	}
	return usd, true
}

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
		usd, ok := ec2Price(t)
		return Price{USD: usd, Unit: "instance-hour", Source: srcKarpenter}, ok
	}
	byRegion := prices[key]
	if p, ok := byRegion[AnyRegion]; ok {
		return p, true
	}
	p, ok := byRegion[region]
	return p, ok
}

// PricedSomewhere reports whether the table has key's price in any
// region: a key it lacks everywhere is Unsourced or a typo.
func PricedSomewhere(key string) bool { return len(prices[key]) > 0 }

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
