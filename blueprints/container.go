package blueprints

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("container-service", ContainerService) }

// MaxServiceNameLength is the longest service name: the IAM role names
// "<name>-<environment>-<service>-exec" must stay within 64 characters for
// the longest project name the ALB name leaves room for.
const MaxServiceNameLength = 20

// MaxServices is scaffold's ceiling on the number of services: each takes
// a target group and a listener rule (an ALB holds 100 rules), and more
// services than this belong in modules of their own.
const MaxServices = 10

// PlaceholderImage answers HTTP 200 on / at port 8080, runs as a non-root
// user and writes only under /tmp, so it passes the load balancer's health
// check with a read-only root file system until the user replaces it.
const PlaceholderImage = "public.ecr.aws/nginx/nginx-unprivileged:stable-alpine"

// PlaceholderPort is the port PlaceholderImage listens on, and
// PlaceholderHealthPaths the paths its default site answers 200 on (any
// other is 404, which fails the 200-399 health check).
const PlaceholderPort = 8080

var PlaceholderHealthPaths = []string{"/", "/index.html"}

// placeholderWarning warns, for a container question, when the image
// answered before it is still the placeholder and answers(v) says the
// placeholder would fail the health check with v: its tasks would never
// turn healthy, and the deployment would roll back. A warning, not a
// refusal: the user may set the image later, in terraform.tfvars.
func placeholderWarning(text string, answers func(v cty.Value) bool) spec.Rule {
	return rules.Warn(text, func(v cty.Value, a spec.Answers) error {
		if a.String("image") == PlaceholderImage && !answers(v) {
			return rules.ErrRule
		}
		return nil
	}).Reading("image")
}

