// Package costs says what a generated module is billed for at its
// answers, and prices it from the table in awsfacts (prices.go): the
// "What it costs" of `scaffold explain` and of the generated README.
package costs

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// HoursPerMonth is the month the fixed items are priced over: 730 hours,
// AWS's own convention (365 × 24 / 12).
const HoursPerMonth = 730

// CostLine is one thing a component is billed for.
type CostLine struct {
	What  string // in words: "NAT gateways (2)"
	Price string // an awsfacts price key (awsfacts.NATGatewayHour, awsfacts.EC2Hour(t))
	// Fixed: billed while the resource exists, used or not. Quantity is
	// then the units a month at the module's answers (hours × count,
	// GB-months), and Basis says how it was counted ("2 × 730 h").
	Fixed    bool
	Quantity float64
	Basis    string
	// Scale multiplies the unit price of a per-use line: e.g. a Fargate
	// task of 0.25 vCPU is 0.25 × the vCPU-hour price per task-hour; the
	// line then reads Per (e.g. "task-hour") instead of the price's unit.
	Scale float64
	Per   string
	Note  string // Spot, and what it saves; free tiers; what is not counted
}

// ComponentCosts maps each component (by its template folder name) to
// what it is billed for at a module's answers; nil lines mean the
// component has no charge of its own (IAM roles, locals, log groups
// priced with the service that writes into them...). A new component
// needs an entry: TestEveryComponentHasACostEntry fails without one.
var ComponentCosts = map[string]func(spec.Answers) []CostLine{
	"base":           nil,
	"checks":         nil, // pre-commit and CI files: no resource
	"state_backend":  nil, // the state bucket is bootstrap/'s, a module of its own that may serve many stacks
	"services":       nil, // routes and names: no resource of its own
	"legacy_app":     nil, // the service's settings; ecs_service prices its tasks
	"ecs_cluster":    nil, // an ECS cluster costs nothing; its Fargate tasks do (ecs_service)
	"batch_schedule": scheduleCosts,
	"redshift_load":  nil, // an EventBridge rule on AWS events (free) and Redshift Data API calls that run on the warehouse
	"kms": func(spec.Answers) []CostLine {
		return []CostLine{{What: "KMS customer managed key", Price: awsfacts.KMSKeyMonth, Fixed: true, Quantity: 1, Basis: "1 key"}}
	},
	"network": func(a spec.Answers) []CostLine {
		n := natGateways(a)
		basis := fmt.Sprintf("%d × %d h", n, HoursPerMonth)
		return []CostLine{
			{What: fmt.Sprintf("NAT gateways (%d)", n), Price: awsfacts.NATGatewayHour, Fixed: true, Quantity: float64(n * HoursPerMonth), Basis: basis,
				Note: "one per zone in prod, one shared in dev"},
			{What: "NAT gateway Elastic IPs", Price: awsfacts.PublicIPv4Hour, Fixed: true, Quantity: float64(n * HoursPerMonth), Basis: basis},
			{What: "data through the NAT gateways", Price: awsfacts.NATGatewayGB},
		}
	},
	"log_bucket":     bucketCosts("access log bucket"),
	"output_bucket":  bucketCosts("output bucket"),
	"landing_bucket": bucketCosts("landing bucket"),
	"curated_bucket": bucketCosts("curated bucket"),
	"alb": func(a spec.Answers) []CostLine {
		zones := int(a.Float("az_count"))
		return []CostLine{
			{What: "Application Load Balancer", Price: awsfacts.ALBHour, Fixed: true, Quantity: HoursPerMonth, Basis: fmt.Sprintf("%d h", HoursPerMonth)},
			{What: fmt.Sprintf("its public IPv4 addresses (%d, one per zone)", zones), Price: awsfacts.PublicIPv4Hour, Fixed: true,
				Quantity: float64(zones * HoursPerMonth), Basis: fmt.Sprintf("%d × %d h", zones, HoursPerMonth)},
			{What: "load balancer capacity units", Price: awsfacts.ALBLCUHour,
				Note: "an LCU-hour is the largest of: 25 new connections/s, 3,000 active connections, 1 GB processed per hour, 1,000 rule evaluations/s"},
		}
	},
	"asg": func(a spec.Answers) []CostLine {
		t := a.String("instance_type")
		n := int(a.Float("asg_desired"))
		return []CostLine{{What: fmt.Sprintf("EC2 instances (%d × %s, On-Demand)", n, t), Price: awsfacts.EC2Hour(t), Fixed: true,
			Quantity: float64(n * HoursPerMonth), Basis: fmt.Sprintf("%d × %d h at the desired capacity", n, HoursPerMonth),
			Note: "Auto Scaling adds instances under load, up to asg_max; EBS root volumes are not counted"}}
	},
	"cloudfront": func(spec.Answers) []CostLine {
		return []CostLine{{What: "CloudFront data out", Price: awsfacts.CloudFrontGBOut, Note: "the first 1 TB a month is free; requests are billed too"}}
	},
	"rds": func(a spec.Answers) []CostLine {
		class, gb, copies := a.String("db_instance_class"), a.Float("db_allocated_storage_gb"), 1
		az := "Single-AZ"
		if a.Bool("db_multi_az") {
			copies, az = 2, "Multi-AZ: a standby doubles instance and storage"
		}
		return []CostLine{
			{What: fmt.Sprintf("RDS %s instance (%s)", map[string]string{"postgres": "PostgreSQL", "mysql": "MySQL"}[a.String("db_engine")], class), Price: awsfacts.RDSHour(a.String("db_engine"), class), Fixed: true,
				Quantity: float64(copies * HoursPerMonth), Basis: fmt.Sprintf("%d × %d h", copies, HoursPerMonth), Note: az},
			{What: "RDS gp3 storage", Price: awsfacts.RDSGP3GBMonth, Fixed: true, Quantity: gb * float64(copies), Basis: fmt.Sprintf("%d × %s GB", copies, num(gb)),
				Note: "storage autoscaling may grow it; backups up to the database's size are free"},
		}
	},
	"ecs_service": fargateServiceCosts,
	"efs": func(spec.Answers) []CostLine {
		return []CostLine{{What: "EFS Standard storage", Price: awsfacts.EFSStandardGBMonth}}
	},
	"glue": func(a spec.Answers) []CostLine {
		dpus := glueDPUs(a.String("glue_worker_type")) * a.Float("glue_workers")
		return []CostLine{
			{What: fmt.Sprintf("Glue job (%s × %s workers)", num(a.Float("glue_workers")), a.String("glue_worker_type")), Price: awsfacts.GlueDPUHour,
				Scale: dpus, Per: "hour of a run", Note: "billed per second, one-minute minimum"},
			{What: "Glue crawler", Price: awsfacts.GlueDPUHour, Note: "ten-minute minimum per crawl"},
		}
	},
	"etl_validator": func(a spec.Answers) []CostLine {
		return lambdaCosts("validator function", "arm64", a.Float("validator_memory_mb"))
	},
	"lambda_api": func(a spec.Answers) []CostLine {
		lines := lambdaCosts("API function", a.String("architecture"), a.Float("memory_mb"))
		if n := a.Float("provisioned_concurrency"); n > 0 {
			gb := a.Float("memory_mb") / 1024
			lines = append(lines, CostLine{What: fmt.Sprintf("provisioned concurrency (%s environments)", num(n)), Price: awsfacts.LambdaProvisionedGBSecond,
				Fixed: true, Quantity: n * gb * HoursPerMonth * 3600, Basis: fmt.Sprintf("%s × %s GB × %d h × 3,600 s", num(n), num(gb), HoursPerMonth),
				Note: "billed while configured, used or not"})
		}
		return lines
	},
	"stream_processor": func(a spec.Answers) []CostLine {
		return lambdaCosts("stream function", a.String("architecture"), a.Float("memory_mb"))
	},
	"http_api": func(spec.Answers) []CostLine {
		return []CostLine{{What: "HTTP API requests", Price: awsfacts.HTTPAPIMillionRequests}}
	},
	"dynamodb_table": func(a spec.Answers) []CostLine {
		if a.String("billing_mode") == "PROVISIONED" {
			return []CostLine{
				{What: fmt.Sprintf("provisioned read capacity (%s RCU)", num(a.Float("read_capacity"))), Price: awsfacts.DynamoDBRCUHour, Fixed: true,
					Quantity: a.Float("read_capacity") * HoursPerMonth, Basis: fmt.Sprintf("%s × %d h", num(a.Float("read_capacity")), HoursPerMonth)},
				{What: fmt.Sprintf("provisioned write capacity (%s WCU)", num(a.Float("write_capacity"))), Price: awsfacts.DynamoDBWCUHour, Fixed: true,
					Quantity: a.Float("write_capacity") * HoursPerMonth, Basis: fmt.Sprintf("%s × %d h", num(a.Float("write_capacity")), HoursPerMonth)},
				{What: "DynamoDB storage", Price: awsfacts.DynamoDBGBMonth},
			}
		}
		return dynamoDBOnDemand()
	},
	"stream_table": func(spec.Answers) []CostLine { return dynamoDBOnDemand() },
	"kinesis_stream": func(a spec.Answers) []CostLine {
		if a.String("stream_mode") == "PROVISIONED" {
			n := a.Float("shard_count")
			return []CostLine{{What: fmt.Sprintf("Kinesis shards (%s)", num(n)), Price: awsfacts.KinesisShardHour, Fixed: true,
				Quantity: n * HoursPerMonth, Basis: fmt.Sprintf("%s × %d h", num(n), HoursPerMonth), Note: "plus PUT payload units"}}
		}
		return []CostLine{
			{What: "Kinesis on-demand stream", Price: awsfacts.KinesisOnDemandHour, Fixed: true, Quantity: HoursPerMonth, Basis: fmt.Sprintf("%d h", HoursPerMonth)},
			{What: "data written to the stream", Price: awsfacts.KinesisOnDemandGBIn, Note: "records rounded up to 1 KB; reads are billed too"},
		}
	},
	"redshift": func(a spec.Answers) []CostLine {
		if a.String("redshift_deployment") == "provisioned" {
			t, n := a.String("redshift_node_type"), a.Float("redshift_node_count")
			return []CostLine{{What: fmt.Sprintf("Redshift RA3 nodes (%s × %s)", num(n), t), Price: awsfacts.RedshiftNodeHour(t), Fixed: true,
				Quantity: n * HoursPerMonth, Basis: fmt.Sprintf("%s × %d h", num(n), HoursPerMonth), Note: "plus managed storage per GB-month; pausing the cluster stops the node-hours"}}
		}
		rpu := a.Float("redshift_base_capacity_rpu")
		return []CostLine{{What: fmt.Sprintf("Redshift Serverless (base %s RPU)", num(rpu)), Price: awsfacts.RedshiftRPUHour, Scale: rpu, Per: "hour of queries at the base capacity",
			Note: "billed per second while queries run, nothing when idle; plus managed storage per GB-month"}}
	},
	"batch": batchCosts,

	// ml-pipeline
	"data_bucket": bucketCosts("data bucket"),
	"training_trigger": func(spec.Answers) []CostLine {
		return lambdaCosts("training trigger function", "arm64", 128)
	},
	"model_deployer": func(a spec.Answers) []CostLine {
		lines := lambdaCosts("model deployer function", "arm64", 128)
		if a.String("endpoint_kind") == "instances" {
			n, t := a.Float("endpoint_instance_count"), a.String("endpoint_instance_type")
			return append(lines, CostLine{What: fmt.Sprintf("SageMaker endpoint instances (%s × %s), once the first model is deployed", num(n), t),
				Price: awsfacts.SageMakerInstanceHour, Fixed: true, Quantity: n * HoursPerMonth, Basis: fmt.Sprintf("%s × %d h", num(n), HoursPerMonth),
				Note: "billed every hour the endpoint exists, busy or not; terraform destroy does not delete it (the README says how)"})
		}
		return append(lines, CostLine{What: fmt.Sprintf("SageMaker Serverless Inference (%s MB)", num(a.Float("serverless_memory_mb"))),
			Price: awsfacts.SageMakerServerlessGBSecond, Note: "billed per millisecond of inference at the memory chosen, and per GB processed; nothing while idle"})
	},
	"pipeline_alarms": nil, // an SNS topic, an EventBridge rule and a few alarms: cents a month, not in the table

	// ci-pipeline
	"artifact_bucket":   bucketCosts("artifact bucket"),
	"source_bucket":     bucketCosts("source bucket"),
	"source_connection": nil, // a CodeConnections connection costs nothing of its own
	"codebuild": func(a spec.Answers) []CostLine {
		price := map[string]string{
			"BUILD_GENERAL1_SMALL": awsfacts.CodeBuildSmallMinute, "BUILD_GENERAL1_MEDIUM": awsfacts.CodeBuildMediumMinute, "BUILD_GENERAL1_LARGE": awsfacts.CodeBuildLargeMinute,
		}[a.String("build_compute_type")]
		line := CostLine{What: fmt.Sprintf("CodeBuild build minutes (%s)", a.String("build_compute_type")), Price: price}
		if price == "" {
			line.Price = awsfacts.CodeBuildSmallMinute
			line.What = fmt.Sprintf("CodeBuild build minutes (%s: the table prices only BUILD_GENERAL1_SMALL, MEDIUM and LARGE; shown: SMALL)", a.String("build_compute_type"))
		}
		return []CostLine{line, {What: "build logs", Price: awsfacts.CloudWatchLogsGBIngest}}
	},
	"integration_tests": func(spec.Answers) []CostLine {
		return lambdaCosts("integration tests function", "arm64", 128)
	},
	"pipeline": func(spec.Answers) []CostLine {
		return []CostLine{{What: "CodePipeline V2 action minutes", Price: awsfacts.CodePipelineV2ActionMinute,
			Note: "every action's running minutes count, the integration tests' wait for the Batch job included"}}
	},
}

