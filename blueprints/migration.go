package blueprints

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("container-migration", ContainerMigration) }

// ContainerMigration is P5, lift-and-shift, and phase 1 of P10, the
// migration of a monolith off a single server:
// legacy app → container → ECS Fargate → RDS.
func ContainerMigration() *spec.Blueprint {
	sticky := func(a spec.Answers) bool { return a.Bool("sticky_sessions") }
	const stickyWhen = "sticky_sessions is true"
	uploads := func(a spec.Answers) bool { return a.Bool("uploads_efs") }
	const uploadsWhen = "uploads_efs is true"
	return &spec.Blueprint{
		ID:    "container-migration",
		Title: "Legacy application moved into a container",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "users", Label: "Users"},
				{ID: "alb", Label: "ALB", Component: "alb"},
				{ID: "app", Label: "ECS Fargate (the application in its container)", Component: "ecs_service"},
				{ID: "rds", Label: "RDS", Component: "rds"},
				{ID: "efs", Label: "EFS (uploads)", Component: "efs", Aside: true},
			},
			Edges: []spec.Edge{
				{From: "users", To: "alb", Label: "HTTP or HTTPS"},
				{From: "alb", To: "app", Label: "requests to healthy tasks"},
				{From: "app", To: "rds", Label: "SQL over TLS"},
				{From: "app", To: "efs", Label: "uploads, NFS over TLS"},
			},
		},
		Summary: "One legacy application, packaged as it is in a container, runs as an ECS service on Fargate behind an Application Load Balancer, " +
			"with its relational database moved to RDS; the database credentials reach the container from Secrets Manager, never in plain text. " +
			"It is phase 1 of moving a monolith off a single server: containerise first, split and scale later.",
		Why: []string{
			"The container keeps the application as it is: the same code, runtime and settings, packaged once, with no rewrite (P5).",
			"ECS on Fargate runs the container without servers to manage: no operating system to patch, each task isolated from the others, billed for the vCPU and memory its tasks run with (P5, F15, F19).",
			"The Application Load Balancer spreads requests over the tasks in every zone, replaces a task that fails its health checks, and terminates TLS when certificate_arn is given; a slow start gets a health-check grace period and, for an application that keeps sessions in memory, sticky sessions (F18).",
			"RDS modernises the database: backups, patching and, with db_multi_az, failover are AWS's job; it lives in private subnets and accepts connections from the tasks only (P5, F2).",
			"The database user name and password reach the container as ECS secrets, read from the Secrets Manager secret RDS manages when a task starts: they are never in the task definition, in a file or in the Terraform state.",
			"[efs] EFS keeps the uploads folder the application writes to: shared by every task and kept when a task is replaced, where a task's own disk is not (F18, F31).",
		},
		ChooseWhen: []string{
			"An application on one server, often a single EC2 instance that is a single point of failure, that you want off it without rewriting it (P10).",
			"Requests or jobs that run for minutes, or state held in memory between requests: a container serves them as the old server did, where a function would stop at 15 minutes and forget everything between calls (F7, F9, F16).",
			"A relational database the application cannot do without (P5, F2).",
			"A team that wants less to maintain than EC2 and more control of the runtime than functions give (F26).",
		},
		AvoidWhen: []string{
			"The application cannot run in a container (a kernel module, a licence tied to a host, a desktop session): web-app runs it on EC2 instances (F2).",
			"Several services, each with its own routes and scaling: container-service (P4).",
			"Short, stateless, event-driven requests written for the cloud: serverless-api costs nothing when idle (F17).",
		},
		Pitfalls: []string{
			"ECS reads the database password when a task starts. RDS rotates it every seven days, and a running task keeps the old one: have the application read the secret again when a connection is refused, or start new tasks after each rotation (aws ecs update-service --force-new-deployment).",
			"The application signs in as the database's master user. Create a user of its own with only the rights it needs, and keep the master user for administration.",
			"Whatever a task writes to its own disk is lost when the task stops or is replaced: keep sessions, caches and files in the database, in S3, or in the uploads folder on EFS (F18).",
			"Auto scaling starts more copies of the application under load: one that keeps state in memory needs sticky sessions, or max_tasks equal to min_tasks, until its state moves out (F5).",
			"Sticky sessions send a user back to the same task, but a task that stops takes its users' sessions with it (a deployment stops every task): move sessions into the database when you can.",
			"The health-check grace period hides a task that never becomes healthy for that long: keep it close to the real start-up time. The deployment circuit breaker rolls back a deployment whose tasks keep failing.",
			"Fargate gives a stopping container at most 120 s between SIGTERM and SIGKILL (stop_timeout_s), after the load balancer has drained its connections: work longer than that must survive being cut off.",
			"Without certificate_arn the load balancer listens on plain HTTP: fine for a first test, not for users.",
			"The first image is a placeholder that only answers the health check: the module runs, but the application is not in it until you set image.",
			"The container's root file system is read-only: an application that writes elsewhere than /tmp (and the uploads folder, with uploads_efs) fails to start or to save. Point its writes there; turning the protection off in ecs_service.tf is your call, and a compromised process could then alter the application.",
			"[efs] EFS is a network file system: it suits uploads and shared files, not a database or a hot cache, and every task sees the same files, so two tasks writing one file need the application's own locking.",
			"Mixing Fargate with EC2 and Lambda in the later phases adds operational complexity: decide which one serves each layer, and why (F30).",
		},
		MigrationPath: []string{
			"Phase 1, this module: containerise the application as it is, run it on ECS Fargate in private subnets of several zones, and move its database to RDS. The single server, a single point of failure, goes away; the code does not change (P5, P10).",
			"Phase 2: split the hot paths, the short, stateless and event-driven requests, out of the monolith into serverless-api (API Gateway and Lambda), one at a time, while the container keeps serving the rest (P10, F17).",
			"Phase 3: auto scaling and multi-AZ. The pieces are here: tasks in a private subnet of every zone, target tracking on CPU between min_tasks and max_tasks, and db_multi_az (on by default in prod). Phase 3 turns them up once the application tolerates several copies of itself: min_tasks of two or more, a max_tasks with room, sessions out of memory (P10, F3, F25).",
			"Why not straight to Lambda: a monolith's dependencies are tangled and do not come apart in one step, its database needs refactoring before functions can share it, and a container runs the same image on a laptop, in CI and in AWS, so it is easier to test (P10).",
			"Lambda's own limits meet a legacy application head on: a run stops at 15 minutes, memory at 10 GB, nothing on local disk survives, rarely used functions pay cold starts, and the code ties itself to AWS's runtime (F7, F8, F9, F10, F11, F26). Use functions where they fit, not everywhere (F28).",
		},
		Sources: []string{"P5", "P4", "P10", "F1", "F2", "F3", "F5", "F7", "F8", "F9", "F10", "F11", "F15", "F16", "F17", "F18", "F19", "F25", "F26", "F28", "F30", "F31"},
		Fit: &spec.Fit{
			Compute: []string{"fargate"}, Triggers: []string{spec.TriggerRequests},
			LongLived: true, Stateful: true, Control: spec.ControlRuntime, Containers: true, Start: spec.StartSeconds, Relational: true,
			Ops: spec.OpsSome, Cost: spec.CostPerTask,
		},
		Questions: withCommonQuestions(slices.Concat(
			[]*spec.Question{
				nameQuestion("container-migration", "legacy", "base", "kms", "network", "log_bucket", "alb", "legacy_app", "ecs_cluster", "ecs_service", "efs", "rds"),
				regionQuestion(),
				environmentQuestion(),
				deletionProtectionQuestion("the database and the load balancer, and destroy does not empty the access-log bucket"),
				vpcCIDRQuestion(),
				azCountQuestion(),
			},
			containerQuestions(),
			[]*spec.Question{
				{
					Key:    "health_check_grace_period_s",
					Prompt: "Health-check grace period (seconds)",
					Help: "How long ECS ignores the load balancer's failed health checks after a task starts. A legacy application often needs minutes to warm up " +
						"(an application server, a cache to load, migrations to run); with too short a grace period ECS stops the task before it is ready, and starts another that meets the same fate. " +
						"Set it a little above the slowest start-up you have seen; 0 checks from the first second.",
					Type:    cty.Number,
					Default: spec.Fixed(cty.NumberIntVal(300)),
					// ECS takes 0 to 2,147,483,647 s (the provider's
					// validation.IntBetween(0, math.MaxInt32) in
					// internal/service/ecs/service.go). Two hours is scaffold's
					// ceiling: beyond it a task that never starts would hold a
					// deployment for longer than anyone would wait.
					Rules: []spec.Rule{rules.Whole(), rules.Range(0, 7200)},
				},
				{
					Key:    "stop_timeout_s",
					Prompt: "Stop timeout (seconds)",
					Help: "How long ECS waits, after sending SIGTERM to the container, before it kills it with SIGKILL. " +
						"It comes after the load balancer has stopped sending the task new requests, so it is the time the application has to finish its work and close its connections. " +
						"Fargate allows at most 120 seconds.",
					Type:    cty.Number,
					Default: spec.Fixed(cty.NumberIntVal(30)),
					// "For tasks that use the Fargate launch type, the max stop
					// timeout value is 120 seconds", default 30 (ECS
					// ContainerDefinition.stopTimeout,
					// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html,
					// read 2026-11-29). AWS documents no floor; below 2 s SIGKILL
					// follows SIGTERM before any application can close a connection.
					Rules: []spec.Rule{rules.Whole(), rules.Range(2, 120)},
				},
				{
					Key:    "sticky_sessions",
					Shape:  spec.Selects,
					Prompt: "Send each user back to the same task (sticky sessions)?",
					Help: "For an application that keeps sessions in memory: the load balancer sets a cookie (AWSALB) and sends each user's requests to the task that served the first one. " +
						"Without it, a user's next request may reach another task that does not know the session. Leave it off if sessions live in the database or in a cookie of their own.",
					Type:    cty.Bool,
					Default: spec.Fixed(cty.False),
				},
				{
					Key:    "sticky_session_duration_s",
					Prompt: "Sticky session duration (seconds)",
					Help:   "How long the load balancer's cookie keeps a user on the same task; after that the next request may go to any task. One day (86400) is AWS's default.",
					Type:   cty.Number,
					// The load balancer's lb_cookie duration takes 1 s to one
					// week: stickiness.lb_cookie.duration_seconds,
					// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#sticky-sessions
					// (read 2026-11-29).
					Default: spec.Fixed(cty.NumberIntVal(86400)),
					Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 604800)},
					When:    sticky, WhenText: stickyWhen,
				},
				{
					Key:    "uploads_efs",
					Shape:  spec.Selects,
					Prompt: "Keep an uploads folder on EFS?",
					Help: "A legacy application often writes user uploads to a local folder. A task's own disk is lost when the task stops, and each task has its own; " +
						"with this on, the folder is an encrypted EFS file system that every task mounts and that outlives them (F18).",
					Type:    cty.Bool,
					Default: spec.Fixed(cty.False),
				},
				{
					Key:     "uploads_path",
					Prompt:  "Uploads folder in the container",
					Help:    "The absolute path where the application writes uploads; EFS is mounted there, replacing whatever the image holds at that path.",
					Type:    cty.String,
					Default: spec.Fixed(cty.StringVal("/app/uploads")),
					Rules: []spec.Rule{
						rules.Length(2, 255),
						// Not /: the mount would hide the whole image.
						rules.Matches(`^(/[A-Za-z0-9._-]+)+$`, "be an absolute path below / of letters, digits, dots, hyphens and underscores, without a trailing /"),
						// /tmp is already the task's scratch volume (two mounts at
						// one path stop the task from starting), and so are
						// /var/lib/amazon and /var/log/amazon with ECS Exec (its
						// agent's state and logs); /proc, /sys and /dev are the
						// kernel's: a volume over them breaks the container.
						rules.NotMatches(`^/(tmp|proc|sys|dev|var/lib/amazon|var/log/amazon)(/|$)`, "not be /tmp (the task's scratch volume) nor lie in /tmp, /proc, /sys, /dev, /var/lib/amazon or /var/log/amazon (ECS Exec's agent)"),
						// Docker cleans the mount path before mounting, so a . or
						// .. segment would land the volume elsewhere: /app/../tmp
						// is /tmp, /.. is /, past the two rules above.
						rules.NotMatches(`(^|/)\.\.?(/|$)`, "not have . or .. as a segment"),
					},
					When: uploads, WhenText: uploadsWhen,
				},
				dbEngineQuestion("The RDS engine the application's database moves to. RDS runs the engine for you: backups, patching and failover are AWS's job (P5, F2).", ""),
			},
			dbQuestions(nil, ""),
			[]*spec.Question{
				{
					Key:    "db_name",
					Prompt: "Database name",
					Help: "The database RDS creates in the instance for the application. A letter, then letters, digits and underscores: up to 63 characters on PostgreSQL, 64 on MySQL; " +
						"not a word the engine reserves, nor a database every instance already holds (postgres on PostgreSQL, mysql on MySQL).",
					Type:    cty.String,
					Default: spec.Fixed(cty.StringVal("app")),
					// Fixed, not tuned: RDS creates the database once, and
					// another name replaces the instance and its data.
					Shape: spec.Selects,
					Rules: []spec.Rule{
						awsfacts.DBNameLength("db_engine"),
						rules.Matches(`^[A-Za-z][A-Za-z0-9_]*$`, "start with a letter and hold only letters, digits and underscores"),
						awsfacts.ReservedDBName("db_engine"),
					},
				},
				{
					Key:    "db_env_prefix",
					Prompt: "Prefix of the database environment variables",
					Help: "The container finds its database in five environment variables named with this prefix: <prefix>HOST, <prefix>PORT and <prefix>NAME as plain values, " +
						"<prefix>USERNAME and <prefix>PASSWORD as ECS secrets read from Secrets Manager. Change it to the names the application already reads, e.g. DATABASE_ or MYSQL_.",
					Type:    cty.String,
					Default: spec.Fixed(cty.StringVal("DB_")),
					Rules: []spec.Rule{
						rules.Length(1, 64),
						rules.Matches(`^[A-Za-z_][A-Za-z0-9_]*$`, "start with a letter or underscore and hold only letters, digits and underscores, as a shell variable name does"),
					},
				},
			},
		)),
		Components: func(a spec.Answers) []spec.Component {
			v, _ := awsfacts.EngineVersionOf(a.String("db_engine"))
			exec := a.Bool("enable_execute_command")
			cs := []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "alb", Params: ALBParams{TargetType: "ip", Services: true, StickySessions: sticky(a)}, LogWriters: []spec.LogWriter{albAccessLogs}},
				{Name: "legacy_app"},
				{Name: "ecs_cluster", Params: ECSClusterParams{ExecuteCommand: exec}},
				{Name: "ecs_service", Params: ECSServiceParams{EFS: uploads(a), ExecuteCommand: exec, SharedPath: "var.uploads_path", Database: true, StopTimeout: true}},
			}
			if uploads(a) {
				cs = append(cs, spec.Component{Name: "efs"})
			}
			cs = append(cs, spec.Component{Name: "rds", Params: RDSParams{EngineVersion: v.Version, ParameterGroupFamily: v.ParameterGroupFamily, Connection: true}})
			return cs
		},
		NextSteps: []string{
			"Open the `app_url` output in a browser: it shows the placeholder container's page.",
			"Build your application's image, push it to Amazon ECR, and set `image` in terraform.tfvars; apply starts new tasks with it.",
			"Have the application read its database from the environment: DB_HOST, DB_PORT and DB_NAME, and DB_USERNAME and DB_PASSWORD, which ECS reads from Secrets Manager when a task starts (with another db_env_prefix, that prefix instead of DB_). The connection must use TLS: the database refuses plain connections.",
			"Move the data: dump the old database (pg_dump or mysqldump) and restore it into RDS from a machine in the VPC, or use AWS Database Migration Service for a live copy.",
			"[efs] Copy the existing uploads into the EFS file system (for example from a one-off task with the same mount), then point users at the new stack.",
		},
	}
}