// ContainerService is P4, microservices: ALB → ECS Fargate services → EFS.
func ContainerService() *spec.Blueprint {
	shared := func(a spec.Answers) bool { return a.Bool("shared_storage") }
	return &spec.Blueprint{
		ID:    "container-service",
		Title: "Containerised microservices",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "users", Label: "Users"},
				{ID: "alb", Label: "ALB", Component: "alb"},
				{ID: "services", Label: "ECS Fargate services", Component: "ecs_service"},
				{ID: "efs", Label: "EFS", Component: "efs"},
			},
			Edges: []spec.Edge{
				{From: "users", To: "alb", Label: "HTTP or HTTPS"},
				{From: "alb", To: "services", Label: "/service/* to each service's tasks"},
				{From: "services", To: "efs", Label: "shared files, NFS over TLS"},
			},
		},
		Summary: "One or more containerised services on ECS Fargate behind an Application Load Balancer that routes each path prefix to its service; " +
			"each service scales on its own, and an encrypted EFS file system shares files between tasks.",
		Why: []string{
			"The Application Load Balancer routes /<service>/ to each service's tasks and health-checks them; the first service also answers every other path (P4).",
			"Fargate runs the containers without servers to patch, billed for the vCPU and memory of the running tasks; each service scales on its own CPU (F15, F26).",
			"Each service runs under task and execution roles of its own, in private subnets with no public address: a compromised service cannot act as another (F19).",
			"[efs] EFS shares files between the tasks of a service and survives them; each service sees only its own directory through its access point (P4, F18).",
			"Deployments roll back by themselves when new tasks keep failing (deployment circuit breaker), and Container Insights shows each service's CPU and memory.",
		},
		ChooseWhen: []string{
			"Long-running services or work longer than 15 minutes, HTTP or otherwise (F16).",
			"Applications already in containers, or several services that deploy and scale independently (P4).",
			"You want control of the runtime without owning servers: medium control, low maintenance (F16, F26).",
		},
		AvoidWhen: []string{
			"Short, spiky, event-driven requests: serverless-api costs nothing when idle and scales faster (F17).",
			"Software that needs the whole OS or a kernel module: web-app runs EC2 instances (F2).",
			"A single legacy application with a relational database: container-migration is built for it (P5).",
		},
		Pitfalls: []string{
			"Fargate accepts only fixed CPU and memory pairs (" + awsfacts.FargateTaskTableText() + "); scaffold and the variable validations refuse the others (F15).",
			"The load balancer forwards /<service>/... with the path as is: a service must answer under its own prefix (the placeholder image answers only the health check path and /).",
			"Mixing EC2, Fargate and Lambda without a plan per layer adds operational work: keep one runtime per layer (F30).",
			"The root file system is read-only: an image that writes outside /tmp (and /mnt/shared with shared storage) fails to start; fix the image, do not turn the protection off.",
			"The default image is a placeholder: " + PlaceholderImage + " answers 200 on / at port 8080, runs as a non-root user and writes only its PID and temporary files under /tmp, so it passes the health check with a read-only root file system. " +
				"Fargate creates the /tmp volume owned by root (mode 0755), so a small busybox container runs first in each task and opens it to every user (1777). Replace image with your own.",
			"[efs] Every service writes to /mnt/shared as POSIX user 1000, whatever user its image runs as; its directory is /<service> on the file system.",
			"Without certificate_arn the load balancer listens on plain HTTP: fine for a first test, not for users.",
		},
		Sources: []string{"P4", "P5", "F2", "F15", "F16", "F17", "F18", "F19", "F25", "F26", "F30"},
		Fit: &spec.Fit{
			Compute: []string{"fargate"}, Triggers: []string{spec.TriggerRequests},
			LongLived: true, Stateful: true, Control: spec.ControlRuntime, Containers: true, Start: spec.StartSeconds,
			Ops: spec.OpsSome, Cost: spec.CostPerTask,
		},
		Questions: withCommonQuestions(append([]*spec.Question{
			nameQuestion("container-service", "micro", "base", "kms", "network", "log_bucket", "alb", "services", "ecs_cluster", "ecs_service", "efs"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the load balancer, and destroy does not empty the access-log bucket"),
			vpcCIDRQuestion(),
			azCountQuestion(),
		}, withServicesFittingPrivateSubnets(serviceQuestions())...)),
		Components: func(a spec.Answers) []spec.Component {
			exec := a.Bool("enable_execute_command")
			cs := []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "alb", Params: ALBParams{TargetType: "ip", Services: true}, LogWriters: []spec.LogWriter{albAccessLogs}},
				{Name: "services"},
				{Name: "ecs_cluster", Params: ECSClusterParams{ExecuteCommand: exec}},
				{Name: "ecs_service", Params: ECSServiceParams{EFS: shared(a), ExecuteCommand: exec}},
			}
			if shared(a) {
				cs = append(cs, spec.Component{Name: "efs"})
			}
			return cs
		},
		NextSteps: []string{
			"Open the `app_url` output in a browser: the first service's placeholder page answers.",
			"Build your image for the chosen cpu_architecture, push it to ECR, and set its `image` in `service_settings` of terraform.tfvars (or regenerate with `--set <service>_image=...`).",
			"Each service's logs are in the CloudWatch log group /ecs/<name>-<environment>/<service>.",
			"[efs] Files written under /mnt/shared survive the tasks; back them up or not with AWS Backup's daily plan.",
		},
	}
}

// ListenerRulePriority is the priority of service's path-based listener
// rule: fixed by its name (the first 4 bytes of its SHA-256, modulo 50000,
// plus 1; ELB takes 1 to 50000, see the CreateRule API), so that adding or
// removing another service never renumbers it. templates/alb computes the
// same number with Terraform's sha256 and parseint.
func ListenerRulePriority(service string) int {
	sum := sha256.Sum256([]byte(service))
	return int(binary.BigEndian.Uint32(sum[:4])%50000) + 1
}