func scheduleCosts(spec.Answers) []CostLine {
	return []CostLine{{What: "EventBridge Scheduler invocations", Price: awsfacts.EventBridgeSchedulerRun, Note: "a schedule runs a few times a day: a negligible amount"}}
}

// natGateways is how many NAT gateways templates/network creates: one per
// zone in prod, one shared in dev.
func natGateways(a spec.Answers) int {
	if a.String("environment") == "prod" {
		return int(a.Float("az_count"))
	}
	return 1
}

func bucketCosts(what string) func(spec.Answers) []CostLine {
	return func(spec.Answers) []CostLine {
		return []CostLine{
			{What: what + ": S3 Standard storage", Price: awsfacts.S3StandardGBMonth},
			{What: what + ": PUT, COPY, POST, LIST requests", Price: awsfacts.S3ThousandPUTs},
			{What: what + ": GET requests", Price: awsfacts.S3ThousandGETs},
		}
	}
}

func dynamoDBOnDemand() []CostLine {
	return []CostLine{
		{What: "DynamoDB writes (on demand)", Price: awsfacts.DynamoDBMillionWriteRUs, Note: "one unit writes 1 KB"},
		{What: "DynamoDB reads (on demand)", Price: awsfacts.DynamoDBMillionReadRUs, Note: "one unit reads 4 KB strongly consistent, or 8 KB eventually"},
		{What: "DynamoDB storage", Price: awsfacts.DynamoDBGBMonth},
	}
}

