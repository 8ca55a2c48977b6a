package prove

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

// These tests cover the harness's own logic without any tool; the tests
// that run the tools are behind the prove build tag.

func TestGapsFileParses(t *testing.T) {
	gaps, err := Gaps()
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) == 0 {
		t.Fatalf("%s lists no gap", GapsFile)
	}
	for typ, g := range gaps {
		if !strings.HasPrefix(typ, "aws_") {
			t.Errorf("gap %q: not an AWS resource type", typ)
		}
		if g.Moto != MotoVersion {
			t.Errorf("gap %q was seen with moto %s; the harness runs %s: check it again", typ, g.Moto, MotoVersion)
		}
	}
	if _, err := parseGaps([]byte("gap \"aws_x\" {\n  moto = \"1\"\n}\n"), "bad.hcl"); err == nil {
		t.Error("a gap without a symptom was accepted")
	}
}

func TestParseAliasGroups(t *testing.T) {
	out := []byte(`{"@level":"info","type":"version"}
{"@level":"warn","type":"diagnostic","diagnostic":{"severity":"warning","summary":"Invalid Attribute Combination","detail":"Only one of the following attributes should be set:\n\"endpoints[0].logs\", \"endpoints[0].cloudwatchlog\", \"endpoints[0].cloudwatchlogs\"\n\nThis will be an error in a future release."}}
{"@level":"warn","type":"diagnostic","diagnostic":{"severity":"warning","summary":"Invalid Attribute Combination","detail":"Only one of the following attributes should be set:\n\"endpoints[0].s3\", \"endpoints[0].s3api\"\n\nThis will be an error in a future release."}}
{"@level":"warn","type":"diagnostic","diagnostic":{"severity":"warning","summary":"Something else","detail":"unrelated"}}
`)
	groups := parseAliasGroups(out)
	want := [][]string{{"cloudwatchlog", "cloudwatchlogs", "logs"}, {"s3", "s3api"}}
	if !reflect.DeepEqual(groups, want) {
		t.Fatalf("groups = %v, want %v", groups, want)
	}
	keys := dropAliases([]string{"cloudwatchlog", "cloudwatchlogs", "ec2", "logs", "s3", "s3api"}, groups)
	if want := []string{"ec2", "logs", "s3"}; !reflect.DeepEqual(keys, want) {
		t.Fatalf("kept %v, want %v", keys, want)
	}
}

func TestRenderOverride(t *testing.T) {
	out := string(renderOverride([]string{"", "us_east_1"}, []string{"ec2", "s3"}, "http://127.0.0.1:5000", false))
	for _, want := range []string{
		`alias                       = "us_east_1"`,
		`ec2 = "http://127.0.0.1:5000"`,
		`skip_requesting_account_id  = false`,
		`s3_use_path_style           = true`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("override lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "skip_region_validation") {
		t.Errorf("the override skips the provider's region validation, so a region users cannot plan in would pass the proof:\n%s", out)
	}
	if n := strings.Count(out, `provider "aws"`); n != 2 {
		t.Errorf("%d provider blocks, want 2:\n%s", n, out)
	}
}

func TestProviderAliases(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "providers.tf", "provider \"aws\" {\n  region = var.region\n}\n\nprovider \"aws\" {\n  alias  = \"us_east_1\"\n  region = \"us-east-1\"\n}\n")
	write(t, dir, "zz_emulator_override.tf", "provider \"aws\" {\n  alias = \"ignored\"\n}\n")
	got, err := providerAliases(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"", "us_east_1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("aliases = %q, want %q", got, want)
	}
}