// distinctListenerRulePriorities refuses a list of services two of whose
// names give the same listener rule priority (about one list of ten names
// in a thousand), which ELB would refuse at apply.
func distinctListenerRulePriorities() spec.Rule {
	return spec.Rule{
		Text: "have names whose listener rule priorities differ (the priority comes from the name; rename one of the two)",
		Check: func(v cty.Value, _ spec.Answers) error {
			seen := map[int]string{}
			for _, s := range spec.Items(v) {
				p := ListenerRulePriority(s)
				if other, ok := seen[p]; ok && other != s {
					return fmt.Errorf("%q and %q both give priority %d", other, s, p)
				}
				seen[p] = s
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			priority := spec.Arith(spec.Call("parseint", spec.Call("substr", spec.Call("sha256", spec.Ident("item")), spec.Num(0), spec.Num(8)), spec.Num(16)), "%", spec.Num(50000))
			return spec.Cmp(
				spec.Call("length", spec.Call("distinct", spec.ForList("item", spec.Var(key), priority))), "==",
				spec.Call("length", spec.Call("distinct", spec.Var(key))))
		},
	}
}

// serviceQuestions are container-service's questions about its services,
// from the list of services to ECS Exec; container-migration asks most of
// them too, for its one application (containerQuestions), without building
// this blueprint.
func serviceQuestions() []*spec.Question {
	return []*spec.Question{
		{
			Key:    "services",
			Prompt: "Services",
			Help: "The names of the services, each a container image run by ECS Fargate behind the load balancer, scaled on its own (P4). " +
				"The load balancer sends /<service> and /<service>/... to each one, and every other path to the first. " +
				fmt.Sprintf("Lowercase letters, digits and hyphens, at most %d characters, %d services at most. The first also answers every other path; the order of the others does not matter.", MaxServiceNameLength, MaxServices),
			Type:    spec.ListOfStrings,
			Default: spec.Fixed(spec.ListVal([]string{"app"})),
			// The name ends IAM role names (<prefix>-<service>-exec, 64 at
			// most) and starts a path; hyphens only inside, and no
			// underscore, so per-service answers <service>_<key> are
			// unambiguous.
			Rules: []spec.Rule{
				rules.Items(1, MaxServices),
				rules.Unique(),
				spec.ItemNames(),
				distinctListenerRulePriorities(),
				rules.Each(rules.Length(1, MaxServiceNameLength)),
				rules.Each(rules.Matches(`[a-z0-9]$`, "end with a lowercase letter or a digit")),
				// Each task also runs a container of this name (see
				// templates/ecs_service), and ECS refuses two containers
				// of one name in a task.
				rules.Each(rules.NotMatches(`^tmp-permissions$`, "not be tmp-permissions, the name of the container that prepares each task's /tmp")),
			},
		},
		{
			Key:    "image",
			Each:   "services",
			Prompt: "Container image",
			Help: "The image this service runs, from ECR or any registry the tasks can reach through NAT. The default, " + PlaceholderImage + ", is a placeholder: " +
				"NGINX built to run as a non-root user, listening on 8080 and writing only under /tmp, so it answers the health check with the read-only root file system the tasks get. " +
				"Replace it with your own image (pin a tag or a digest).",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal(PlaceholderImage)),
			// ECS takes up to 255 characters for an image (ContainerDefinition image).
			Rules: []spec.Rule{rules.Length(1, 255), rules.Matches(awsfacts.ImageRefPattern, "be an image reference such as public.ecr.aws/nginx/nginx-unprivileged:stable-alpine or 123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1.4")},
		},
		{
			Key:     "container_port",
			Each:    "services",
			Prompt:  "Container port",
			Help:    "The port the application listens on inside the container (8080 for the placeholder). The load balancer forwards to it and health-checks it; nothing else can reach it.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(PlaceholderPort)),
			Rules: []spec.Rule{rules.Whole(), rules.Range(1, 65535),
				placeholderWarning(fmt.Sprintf("image is still the placeholder, which listens on %d only: its tasks fail the health check on another port until image is an image of yours that listens on it", PlaceholderPort),
					func(v cty.Value) bool { return v.Equals(cty.NumberIntVal(PlaceholderPort)).True() })},
		},
		{
			Key:     "health_check_path",
			Each:    "services",
			Prompt:  "Health check path",
			Help:    "The load balancer requests this path on each task; a task that does not answer 200-399 gets no traffic and ECS replaces it.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("/")),
			Rules: append(healthCheckPathRules(),
				placeholderWarning("image is still the placeholder, which answers 200 only on "+strings.Join(PlaceholderHealthPaths, " and ")+": its tasks fail the health check on another path until image is an image of yours that answers it",
					func(v cty.Value) bool { return slices.Contains(PlaceholderHealthPaths, v.AsString()) })),
		},
		{
			Key:    "cpu",
			Each:   "services",
			Prompt: "Task CPU (units, 1024 = 1 vCPU)",
			Help: "The CPU each task reserves, in ECS CPU units. Fargate bills per vCPU and memory of running tasks (F15) and offers fixed sizes: " +
				awsfacts.FargateTaskTableText() + ".",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(256)),
			Rules:   []spec.Rule{awsfacts.FargateTaskCPU()},
		},
		{
			Key:         "memory",
			Each:        "services",
			Prompt:      "Task memory (MiB)",
			Help:        "The memory each task reserves, in MiB; Fargate accepts only certain amounts for each CPU size: " + awsfacts.FargateTaskTableText() + ".",
			Type:        cty.Number,
			Default:     awsfacts.DefaultFargateTaskMemory("cpu"),
			DefaultText: "the smallest amount Fargate accepts for cpu (512 for 256)",
			Rules:       []spec.Rule{awsfacts.FargateTaskMemory("cpu")},
		},
		{
			Key:     "min_tasks",
			Each:    "services",
			Prompt:  "Minimum tasks",
			Help:    "Auto scaling never runs fewer tasks of a service. Two or more keep a service up while a zone, or a task, fails (F25).",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(1)),
			// ECS allows 0; see maxTasks for the top.
			Rules: []spec.Rule{rules.Whole(), rules.Range(0, maxTasks)},
		},
		{
			Key:         "desired_tasks",
			Each:        "services",
			Prompt:      "Desired tasks",
			Help:        "How many tasks of this service run at first; target tracking moves the count between the minimum and the maximum afterwards.",
			Type:        cty.Number,
			Default:     func(a spec.Answers) cty.Value { return cty.NumberFloatVal(max(2, a.Float("min_tasks"))) },
			DefaultText: "2, or min_tasks when that is larger",
			Rules:       []spec.Rule{rules.Whole(), rules.Range(0, maxTasks), rules.AtLeast("min_tasks")},
		},
		{
			Key:         "max_tasks",
			Each:        "services",
			Prompt:      "Maximum tasks",
			Help:        "The ceiling that caps cost when load spikes. Scaling stops here even if CPU stays high.",
			Type:        cty.Number,
			Default:     func(a spec.Answers) cty.Value { return cty.NumberFloatVal(max(4, a.Float("desired_tasks"))) },
			DefaultText: "4, or desired_tasks when that is larger",
			Rules:       []spec.Rule{rules.Whole(), rules.Range(1, maxTasks), rules.AtLeast("desired_tasks")},
		},
		{
			Key:     "cpu_target_percent",
			Prompt:  "Target average CPU (%)",
			Help:    "Target tracking adds tasks when a service's average CPU stays above this, and removes them when it stays below. Fargate tasks start in a minute or so, so 50 to 70 leaves enough headroom.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(50)),
			// AWS takes any positive target; below 10 % a service scales
			// out on idle noise, above 90 % it cannot absorb load while
			// new tasks start.
			Rules: []spec.Rule{rules.Range(10, 90)},
		},
		{
			Key:     "cpu_architecture",
			Prompt:  "CPU architecture",
			Help:    "The processor the tasks run on. arm64 (Graviton) costs about 20 % less than x86_64 for the same vCPU and memory; the image must be built for it (the placeholder is built for both).",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("arm64")),
			Choices: []spec.Choice{
				{Value: "arm64", Help: "Graviton: cheaper; needs an arm64 or multi-architecture image"},
				{Value: "x86_64", Help: "Intel or AMD: for images built only for amd64"},
			},
		},
		{
			Key:    "certificate_arn",
			Shape:  spec.SelectsWhenSet,
			Prompt: "ACM certificate ARN (empty for HTTP only)",
			Help: "An ACM certificate in this region for your domain. With it the load balancer serves HTTPS (TLS 1.3 policy) and redirects HTTP to HTTPS. " +
				"Leave empty to try the stack over plain HTTP first.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("")),
			Rules:   certificateARNRules("the load balancer uses only certificates of its own region"),
		},
		{
			Key:    "alb_domain_name",
			Prompt: "Host name of the load balancer on your certificate",
			Help: "A DNS name that certificate_arn covers and that points (CNAME or alias record) at the load balancer, e.g. api.example.com. " +
				"It names the app_url output; empty uses the load balancer's own name, which the certificate does not cover.",
			Type:     cty.String,
			Default:  spec.Fixed(cty.StringVal("")),
			Rules:    albDomainNameRules(),
			When:     func(a spec.Answers) bool { return a.String("certificate_arn") != "" },
			WhenText: "certificate_arn is set",
		},
		{
			Key:     "shared_storage",
			Shape:   spec.Selects,
			Prompt:  "Give the services shared storage on EFS?",
			Help:    "An encrypted EFS file system, mounted at /mnt/shared in every task over TLS: files survive the tasks and are shared by a service's tasks, each service in a directory of its own (P4, F18). Without it the tasks keep nothing when they stop.",
			Type:    cty.Bool,
			Default: spec.Fixed(cty.True),
		},
		{
			Key:    "enable_execute_command",
			Shape:  spec.Selects,
			Prompt: "Allow ECS Exec (a shell in running containers)?",
			Help: "ECS Exec opens a shell in a running container through Session Manager, for debugging. Off by default: anyone allowed ecs:ExecuteCommand could then run commands in production. " +
				"When on, every session is encrypted with the module's key and logged to CloudWatch.",
			Type:    cty.Bool,
			Default: spec.Fixed(cty.False),
		},
	}
}