// lambdaCosts prices a function of memoryMB on arch: requests, and
// duration as a price per second of run at that memory.
func lambdaCosts(what, arch string, memoryMB float64) []CostLine {
	key, requests := awsfacts.LambdaGBSecondARM, awsfacts.LambdaMillionRequestsARM
	if arch == "x86_64" {
		key, requests = awsfacts.LambdaGBSecondX86, awsfacts.LambdaMillionRequestsX86
	}
	return []CostLine{
		{What: what + ": invocations", Price: requests},
		{What: fmt.Sprintf("%s: duration (%s MB, %s)", what, num(memoryMB), arch), Price: key, Scale: memoryMB / 1024, Per: "second of run",
			Note: "the free tier of 1 million requests and 400,000 GB-seconds a month is not deducted"},
		{What: what + ": logs", Price: awsfacts.CloudWatchLogsGBIngest},
	}
}

// fargateServiceCosts prices the desired tasks of every service, running
// all month.
func fargateServiceCosts(a spec.Answers) []CostLine {
	vcpu, gb := awsfacts.FargateVCPUHourARM, awsfacts.FargateGBHourARM
	if a.String("cpu_architecture") == "x86_64" {
		vcpu, gb = awsfacts.FargateVCPUHourX86, awsfacts.FargateGBHourX86
	}
	var lines []CostLine
	for _, s := range ecsServices(a) {
		hours := s.tasks * HoursPerMonth
		basis := fmt.Sprintf("%s × %d h × %s", num(s.tasks), HoursPerMonth, "%s")
		lines = append(lines,
			CostLine{What: fmt.Sprintf("Fargate vCPU, service %s (%s tasks of %s vCPU)", s.name, num(s.tasks), num(s.vcpu)), Price: vcpu, Fixed: true,
				Quantity: hours * s.vcpu, Basis: fmt.Sprintf(basis, num(s.vcpu)+" vCPU"), Note: "at the desired count; scaling moves it between min_tasks and max_tasks"},
			CostLine{What: fmt.Sprintf("Fargate memory, service %s (%s tasks of %s GB)", s.name, num(s.tasks), num(s.gb)), Price: gb, Fixed: true,
				Quantity: hours * s.gb, Basis: fmt.Sprintf(basis, num(s.gb)+" GB")})
	}
	return append(lines, CostLine{What: "container logs", Price: awsfacts.CloudWatchLogsGBIngest})
}