func TestApplyTargets(t *testing.T) {
	dot := []byte(`digraph G {
  rankdir = "RL";
  "aws_appautoscaling_target.table" [label="aws_appautoscaling_target.table"];
  "aws_appautoscaling_policy.table" [label="aws_appautoscaling_policy.table"];
  "aws_dynamodb_table.main" [label="aws_dynamodb_table.main"];
  "aws_lambda_function.api" [label="aws_lambda_function.api"];
  "data.aws_region.current" [label="data.aws_region.current"];
  subgraph "cluster_module.m" {
    "module.m.aws_sqs_queue.d" [label="aws_sqs_queue.d"];
  }
  "aws_appautoscaling_target.table" -> "aws_dynamodb_table.main";
  "aws_appautoscaling_policy.table" -> "aws_appautoscaling_target.table";
  "module.m.aws_sqs_queue.d" -> "aws_appautoscaling_policy.table";
  "aws_lambda_function.api" -> "aws_dynamodb_table.main";
}`)
	gaps := map[string]Gap{"aws_appautoscaling_target": {}}
	targets, left := applyTargets(dot, gaps)
	if want := []string{"aws_dynamodb_table.main", "aws_lambda_function.api"}; !reflect.DeepEqual(targets, want) {
		t.Errorf("targets = %v, want %v", targets, want)
	}
	wantLeft := []string{
		"aws_appautoscaling_policy.table: depends on aws_appautoscaling_target.table",
		"aws_appautoscaling_target.table: emulator gap aws_appautoscaling_target",
		"module.m.aws_sqs_queue.d: depends on aws_appautoscaling_policy.table",
	}
	if !reflect.DeepEqual(left, wantLeft) {
		t.Errorf("left = %q, want %q", left, wantLeft)
	}
	if targets, left := applyTargets(dot, map[string]Gap{"aws_redshift_cluster": {}}); targets != nil || left != nil {
		t.Errorf("without a gap resource: targets %v, left %v; want both nil (apply everything)", targets, left)
	}
}

func TestPlannedChangesAndState(t *testing.T) {
	out := []byte(`{"type":"planned_change","change":{"resource":{"addr":"aws_s3_bucket.b","resource":"aws_s3_bucket.b","resource_type":"aws_s3_bucket"},"action":"create"}}
{"type":"planned_change","change":{"resource":{"addr":"data.aws_iam_policy_document.p","resource":"data.aws_iam_policy_document.p","resource_type":"aws_iam_policy_document"},"action":"read"}}
{"type":"planned_change","change":{"resource":{"addr":"aws_subnet.private[0]","resource":"aws_subnet.private[0]","resource_type":"aws_subnet"},"action":"update"}}
{"type":"change_summary","changes":{"add":1,"change":1,"remove":0}}
`)
	got := plannedChanges(out)
	if len(got) != 2 || got[0].String() != "aws_s3_bucket.b (create)" || got[1].String() != "aws_subnet.private[0] (update)" {
		t.Fatalf("changes = %v", got)
	}
	dir := t.TempDir()
	write(t, dir, "terraform.tfstate", `{"version":4,"resources":[
{"mode":"data","type":"aws_region","name":"current","instances":[{}]},
{"mode":"managed","type":"aws_subnet","name":"private","instances":[{"index_key":0},{"index_key":1}]},
{"module":"module.m","mode":"managed","type":"aws_sqs_queue","name":"q","instances":[{"index_key":"a"}]},
{"mode":"managed","type":"aws_vpc","name":"main","instances":[{}]}]}`)
	addrs, err := stateResources(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"aws_subnet.private[0]", "aws_subnet.private[1]", "aws_vpc.main", `module.m.aws_sqs_queue.q["a"]`}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("state = %q, want %q", addrs, want)
	}
	if addrs, err := stateResources(filepath.Join(dir, "missing.tfstate")); err != nil || addrs != nil {
		t.Fatalf("missing state: %v, %v", addrs, err)
	}
}

func TestInlineIgnores(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "alb.tf", `# A public web application is reached from the internet: the load
# balancer must be internet-facing.
#trivy:ignore:AVD-AWS-0053
resource "aws_lb" "main" {
  internal = false
}

#trivy:ignore:AVD-AWS-0054
resource "aws_lb_listener" "http" {
}

resource "aws_lb_listener" "https" {
  #trivy:ignore:AVD-AWS-0047 the policy is the newest TLS 1.3 one
}
`)
	all, bare, err := inlineIgnores(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"alb.tf:3 AVD-AWS-0053", "alb.tf:8 AVD-AWS-0054", "alb.tf:13 AVD-AWS-0047"}; !reflect.DeepEqual(all, want) {
		t.Errorf("ignores = %q, want %q", all, want)
	}
	if want := []string{"alb.tf:8 AVD-AWS-0054"}; !reflect.DeepEqual(bare, want) {
		t.Errorf("without reason = %q, want %q", bare, want)
	}
}