// maxTasks is the most the three _tasks questions take: ECS sets no
// ceiling; 100 is scaffold's on a runaway scaling policy's bill.
const maxTasks = 100

// withServicesFittingPrivateSubnets is qs, container-service's service
// questions, with the rule that the services' tasks fit in the private
// subnets on min_tasks, desired_tasks and max_tasks (each no smaller than
// the one before, so the first too large is the one refused): each task
// is a network interface (Fargate's awsvpc), a deployment runs a service's
// new tasks beside its old ones, up to twice its count, and each zone has
// an EFS mount target when the services share storage (asked later, so
// kept free in any case). The rule on one service counts it and the
// services before it, the ones the wizard has asked about, so the service
// that brings the total over is the one refused; Terraform counts them all.
func withServicesFittingPrivateSubnets(qs []*spec.Question) []*spec.Question {
	deploy := awsfacts.ECSDeploymentMaximumPercent / 100
	atLeastKey := map[string]string{"min_tasks": "", "desired_tasks": "min_tasks", "max_tasks": "desired_tasks"}
	least := map[string]int{"min_tasks": 0, "desired_tasks": 0, "max_tasks": 1}
	var settings string
	for _, q := range qs {
		if q.Key == "services" {
			settings = q.SettingsVar()
		}
		if _, counted := atLeastKey[q.Key]; !counted {
			continue
		}
		key := q.Key
		q.Rules = append(slices.Clip(q.Rules), fitsPrivateSubnets(fleet{
			text: fmt.Sprintf("%d × the sum of every service's %s (a deployment runs new tasks beside the old) + az_count (kept for EFS mount targets, one a zone)", deploy, key),
			count: func(v cty.Value, a spec.Answers) (int, string) {
				tasks, counted := 0, []string{}
				for _, it := range a.List("services") {
					if it == a.Item() {
						break
					}
					before := a.Get(spec.ItemKey(it, key))
					if before == cty.NilVal {
						return 0, "" // refused on its own, so this one cannot be judged
					}
					tasks += wholeCount(before)
					counted = append(counted, it)
				}
				tasks += wholeCount(v)
				counted = append(counted, a.Item())
				zones := int(a.Float("az_count"))
				return deploy*tasks + zones, fmt.Sprintf("%d tasks during deployments (%d × %d, the %s of %s) and %d kept for EFS mount targets",
					deploy*tasks, deploy, tasks, key, strings.Join(counted, " and "), zones)
			},
			expr: func(string, spec.Answers) spec.Expr {
				const other = "other"
				tasks := spec.Call("sum", spec.ForList(other, spec.Var(settings), spec.Field(other, key)))
				return spec.Arith(spec.Arith(spec.Num(float64(deploy)), "*", tasks), "+", spec.Var("az_count"))
			},
			least: atLeast(least[key], atLeastKey[key]), most: maxTasks,
			others: fmt.Sprintf("the %s of the services before it", key),
			reads:  []string{"services"},
		}))
	}
	return qs
}
