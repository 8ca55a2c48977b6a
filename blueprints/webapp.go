package blueprints

import (
	"cmp"
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("web-app", WebApp) }

// maxInstances is the most the three asg_ questions take: AWS caps a group
// only by the account's EC2 quotas; 100 is scaffold's ceiling on a runaway
// scaling policy's bill.
const maxInstances = 100

// WebApp is P1, the traditional web application:
// Internet → CloudFront → ALB → Auto Scaling Group (EC2) → RDS.
func WebApp() *spec.Blueprint {
	hasDB := func(a spec.Answers) bool { return a.String("db_engine") != "none" }
	const dbWhen = "db_engine is not none"
	return &spec.Blueprint{
		ID:    "web-app",
		Title: "Traditional web application",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "users", Label: "Users"},
				{ID: "cloudfront", Label: "CloudFront", Component: "cloudfront"},
				{ID: "alb", Label: "ALB", Component: "alb"},
				{ID: "asg", Label: "Auto Scaling Group (EC2)", Component: "asg"},
				{ID: "rds", Label: "RDS", Component: "rds"},
			},
			Edges: []spec.Edge{
				// CloudFront redirects HTTP to HTTPS; the load balancer serves plain HTTP until certificate_arn is given.
				{From: "users", To: "cloudfront", Label: "HTTPS", Bypassed: "HTTP or HTTPS"},
				{From: "cloudfront", To: "alb", Label: "requests the cache cannot answer"},
				{From: "alb", To: "asg", Label: "HTTP to healthy instances"},
				{From: "asg", To: "rds", Label: "SQL over TLS"},
			},
		},
		Summary: "A web application on EC2 instances that scale with load, behind an Application Load Balancer; " +
			"CloudFront in front of it and a managed relational database in private subnets are options.",
		Why: []string{
			"[cloudfront] CloudFront caches static content at the edge, close to users, and shields the load balancer (P1).",
			"The Application Load Balancer spreads requests over healthy instances in every zone, and terminates TLS when certificate_arn is given (P1).",
			"The Auto Scaling Group replaces failed instances, follows demand and shrinks in quiet hours; target tracking on CPU drives it through CloudWatch (F3, F4).",
			"[rds] RDS is the managed relational database: backups, patching and, with db_multi_az, failover are AWS's job; it lives in private subnets and accepts connections from the instances only (P1, F2).",
			"Instances sit in private subnets, reach out through NAT, and are managed through SSM Session Manager instead of SSH.",
		},
		ChooseWhen: []string{
			"Stateful or legacy applications that need full control of the OS and software, or are hard to containerise (F2).",
			"Steady traffic where always-on instances cost less than per-request billing (F26).",
			"A relational database is the heart of the application (F2).",
		},
		AvoidWhen: []string{
			"Spiky, event-driven or rarely used APIs: serverless-api costs nothing when idle (F17).",
			"Containerised microservices: ECS Fargate removes the servers to patch (F15, F16).",
			"You cannot own OS patching and AMI baking: maintenance is high on EC2 (F6, F26).",
		},
		Pitfalls: []string{
			"Scaling is not instant: new instances take minutes to boot and pass health checks, so keep headroom in asg_min (F5).",
			"Data on an instance's disk is lost when the group replaces it: keep state in RDS or S3 (F5).",
			"Instances drift apart unless configuration is automated: bake AMIs or use user data, never hand edits (F5, F6).",
			"Vertical scaling stops at the largest instance type; design for more instances, not bigger ones (F6).",
			"OS patching is yours: the launch template takes the latest Amazon Linux 2023 image at each apply; roll it with the instance refresh (F6).",
			"Without certificate_arn the load balancer listens on plain HTTP (and CloudFront, when on, reaches it over HTTP): fine for a first test, not for users.",
			"[cloudfront] With CloudFront, only paths under /static/ are cached at the edge (give those files versioned names); every other request goes to the instances.",
			"[cloudfront] CloudFront's own *.cloudfront.net address still accepts TLS 1.0 clients; serving your own domain with a us-east-1 certificate lets you require TLS 1.2.",
			"[cloudfront] The load balancer accepts any CloudFront distribution's traffic, not only yours; add a WAF web ACL or a secret origin header if that matters.",
			"[cloudfront] In an opt-in region (one opened since March 2019, such as eu-central-2 or il-central-1) CloudFront standard logging cannot deliver to the module's log bucket, so the distribution keeps no access log there.",
		},
		Sources: []string{"P1", "F1", "F2", "F3", "F4", "F5", "F6", "F15", "F16", "F17", "F25", "F26"},
		Fit: &spec.Fit{
			Compute: []string{"ec2"}, Triggers: []string{spec.TriggerRequests},
			LongLived: true, Stateful: true, Control: spec.ControlOS, Start: spec.StartSeconds, Relational: true,
			Ops: spec.OpsFull, Cost: spec.CostFixed,
		},
		Questions: withCommonQuestions(append([]*spec.Question{
			nameQuestion("web-app", "webapp", "base", "kms", "network", "log_bucket", "alb", "asg", "rds", "cloudfront"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the database and the load balancer, and destroy does not empty the access-log bucket"),
			vpcCIDRQuestion(),
			azCountQuestion(),
			{
				Key:    "instance_type",
				Prompt: "EC2 instance type",
				Help: "The size of each web server (F1). T3/T4g are burstable: light web apps and development. " +
					"C6g is compute-optimised: compute-heavy work, gaming, ML training. R6g is memory-optimised: caches, in-memory processing. " +
					"I4i is storage-optimised: local NVMe for data warehouses, NoSQL, log processing. " +
					"Types with a g after the generation number (t4g, c6g, r6g) are Graviton (arm64): about 20% cheaper for the same work; the module picks the arm64 image for them.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("t3.micro")),
				Rules: []spec.Rule{
					awsfacts.InstanceTypeFamily("t3.micro, t4g.small, c6g.large or r6g.xlarge"),
					awsfacts.InstanceTypeSize(),
					// The instances boot the latest Amazon Linux 2023 image,
					// which supports Graviton2 and later but not the
					// first-generation Graviton of A1
					// (https://docs.aws.amazon.com/linux/al2023/ug/compare-with-al2.html).
					awsfacts.NotInstanceFamilies([]string{"a1"}, "Amazon Linux 2023, which the instances boot, does not run on A1; use t4g, m7g or c7g for Graviton"),
				},
			},
			{
				Key:     "asg_min",
				Prompt:  "Minimum instances",
				Help:    "The group never runs fewer instances. Keep at least one per zone you want to survive losing, since new instances take minutes to start (F5).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(1)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(0, maxInstances), instancesFit("asg_min", 0, "")},
			},
			{
				Key:         "asg_desired",
				Prompt:      "Desired instances",
				Help:        "How many instances run at first; target tracking moves it between the minimum and the maximum afterwards.",
				Type:        cty.Number,
				Default:     func(a spec.Answers) cty.Value { return cty.NumberFloatVal(max(2, a.Float("asg_min"))) },
				DefaultText: "2, or asg_min when that is larger",
				Rules:       []spec.Rule{rules.Whole(), rules.Range(0, maxInstances), rules.AtLeast("asg_min"), instancesFit("asg_desired", 0, "asg_min")},
			},
			{
				Key:         "asg_max",
				Prompt:      "Maximum instances",
				Help:        "The ceiling that caps cost when load spikes (F3). Scaling stops here even if CPU stays high.",
				Type:        cty.Number,
				Default:     func(a spec.Answers) cty.Value { return cty.NumberFloatVal(max(4, a.Float("asg_desired"))) },
				DefaultText: "4, or asg_desired when that is larger",
				Rules:       []spec.Rule{rules.Whole(), rules.Range(1, maxInstances), rules.AtLeast("asg_desired"), instancesFit("asg_max", 1, "asg_desired")},
			},
			{
				Key:     "cpu_target_percent",
				Prompt:  "Target average CPU (%)",
				Help:    "Target tracking adds instances when the group's average CPU stays above this, and removes them when it stays below (F3, F4). 50 leaves headroom for the minutes a new instance takes to boot.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(50)),
				// AWS takes any positive target (a double, fractions included). Below 10 %
				// the group scales out on idle noise; above 90 % it cannot absorb load for
				// the minutes a new instance takes to boot.
				Rules: []spec.Rule{rules.Range(10, 90)},
			},
			{
				Key:     "app_port",
				Prompt:  "Application port on the instances",
				Help:    "The port your application listens on inside each instance. The load balancer forwards to it; nothing else can reach it.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(80)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 65535)},
			},
			{
				Key:     "health_check_path",
				Prompt:  "Health check path",
				Help:    "The load balancer requests this path on each instance; an instance that does not answer 200-399 gets no traffic and is replaced by the group.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("/")),
				Rules:   healthCheckPathRules(),
			},
			{
				Key:    "certificate_arn",
				Shape:  spec.SelectsWhenSet,
				Prompt: "ACM certificate ARN (empty for HTTP only)",
				Help: "An ACM certificate in this region for your domain. With it the load balancer serves HTTPS (TLS 1.3 policy) and redirects HTTP to HTTPS, " +
					"and CloudFront talks to it over HTTPS (then give alb_domain_name, a name on the certificate that points at the load balancer). Leave empty to try the stack over plain HTTP first.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("")),
				Rules:   certificateARNRules("the load balancer uses only certificates of its own region (CloudFront's live in us-east-1)"),
			},
			{
				Key:     "cloudfront",
				Shape:   spec.Selects,
				Prompt:  "Put CloudFront in front of the load balancer?",
				Help:    "CloudFront serves cached static content from edge locations near users and absorbs traffic before it reaches the load balancer (P1). Without it users reach the load balancer directly.",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.True),
				Rules: []spec.Rule{
					rules.Warn("CloudFront standard logging does not deliver to buckets in opt-in regions, so in this region the distribution keeps no access log",
						func(v cty.Value, a spec.Answers) error {
							if r, _ := awsfacts.LookupRegion(a.String("region")); v.True() && r.OptIn {
								return rules.ErrRule
							}
							return nil
						}).Reading("region"),
				},
			},
			{
				Key:    "alb_domain_name",
				Prompt: "Host name of the load balancer on your certificate",
				Help: "A DNS name that certificate_arn covers and that points (CNAME or alias record) at the load balancer, e.g. origin.example.com. " +
					"CloudFront connects to the load balancer over HTTPS and checks that its certificate covers the name it connects to; " +
					"the load balancer's own name (…elb.amazonaws.com) never is, so CloudFront needs this one. Without CloudFront it only names the app_url output.",
				Type:     cty.String,
				Default:  spec.Fixed(cty.StringVal("")),
				Rules:    append(albDomainNameRules(), albDomainRequired()),
				When:     func(a spec.Answers) bool { return a.String("certificate_arn") != "" },
				WhenText: "certificate_arn is set",
			},
			dbEngineQuestion("The RDS engine. RDS runs on EC2 underneath but AWS handles backups, patching and failover (F2). Choose none if the application keeps no relational data.", "no database"),
		}, dbQuestions(hasDB, dbWhen)...)),
		Components: func(a spec.Answers) []spec.Component {
			cs := []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "alb", Params: ALBParams{TargetType: "instance", BehindCloudFront: a.Bool("cloudfront")}, LogWriters: []spec.LogWriter{albAccessLogs}},
				{Name: "asg"},
			}
			if hasDB(a) {
				v, _ := awsfacts.EngineVersionOf(a.String("db_engine"))
				cs = append(cs, spec.Component{Name: "rds", Params: RDSParams{EngineVersion: v.Version, ParameterGroupFamily: v.ParameterGroupFamily}})
			}
			if a.Bool("cloudfront") {
				// Standard logging cannot deliver to a bucket in an opt-in
				// region; there the log bucket keeps its ACLs off.
				region, _ := awsfacts.LookupRegion(a.String("region"))
				cf := spec.Component{Name: "cloudfront", Params: CloudFrontParams{Origin: "alb_origin", AccessLogs: !region.OptIn}}
				if !region.OptIn {
					cf.LogWriters = []spec.LogWriter{cloudFrontLogs}
				}
				cs = append(cs, cf)
			}
			return cs
		},
		NextSteps: []string{
			"Open the `app_url` output in a browser: it shows the placeholder page each instance serves.",
			"Replace the user data in asg.tf with your application's install, or bake an AMI (F6).",
			"[rds] Read the database password from the Secrets Manager secret named by the `db_master_secret_arn` output.",
			"Connect to an instance without SSH: `aws ssm start-session --target INSTANCE_ID`.",
		},
	}
}