type ecsService struct {
	name            string
	vcpu, gb, tasks float64
}

// ecsServices are the services ecs_service runs: the items of services
// with their per-item answers (container-service), or the one "app"
// whose answers are the module's own (container-migration).
func ecsServices(a spec.Answers) []ecsService {
	names := a.List("services")
	key := func(item, k string) string { return spec.ItemKey(item, k) }
	if len(names) == 0 {
		names = []string{"app"}
		key = func(_, k string) string { return k }
	}
	out := make([]ecsService, len(names))
	for i, n := range names {
		out[i] = ecsService{name: n, vcpu: a.Float(key(n, "cpu")) / 1024, gb: a.Float(key(n, "memory")) / 1024, tasks: a.Float(key(n, "desired_tasks"))}
	}
	return out
}

// batchCosts prices one job-hour at the job's size on Fargate, or says
// what EC2 bills; Spot's saving where the compute is Spot.
func batchCosts(a spec.Answers) []CostLine {
	compute := a.String("compute")
	logs := CostLine{What: "job logs", Price: awsfacts.CloudWatchLogsGBIngest}
	if strings.HasPrefix(compute, "ec2") {
		spot := ""
		if compute == "ec2_spot" {
			spot = "Spot: " + awsfacts.EC2SpotSaving
		}
		lines := []CostLine{{What: "EC2 instances Batch starts (" + a.String("instance_types") + ")",
			Note: fmt.Sprintf("per instance-hour of the types Batch picks, only while jobs run, none when the queue is empty; each with a %s GiB gp3 root volume (instance_volume_gib), billed per GiB-month while it exists", num(a.Float("instance_volume_gib")))}}
		if spot != "" {
			lines[0].Note += "; " + spot
		}
		// An exact type has one price (a family, or Batch's own choice, many).
		for _, t := range strings.Split(a.String("instance_types"), ",") {
			if strings.Contains(t, ".") {
				lines = append(lines, CostLine{What: "EC2 " + t + " On-Demand", Price: awsfacts.EC2Hour(t), Note: spot})
			}
		}
		return append(lines, logs)
	}
	vcpus, gb := a.Float("vcpus"), a.Float("job_memory_mb")/1024
	var note string
	if compute == "fargate_spot" {
		note = "at the On-Demand price; Fargate Spot: " + awsfacts.FargateSpotSaving
	}
	return []CostLine{
		{What: fmt.Sprintf("Fargate vCPU (%s a job)", num(vcpus)), Price: awsfacts.FargateVCPUHourX86, Scale: vcpus, Per: "job-hour", Note: note},
		{What: fmt.Sprintf("Fargate memory (%s GB a job)", num(gb)), Price: awsfacts.FargateGBHourX86, Scale: gb, Per: "job-hour", Note: note},
		logs,
	}
}