// migrationTasksFit is the rule that the application's tasks at count key
// (min_tasks, desired_tasks, max_tasks) fit in the private subnets: each
// task is a network interface (Fargate's awsvpc), a deployment runs the
// new tasks beside the old, and the uploads' EFS mount targets (one a
// zone) and the database are asked later, so kept free in any case. key
// must be at least least and the answer atLeastKey ("" for none).
func migrationTasksFit(key string, least int, atLeastKey string) spec.Rule {
	deploy := awsfacts.ECSDeploymentMaximumPercent / 100
	return fitsPrivateSubnets(fleet{
		text: fmt.Sprintf("%d × %s (a deployment runs new tasks beside the old) + az_count (kept for EFS mount targets, one a zone) + %d (kept for the database's primary and standby)", deploy, key, databaseAddresses),
		count: func(v cty.Value, a spec.Answers) (int, string) {
			tasks, zones := deploy*wholeCount(v), int(a.Float("az_count"))
			return tasks + zones + databaseAddresses, fmt.Sprintf("%d tasks during a deployment, %d kept for EFS mount targets and %d for the database", tasks, zones, databaseAddresses)
		},
		expr: func(key string, _ spec.Answers) spec.Expr {
			return spec.Arith(spec.Arith(spec.Arith(spec.Num(float64(deploy)), "*", spec.Var(key)), "+", spec.Var("az_count")), "+", spec.Num(databaseAddresses))
		},
		least: atLeast(least, atLeastKey), most: maxTasks,
		others: cmp.Or(atLeastKey, key),
	})
}