// engineHelp names the engine version scaffold creates for an RDS engine
// and when its RDS standard support ends.
func engineHelp(engine string) string {
	v, _ := awsfacts.EngineVersionOf(engine)
	return fmt.Sprintf("%s, in RDS standard support until %s", v.Name, v.StandardSupportEnds.Format("2006-01-02"))
}

// albAccessLogs is the load balancer's access-log delivery into the log
// bucket.
var albAccessLogs = spec.LogWriter{What: "Load balancer access logging", Sid: "ALBAccessLogs", Prefix: "alb/", Service: "logdelivery.elasticloadbalancing.amazonaws.com", ELBAccount: true}

// cloudFrontLogs is CloudFront standard logging, which writes through an
// ACL grant. Its ACL-free successor needs a delivery source in us-east-1,
// which a single-region module avoids.
var cloudFrontLogs = spec.LogWriter{What: "CloudFront standard logging", Sid: "CloudFrontAccessLogs", Prefix: "cloudfront/", ACL: true}

// albDomainRequired insists on alb_domain_name when CloudFront reaches the
// load balancer over HTTPS: with the load balancer's own DNS name as origin,
// CloudFront's certificate check fails and every request gets a 502.
func albDomainRequired() spec.Rule {
	return rules.Custom("be set when certificate_arn is set and cloudfront is true, since CloudFront checks the load balancer's certificate against it",
		func(v cty.Value, a spec.Answers) error {
			if v.AsString() == "" && a.String("certificate_arn") != "" && a.Bool("cloudfront") {
				return fmt.Errorf("point a name on your certificate at the load balancer, or set cloudfront = false")
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Cmp(spec.Var(key), "!=", spec.Str("")), spec.Cmp(spec.Var("certificate_arn"), "==", spec.Str("")), spec.Not(spec.Var("cloudfront")))
		}).Reading("certificate_arn", "cloudfront")
}