// glueDPUs is the DPUs of one worker of a Glue worker type (G.2X: 2).
func glueDPUs(workerType string) float64 {
	var n float64
	if _, err := fmt.Sscanf(workerType, "G.%gX", &n); err != nil {
		return math.NaN()
	}
	return n
}

// num prints a quantity without trailing zeros: 2, 0.25, 1.5.
func num(f float64) string { return fmt.Sprintf("%g", f) }

// PricedLine is a CostLine with its price looked up.
type PricedLine struct {
	CostLine
	Component string
	Price     awsfacts.Price
	Priced    bool    // the table has the price in the region
	Monthly   float64 // Fixed and Priced: Quantity × price, USD
}

// UnitPrice is the price of the line's own unit: Scale × price per Per,
// or the table's price per its unit.
func (l PricedLine) UnitPrice() (usd float64, unit string) {
	if l.Scale != 0 {
		return l.Scale * l.Price.USD, l.Per
	}
	return l.Price.USD, l.Price.Unit
}

// Estimate is what a module costs at its answers, from the price table.
type Estimate struct {
	Region string
	Fixed  []PricedLine // billed while the module exists
	PerUse []PricedLine // billed as it is used
	// FixedMonthly is the sum of the priced fixed lines as they are
	// shown (rounded to the cent from $1 up), so that the lines a reader
	// adds up give the total printed, USD a month;
	// FixedUnpriced counts the fixed lines the table lacks a price for,
	// which the sum leaves out.
	FixedMonthly  float64
	FixedUnpriced int
}