func TestReport(t *testing.T) {
	r := newResult("web-app/defaults")
	r.Valid, r.TFLint, r.Trivy = true, 0, map[string]int{"MEDIUM": 2, "LOW": 1}
	r.Planned, r.Applied, r.Replan, r.Destroyed, r.LeftBehind = 40, 38, 0, 38, 0
	r.LeftOut = []string{"aws_appautoscaling_target.x: emulator gap aws_appautoscaling_target"}
	r.fail(StepReplan, "the module does not converge")
	md := Report([]*Result{r}, nil, 12, 0)
	for _, want := range []string{
		"| web-app/defaults | ok | 0 | 0/0/2/1 | 40 | 38 | 1 | 0 | 38 | 0 | 0 | FAIL: re-plan |",
		"**re-plan failed**",
		"aws_appautoscaling_target.x: emulator gap",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "CPU") {
		t.Errorf("report names CPU time it was not given:\n%s", md)
	}
	r.Seconds, r.CPUSeconds = 10, 3
	cpu := Report([]*Result{r, r}, nil, 12, 2)
	for _, want := range []string{
		"(user + system; moto, terraform and the provider included): 6 s, 0.5 of the machine's " + strconv.Itoa(runtime.NumCPU()) + " CPUs busy on average over the 12 s",
		"CPU seconds (user + system of every program the case ran): 3 of 10 s.",
	} {
		if !strings.Contains(cpu, want) {
			t.Errorf("report lacks %q:\n%s", want, cpu)
		}
	}
	r.Seconds, r.CPUSeconds = 0, 0
	if md := Report([]*Result{r}, nil, 12, 4); !strings.Contains(md, "Cases run 4 at once") {
		t.Errorf("report does not say how many cases ran at once:\n%s", md)
	}
	if strings.Contains(md, "at once") {
		t.Errorf("report names a parallelism it was not given:\n%s", md)
	}
	if got := r.Err().Error(); got != "web-app/defaults: re-plan: the module does not converge" {
		t.Errorf("Err() = %q", got)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTolerate(t *testing.T) {
	gaps := map[string]Gap{
		"aws_lambda_function":         {Misread: []string{"kms_key_arn", "logging_config"}},
		"aws_cloudfront_distribution": {Misread: []string{"viewer_certificate[*].ssl_support_method"}},
		"aws_batch_job_queue":         {Misread: []string{"job_state_time_limit_action"}},
	}
	refs := refGraph{
		"aws_lambda_alias.live":                 {"aws_lambda_function.api"},
		"aws_iam_role_policy.schedule":          {"data.aws_iam_policy_document.schedule"},
		"data.aws_iam_policy_document.schedule": {"local.queue"},
		"local.queue":                           {"aws_batch_job_queue.main"},
		"aws_cloudwatch_event_target.submit":    {"aws_iam_role.schedule"},
		"aws_iam_role.schedule":                 nil,
		"aws_lambda_function.api":               nil,
		"aws_cloudfront_distribution.main":      nil,
		"aws_security_group.app":                nil,
		"aws_batch_job_queue.main":              nil,
	}
	fn := resourceDiff{Addr: "aws_lambda_function.api", Type: "aws_lambda_function", Actions: []string{"update"}, Leaves: []leafDiff{
		{"kms_key_arn", `""`, `"arn:aws:kms:eu-west-3:123456789012:key/k"`},
		{"logging_config", `[]`, `[{"log_format":"JSON"}]`},
		{"version", `"1"`, unknown},
	}}
	alias := resourceDiff{Addr: "aws_lambda_alias.live[0]", Type: "aws_lambda_alias", Actions: []string{"update"}, Leaves: []leafDiff{
		{"function_version", `"1"`, unknown},
	}}
	if !tolerate([]resourceDiff{fn, alias}, gaps, refs) {
		t.Error("misread arguments and their knock-on effects were not tolerated")
	}
	cf := resourceDiff{Addr: "aws_cloudfront_distribution.main[0]", Type: "aws_cloudfront_distribution", Actions: []string{"update"}, Leaves: []leafDiff{
		{"viewer_certificate[0].ssl_support_method", `"sni-only"`, `null`},
	}}
	if !tolerate([]resourceDiff{cf}, gaps, refs) {
		t.Error("a nested misread path was not tolerated")
	}
	cf.Leaves = append(cf.Leaves, leafDiff{"viewer_certificate[0].minimum_protocol_version", `"TLSv1"`, `"TLSv1.2_2021"`})
	if tolerate([]resourceDiff{cf}, gaps, refs) {
		t.Error("a sibling of a misread path was tolerated")
	}
	sg := resourceDiff{Addr: "aws_security_group.app", Type: "aws_security_group", Actions: []string{"update"}, Leaves: []leafDiff{
		{"description", `"a"`, `"b"`},
	}}
	if tolerate([]resourceDiff{fn, sg}, gaps, refs) {
		t.Error("a real change was tolerated alongside the misread ones")
	}
	if tolerate([]resourceDiff{alias}, gaps, refs) {
		t.Error("a change to unknown with no misread argument behind it was tolerated")
	}
	replace := fn
	replace.Actions = []string{"delete", "create"}
	if tolerate([]resourceDiff{replace}, gaps, refs) {
		t.Error("a replacement was tolerated")
	}

	// A whole attribute known only after apply, through a data source and a
	// local, follows from the queue's misread: tolerated.
	queue := resourceDiff{Addr: "aws_batch_job_queue.main", Type: "aws_batch_job_queue", Actions: []string{"update"}, Leaves: []leafDiff{
		{"job_state_time_limit_action", `[]`, `[{"action":"CANCEL"}]`},
	}}
	policy := resourceDiff{Addr: "aws_iam_role_policy.schedule", Type: "aws_iam_role_policy", Actions: []string{"update"},
		Attrs: []attrDiff{{"policy", `"{}"`, unknown}}}
	if !tolerate([]resourceDiff{queue, policy}, gaps, refs) {
		t.Error("a value that follows from a misread through a data source and a local was not tolerated")
	}
	// The same unknown in a resource that refers to nothing misread is a
	// real perpetual diff, even with a misread elsewhere in the plan.
	target := resourceDiff{Addr: "aws_cloudwatch_event_target.submit", Type: "aws_cloudwatch_event_target", Actions: []string{"update"},
		Attrs: []attrDiff{{"input", `"{}"`, unknown}}}
	if tolerate([]resourceDiff{queue, target}, gaps, refs) {
		t.Error("a value known only after apply, unrelated to any misread, was tolerated")
	}
	alias.Leaves = nil
	alias.Attrs = []attrDiff{{"function_version", `"1"`, unknown}}
	if tolerate([]resourceDiff{queue, alias}, gaps, refs) {
		t.Error("an unknown that follows from a resource with no misread change was tolerated")
	}
}

func TestModuleRefs(t *testing.T) {
	dir := t.TempDir()
	src := `locals {
  queue = aws_batch_job_queue.main.arn
  name  = "${var.name}-x"
}

resource "aws_batch_job_queue" "main" {
  name = local.name
}

data "aws_iam_policy_document" "schedule" {
  statement {
    resources = [local.queue, aws_iam_role.batch[0].arn]
  }
}

resource "aws_iam_role" "batch" {
  count = var.on ? 1 : 0
  name  = "${local.name}-${count.index}"
}

resource "aws_iam_role_policy" "schedule" {
  policy     = data.aws_iam_policy_document.schedule.json
  depends_on = [aws_batch_job_queue.main]
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := moduleRefs(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := refGraph{
		"local.queue":                           {"aws_batch_job_queue.main"},
		"local.name":                            nil,
		"aws_batch_job_queue.main":              {"local.name"},
		"data.aws_iam_policy_document.schedule": {"aws_iam_role.batch", "local.queue"},
		"aws_iam_role.batch":                    {"local.name"},
		"aws_iam_role_policy.schedule":          {"aws_batch_job_queue.main", "data.aws_iam_policy_document.schedule"},
	}
	if len(g) != len(want) {
		t.Errorf("graph has %d nodes, want %d: %v", len(g), len(want), g)
	}
	for k, w := range want {
		if strings.Join(g[k], ",") != strings.Join(w, ",") {
			t.Errorf("%s refers to %v, want %v", k, g[k], w)
		}
	}
	if !g.Reaches("aws_iam_role_policy.schedule", map[string]bool{"aws_batch_job_queue.main": true}) {
		t.Error("reaches misses a path through a data source and a local")
	}
	if g.Reaches("aws_iam_role.batch", map[string]bool{"aws_batch_job_queue.main": true}) {
		t.Error("reaches found a path that does not exist")
	}
}

func TestLeafDiffs(t *testing.T) {
	before := map[string]any{"launch_template": []any{map[string]any{"id": "lt-1", "version": "1"}}}
	after := map[string]any{"launch_template": []any{map[string]any{"id": "lt-1"}}}
	unknownAfter := map[string]any{"launch_template": []any{map[string]any{"version": true}}}
	got := leafDiffs("launch_template", before["launch_template"], after["launch_template"], unknownAfter["launch_template"])
	if len(got) != 1 || got[0].String() != `launch_template[0].version: "1" → `+unknown {
		t.Errorf("leaves = %v", got)
	}
}

// TestStartOrder: the life-cycle cases, the longest, start first; the
// others keep the order given, and every case starts exactly once.
func TestStartOrder(t *testing.T) {
	cases := []Case{{Name: "a/1"}, {Name: "a/2", Lifecycle: true}, {Name: "b/1"}, {Name: "b/2"}, {Name: "c/1", Lifecycle: true}}
	var got []string
	for _, i := range startOrder(cases) {
		got = append(got, cases[i].Name)
	}
	if want := []string{"a/2", "c/1", "a/1", "b/1", "b/2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("start order %q, want %q", got, want)
	}
}

// TestSlowOperations reads terraform's -json apply_complete messages and
// keeps only the operations of slowWait seconds or more.
func TestSlowOperations(t *testing.T) {
	out := strings.Join([]string{
		`{"@level":"info","@message":"aws_lb.main: Creation complete after 61s","hook":{"resource":{"addr":"aws_lb.main"},"action":"create","elapsed_seconds":61},"type":"apply_complete"}`,
		`{"@level":"info","@message":"aws_vpc.main: Creation complete after 10s","hook":{"resource":{"addr":"aws_vpc.main"},"action":"create","elapsed_seconds":10},"type":"apply_complete"}`,
		`{"@level":"info","hook":{"resource":{"addr":"aws_db_instance.main"},"action":"delete","elapsed_seconds":` + strconv.Itoa(slowWait) + `},"type":"apply_complete"}`,
		`{"@level":"info","hook":{"resource":{"addr":"aws_db_instance.main"},"action":"delete","elapsed_seconds":70},"type":"apply_progress"}`,
		`not json`,
	}, "\n")
	got := slowOperations(StepApply, []byte(out))
	want := []Wait{{StepApply, "aws_lb.main", "create", 61}, {StepApply, "aws_db_instance.main", "delete", slowWait}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("slow operations %v, want %v", got, want)
	}
}

// TestCPUMeter checks that a case's CPU time counts what its programs and
// their children used, and nothing outside the meter.
func TestCPUMeter(t *testing.T) {
	// A shell that starts a shell that spins: the grandchild's CPU time
	// must reach the meter through the waits of its parents.
	spin := command{Name: "sh", Args: []string{"-c", `sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; exit 0`}, Timeout: time.Minute}
	m := &cpuMeter{}
	if _, err := run(withCPUMeter(context.Background(), m), spin); err != nil {
		t.Fatal(err)
	}
	if m.Seconds() < 0.05 {
		t.Errorf("meter counted %.3f s for a busy loop", m.Seconds())
	}
	before := m.Seconds()
	if _, err := run(context.Background(), spin); err != nil {
		t.Fatal(err)
	}
	if m.Seconds() != before {
		t.Errorf("a program run outside the meter was counted: %.3f s → %.3f s", before, m.Seconds())
	}
}

// TestProtectedInState checks that deletion protection is turned off in an
// apply of its own only where the state holds it on.
func TestProtectedInState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "terraform.tfstate")
	if err := os.WriteFile(state, []byte(`{"version": 4, "resources": [
		{"mode": "managed", "type": "aws_db_instance", "name": "main", "instances": [{"attributes": {"deletion_protection": true}}]},
		{"mode": "managed", "type": "aws_lb", "name": "main", "instances": [{"attributes": {"enable_deletion_protection": false}}]},
		{"module": "module.other", "mode": "managed", "type": "aws_dynamodb_table", "name": "jobs", "instances": [{"attributes": {"deletion_protection_enabled": true}}]},
		{"mode": "data", "type": "aws_rds_cluster", "name": "main", "instances": [{"attributes": {"deletion_protection": true}}]}
	]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var all []resourceOverride
	for _, p := range []resourceOverride{
		{Type: "aws_db_instance", Name: "main", Arg: "deletion_protection"},
		{Type: "aws_lb", Name: "main", Arg: "enable_deletion_protection"},
		{Type: "aws_dynamodb_table", Name: "jobs", Arg: "deletion_protection_enabled"},
		{Type: "aws_rds_cluster", Name: "main", Arg: "deletion_protection"},
		{Type: "aws_instance", Name: "bastion", Arg: "disable_api_termination"},
	} {
		p.Value = cty.False
		all = append(all, p)
	}
	got, err := protectedInState(state, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Type != "aws_db_instance" {
		t.Errorf("protected in state: %v, want only aws_db_instance.main (the load balancer's protection is off, the table is another module's, the cluster a data source, the instance not created)", got)
	}
	if got, err := protectedInState(filepath.Join(t.TempDir(), "none.tfstate"), all); err != nil || len(got) != 0 {
		t.Errorf("without a state: %v, %v; want nothing to turn off", got, err)
	}
}

func TestParallelFor(t *testing.T) {
	const gib = 1 << 30
	for _, c := range []struct {
		cpus  int
		avail uint64
		want  int
	}{
		{2, 20 * gib, 8}, // the CI machine: four per CPU
		{1, 20 * gib, 4},
		{16, 64 * gib, maxParallel},
		{2, 6*gib + gib/2, 6}, // memory holds six cases, not eight
		{2, 0, 8},             // memory unknown: the CPU rule alone
		{2, gib / 2, 1},       // never fewer than one
	} {
		if got := parallelFor(c.cpus, c.avail); got != c.want {
			t.Errorf("parallelFor(%d CPUs, %.1f GiB) = %d, want %d", c.cpus, float64(c.avail)/gib, got, c.want)
		}
	}
	if availableMemory() == 0 {
		t.Log("MemAvailable not readable here: DefaultParallel uses the CPU rule alone")
	}
}

// TestMergeStates checks that the left-behind check refreshes every state
// the stack reached in one state, and names each leftover by the state and
// address it came from.
func TestMergeStates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := write("after-apply.tfstate", `{"version": 4, "lineage": "a", "outputs": {"url": {"value": "x", "type": "string"}}, "resources": [
		{"mode": "managed", "type": "aws_ecs_cluster", "name": "main", "instances": [{"attributes": {"id": "c1"}}]},
		{"mode": "managed", "type": "aws_ecs_service", "name": "service", "instances": [{"index_key": "app", "attributes": {"id": "s1"}, "dependencies": ["aws_ecs_cluster.main"]}]}
	]}`)
	second := write("after-edit.tfstate", `{"version": 4, "lineage": "b", "resources": [
		{"mode": "managed", "type": "aws_ecs_service", "name": "service", "instances": [{"index_key": "app", "attributes": {"id": "s2"}, "dependencies": ["aws_ecs_cluster.main"]}]}
	]}`)
	merged := filepath.Join(dir, "merged.tfstate")
	if err := mergeStates([]string{first, second}, merged); err != nil {
		t.Fatal(err)
	}
	addrs, err := stateResources(merged)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"aws_ecs_cluster.main", `aws_ecs_service.service["app"]`, `aws_ecs_service.service` + leftBehindSuffix + `1["app"]`}
	if !reflect.DeepEqual(addrs, want) {
		t.Fatalf("merged state holds %q, want %q", addrs, want)
	}
	data, _ := os.ReadFile(merged)
	if !strings.Contains(string(data), `"aws_ecs_cluster.main`+leftBehindSuffix+`1"`) {
		t.Errorf("the second state's dependencies were not renamed with its resources:\n%s", data)
	}
	if strings.Contains(string(data), `"url"`) {
		t.Errorf("the merged state keeps outputs the refresh configuration does not declare:\n%s", data)
	}
	for _, c := range []struct {
		addr string
		n    int
		orig string
	}{
		{`aws_ecs_service.service["app"]`, 0, `aws_ecs_service.service["app"]`},
		{`aws_ecs_service.service` + leftBehindSuffix + `2["app"]`, 2, `aws_ecs_service.service["app"]`},
		{`module.db.aws_db_instance.main` + leftBehindSuffix + `1`, 1, `module.db.aws_db_instance.main`},
	} {
		if n, orig := leftBehindOrigin(c.addr); n != c.n || orig != c.orig {
			t.Errorf("leftBehindOrigin(%s) = %d, %s; want %d, %s", c.addr, n, orig, c.n, c.orig)
		}
	}
}