// healthCheckPathRules are the rules of a load balancer health check path.
// The provider checks only the leading / and 1024 characters (elbv2
// validTargetGroupHealthCheckPath); the character set is RFC 3986's for a
// path, so a space or a quote cannot break the health check's request
// line. A query string (?) is refused with it. The leading / and the
// character set are two rules, so that a refusal names the one broken.
func healthCheckPathRules() []spec.Rule {
	return []spec.Rule{
		rules.Length(1, 1024),
		rules.Matches(`^/`, "start with /"),
		rules.Matches(`^[A-Za-z0-9/._~!$&'()*+,;=:@%-]*$`, "hold only the characters of a URL path: letters, digits and / . _ ~ ! $ & ' ( ) * + , ; = : @ % - (no space, quote, ? or control character)"),
	}
}

// certificateARNRules are the rules of the load balancer's ACM certificate
// ARN, empty for plain HTTP; regionWhy says why it must be in the stack's
// region.
func certificateARNRules(regionWhy string) []spec.Rule {
	return []spec.Rule{
		rules.Matches(`^$|^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$`, "be empty or an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)"),
		awsfacts.ARNInRegion("acm", regionWhy),
		rules.Warn("no certificate: the load balancer serves plain HTTP, fine for a first test but not for users; set certificate_arn before they arrive",
			func(v cty.Value, _ spec.Answers) error {
				if v.AsString() == "" {
					return rules.ErrRule
				}
				return nil
			}),
	}
}