// Of prices the components a module of b holds at answers a.
func Of(b *spec.Blueprint, a spec.Answers) Estimate {
	e := Estimate{Region: a.String("region")}
	if b.Components == nil {
		return e
	}
	for _, c := range b.Components(a) {
		cost := ComponentCosts[c.Name]
		if cost == nil {
			continue
		}
		for _, l := range cost(a) {
			p, ok := awsfacts.LookupPrice(l.Price, e.Region)
			pl := PricedLine{CostLine: l, Component: c.Name, Price: p, Priced: ok}
			if !l.Fixed {
				e.PerUse = append(e.PerUse, pl)
				continue
			}
			if ok {
				pl.Monthly = l.Quantity * p.USD
				e.FixedMonthly += shown(pl.Monthly)
			} else {
				e.FixedUnpriced++
			}
			e.Fixed = append(e.Fixed, pl)
		}
	}
	return e
}

// Label says what the figures are: an estimate, the table's date and
// where its prices come from, the region.
func (e Estimate) Label() string {
	return fmt.Sprintf("estimate, AWS list prices as read %s from the pages named under each estimate, region %s",
		awsfacts.PricesRead.Format("2006-01-02"), e.Region)
}

// RegionNote says, when the table lacks the module's region, that it does
// and which regions it has, and when it has only some of the region's
// prices, that; empty for us-east-1, the one region it covers.
func (e Estimate) RegionNote() string {
	if e.Region == "us-east-1" {
		return ""
	}
	if slices.Contains(awsfacts.PriceRegions(), e.Region) {
		return fmt.Sprintf("The price table has only some of %s's prices (its sources mostly quote us-east-1): a line without an amount is one it lacks.", e.Region)
	}
	return fmt.Sprintf("The price table has no prices for %s (it has %s): the lines below name what is billed, without amounts.",
		e.Region, strings.Join(awsfacts.PriceRegions(), ", "))
}

// usd prints a dollar amount: cents for amounts of a dollar or more, the
// significant digits of a smaller unit price ($0.0000166667).
func usd(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if f >= 1 || len(s) < len("0.00") || (strings.Contains(s, ".") && len(s)-strings.Index(s, ".") < 3) {
		s = strconv.FormatFloat(f, 'f', 2, 64)
	}
	return "$" + s
}

// shown is f as usd prints it.
func shown(f float64) float64 {
	v, err := strconv.ParseFloat(strings.TrimPrefix(usd(f), "$"), 64)
	if err != nil {
		return f
	}
	return v
}