// containerQuestions are the container's, the same questions (and rules)
// as container-service's, worded for one application.
func containerQuestions() []*spec.Question {
	services := serviceQuestions()
	// shared is a copy of container-service's question key: it asks it
	// once per service; here there is one application, so it is a plain
	// question.
	shared := func(key string) *spec.Question {
		i := slices.IndexFunc(services, func(q *spec.Question) bool { return q.Key == key })
		q := *services[i]
		q.Each = ""
		return &q
	}
	image := shared("image")
	image.Help = "Your application's image, from ECR or any registry the tasks can reach through NAT. The default, " + PlaceholderImage + ", is a placeholder: " +
		"NGINX built to run as a non-root user, listening on 8080 and writing only under /tmp, so it answers the health check with the read-only root file system the task gets. " +
		"Replace it with the image of your application (pin a tag or a digest)."
	minTasks := shared("min_tasks")
	minTasks.Help = "Auto scaling never runs fewer copies of the application. One keeps phase 1 simple for an application that has only ever run once; " +
		"two or more, in two zones, keep it up while a zone or a task fails: that is phase 3 (P10, F25)."
	desired := shared("desired_tasks")
	desired.Default = func(a spec.Answers) cty.Value { return cty.NumberFloatVal(max(1, a.Float("min_tasks"))) }
	desired.DefaultText = "1, or min_tasks when that is larger"
	desired.Help = "How many copies of the application run at first; target tracking moves the count between the minimum and the maximum afterwards. " +
		"An application that keeps sessions in memory needs sticky_sessions to run more than one."
	maxTasksQ := shared("max_tasks")
	// Each count no smaller than the one before: the first too large is
	// the one refused.
	minTasks.Rules = append(slices.Clip(minTasks.Rules), migrationTasksFit("min_tasks", 0, ""))
	desired.Rules = append(slices.Clip(desired.Rules), migrationTasksFit("desired_tasks", 0, "min_tasks"))
	maxTasksQ.Rules = append(slices.Clip(maxTasksQ.Rules), migrationTasksFit("max_tasks", 1, "desired_tasks"))
	qs := []*spec.Question{image, shared("container_port"), shared("health_check_path"),
		shared("cpu"), shared("memory"), minTasks, desired, maxTasksQ,
		shared("cpu_target_percent"), shared("cpu_architecture"),
		shared("certificate_arn"), shared("alb_domain_name"), shared("enable_execute_command")}
	return qs
}