// albDomainNameRules are the rules of a DNS name pointing at the load
// balancer (253 characters at most, RFC 1035 labels).
func albDomainNameRules() []spec.Rule {
	return []spec.Rule{
		rules.Custom("be at most 253 characters long",
			func(v cty.Value, _ spec.Answers) error {
				if n := len(v.AsString()); n > 253 {
					return fmt.Errorf("it has %d", n)
				}
				return nil
			},
			func(key string, _ spec.Answers) spec.Expr {
				return spec.Cmp(spec.Call("length", spec.Var(key)), "<=", spec.Num(253))
			}),
		rules.Matches(`^$|^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`, "be empty or a lowercase DNS name such as origin.example.com"),
	}
}

// instancesFit is the rule that the group's instances at count key
// (asg_min, asg_desired, asg_max, each no smaller than the one before, so
// the first too large is the one refused) fit in the private subnets,
// beside the addresses kept for a database (asked later); key must be at
// least the answer atLeastKey ("" for none) and least.
func instancesFit(key string, least int, atLeastKey string) spec.Rule {
	return fitsPrivateSubnets(fleet{
		text: fmt.Sprintf("%s + %d (kept for a database's primary and standby)", key, databaseAddresses),
		count: func(v cty.Value, _ spec.Answers) (int, string) {
			n := wholeCount(v)
			return n + databaseAddresses, fmt.Sprintf("%d instances and %d kept for a database", n, databaseAddresses)
		},
		expr: func(key string, _ spec.Answers) spec.Expr {
			return spec.Arith(spec.Var(key), "+", spec.Num(databaseAddresses))
		},
		least: atLeast(least, atLeastKey), most: maxInstances,
		others: cmp.Or(atLeastKey, key),
	})
}