// Line is one line of the estimate in words, without a list marker.
func (l PricedLine) Line() string {
	var s string
	switch {
	case l.CostLine.Price == "":
		s = l.What
	case !l.Priced:
		s = l.What + ": price not in the table"
		if l.Fixed {
			s = fmt.Sprintf("%s: %s, price not in the table", l.What, l.Basis)
		}
	case l.Fixed:
		s = fmt.Sprintf("%s: %s × %s per %s = %s a month", l.What, l.Basis, usd(l.Price.USD), l.Price.Unit, usd(l.Monthly))
	case l.Scale != 0:
		p, per := l.UnitPrice()
		s = fmt.Sprintf("%s: %s per %s (%s × %s per %s)", l.What, usd(p), per, num(l.Scale), usd(l.Price.USD), l.Price.Unit)
	default:
		s = fmt.Sprintf("%s: %s per %s", l.What, usd(l.Price.USD), l.Price.Unit)
	}
	if l.Note != "" {
		s += " (" + l.Note + ")"
	}
	return s
}

// Summary is the estimate's fixed monthly total in a sentence.
func (e Estimate) Summary() string {
	if len(e.Fixed) > 0 && e.FixedUnpriced == len(e.Fixed) {
		return fmt.Sprintf("Fixed: no amount; the table has no price in %s for what is billed while the module exists (%d item(s) below).", e.Region, len(e.Fixed))
	}
	s := fmt.Sprintf("Fixed: about %s a month, running all month (%d h)", usd(e.FixedMonthly), HoursPerMonth)
	if e.FixedUnpriced > 0 {
		s += fmt.Sprintf(", plus %d fixed item(s) the table has no price for", e.FixedUnpriced)
	}
	return s + ", before the per-use charges below."
}

// Sources are the pages the estimate's prices come from, each once.
func (e Estimate) Sources() []awsfacts.PriceSource {
	var out []awsfacts.PriceSource
	for _, l := range append(slices.Clone(e.Fixed), e.PerUse...) {
		if l.Priced && !slices.Contains(out, l.Price.Source) {
			out = append(out, l.Price.Source)
		}
	}
	slices.SortFunc(out, func(a, b awsfacts.PriceSource) int { return strings.Compare(a.URL, b.URL) })
	return out
}

// Text is the estimate as `scaffold explain` prints it, each line
// starting with indent.
func (e Estimate) Text(indent string, wrap func(text, prefix string) string) string {
	var b strings.Builder
	say := func(s, prefix string) { b.WriteString(wrap(s, indent+prefix) + "\n") }
	say("("+e.Label()+")", "")
	if n := e.RegionNote(); n != "" {
		say(n, "")
	}
	say(e.Summary(), "")
	b.WriteString(indent + "Billed while the module exists\n")
	for _, l := range e.Fixed {
		say(l.Line(), "  - ")
	}
	b.WriteString(indent + "Billed as it is used\n")
	for _, l := range e.PerUse {
		say(l.Line(), "  - ")
	}
	if len(e.Sources()) > 0 {
		b.WriteString(indent + "Prices from\n")
	}
	for _, s := range e.Sources() {
		say(s.URL+" ("+s.Dating()+")", "  - ")
	}
	return b.String()
}

// Markdown is the estimate as the generated README shows it.
func (e Estimate) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "_%s%s._\n\n", strings.ToUpper(e.Label()[:1]), e.Label()[1:])
	if n := e.RegionNote(); n != "" {
		b.WriteString(n + "\n\n")
	}
	b.WriteString(e.Summary() + "\n\n")
	b.WriteString("Billed while the module exists:\n\n")
	for _, l := range e.Fixed {
		b.WriteString("- " + l.Line() + "\n")
	}
	b.WriteString("\nBilled as it is used:\n\n")
	for _, l := range e.PerUse {
		b.WriteString("- " + l.Line() + "\n")
	}
	if len(e.Sources()) > 0 {
		b.WriteString("\nPrices from:\n\n")
	}
	for _, s := range e.Sources() {
		fmt.Fprintf(&b, "- <%s> (%s)\n", s.URL, s.Dating())
	}
	return b.String()
}
