package templates

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// A partial's input refuses what its constructor cannot honour, so a typo
// in a template fails the render instead of emitting wrong Terraform.
func TestPartialInputRefusesBadFields(t *testing.T) {
	role := []any{"Label", "lambda", "Name", "${local.prefix}-lambda", "Service", "lambda.amazonaws.com", "DeputyWhy", "why"}
	for _, tc := range []struct {
		name string
		kv   []any
		want string
	}{
		{"unknown key", append(role[:len(role):len(role)], "Servce", "x"), `unknown field "Servce"`},
		{"missing required", []any{"Label", "lambda", "Service", "lambda.amazonaws.com", "DeputyWhy", "why"}, "required field Name is missing"},
		{"wrong type", append(role[:len(role):len(role)], "InstanceProfile", "yes"), "field InstanceProfile is bool"},
		{"odd count", append(role[:len(role):len(role)], "Description"), "odd number of arguments"},
		{"given twice", append(role[:len(role):len(role)], "Label", "other"), "field Label given twice"},
		{"arn without source", []any{"Label", "x", "Name", "x", "Service", "events.amazonaws.com", "Deputy", "arn", "DeputyWhy", "why"}, "SourceArnExpr goes with Deputy arn"},
		{"condition without why", []any{"Label", "x", "Name", "x", "Service", "lambda.amazonaws.com"}, "DeputyWhy"},
		{"why without condition", []any{"Label", "x", "Name", "x", "Service", "ec2.amazonaws.com", "Deputy", "none", "DeputyWhy", "why"}, "DeputyWhy"},
		{"unknown deputy", []any{"Label", "x", "Name", "x", "Service", "ec2.amazonaws.com", "Deputy", "nobody"}, `Deputy "nobody"`},
		{"shared trust with own fields", []any{"Label", "x", "Name", "x", "TrustLabel", "shared", "DeputyWhy", "why"}, "sets no trust fields"},
		{"attachment label without policy", []any{"Label", "x", "Name", "x", "TrustLabel", "shared", "AttachmentLabel", "x_ssm"}, "AttachmentLabel"},
		{"instance profile without permissions", []any{"Label", "x", "Name", "x", "TrustLabel", "shared", "InstanceProfile", true}, "has none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := build[ServiceRole]("serviceRole")(tc.kv...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
	r, err := build[ServiceRole]("serviceRole")(role...)
	if err != nil {
		t.Fatal(err)
	}
	if r.Deputy != "account" || r.TrustLabel != "lambda_assume" || r.AttachmentLabel != "lambda" {
		t.Errorf("defaults not filled in: %+v", r)
	}
	for _, kv := range [][]any{
		{"Direction", "ingress", "Label", "x", "GroupExpr", "g", "Description", "d", "PortExpr", "443"},
		{"Direction", "ingress", "Label", "x", "GroupExpr", "g", "Description", "d", "PortExpr", "443", "CIDRExpr", "c", "PeerGroupExpr", "p"},
		{"Direction", "inbound", "Label", "x", "GroupExpr", "g", "Description", "d", "PortExpr", "443", "CIDRExpr", "c"},
	} {
		if _, err := build[SGRule]("sgRule")(kv...); err == nil {
			t.Errorf("sgRule%q: no error", kv)
		}
	}
}

// The function partial refuses a comment without its setting and a setting
// without its comment, and fills in the conventional variables.
func TestLambdaFunctionInput(t *testing.T) {
	fn := []any{"Label", "api", "NameExpr", "local.n", "Description", "d", "RoleExpr", "aws_iam_role.l.arn", "PermissionsExpr", "aws_iam_role_policy.l",
		"Package", "build/lambda.zip", "Handler", "handler.handler", "LogGroupLabel", "lambda", "EnvironmentWhy", "why", "TracingWhy", "why"}
	for _, tc := range []struct {
		name string
		kv   []any
		want string
	}{
		{"cap without why", []any{"ReservedConcurrencyExpr", "var.r"}, "ReservedConcurrencyWhy goes with"},
		{"why without cap", []any{"ReservedConcurrencyWhy", "w"}, "ReservedConcurrencyWhy goes with"},
		{"dead letter without why", []any{"DeadLetterExpr", "aws_sqs_queue.q.arn"}, "DeadLetterWhy goes with"},
		{"publish without why", []any{"Publish", true}, "PublishWhy goes with"},
		{"why without publish", []any{"PublishWhy", "w"}, "PublishWhy goes with"},
		{"no log group", nil, "required field LogGroupLabel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kv := append(fn[:len(fn):len(fn)], tc.kv...)
			if tc.kv == nil {
				kv = append(fn[:14:14], fn[16:]...)
			}
			_, err := build[LambdaFunction]("lambdaFunction")(kv...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
	f, err := build[LambdaFunction]("lambdaFunction")(fn...)
	if err != nil {
		t.Fatal(err)
	}
	if f.RuntimeExpr != "var.runtime" || f.MemoryExpr != "var.memory_mb" || f.TimeoutExpr != "var.timeout_s" || f.LoggingWhy == "" {
		t.Errorf("defaults not filled in: %+v", f)
	}
}

// Every partial defined is used by some component template, so none rots
// unseen.
func TestEveryPartialIsUsed(t *testing.T) {
	defs := map[string]bool{}
	uses := map[string]bool{}
	define := regexp.MustCompile(`\{\{-? ?define "(\w+)"`)
	call := regexp.MustCompile(`\{\{-? ?template "(\w+)"`)
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tmpl") {
			return err
		}
		src, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		for _, m := range define.FindAllStringSubmatch(string(src), -1) {
			defs[m[1]] = true
		}
		if !strings.HasPrefix(p, PartialsDir+"/") {
			for _, m := range call.FindAllStringSubmatch(string(src), -1) {
				uses[m[1]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) == 0 {
		t.Fatal("no partials found")
	}
	for d := range defs {
		if !uses[d] {
			t.Errorf("partial %s is used by no component", d)
		}
	}
}

func TestLineComment(t *testing.T) {
	for _, tc := range []struct {
		indent int
		prose  string
		want   string
	}{
		{0, "", ""},
		{2, "Short.", "  # Short."},
		{4, "Only Lambda acting for this account may take the role (confused deputy protection).",
			"    # Only Lambda acting for this account may take the role (confused deputy\n    # protection)."},
		{4, "Only Lambda acting for this account may take the role (confused\ndeputy protection).",
			"    # Only Lambda acting for this account may take the role (confused\n    # deputy protection)."},
	} {
		if got := lineComment(tc.indent, tc.prose); got != tc.want {
			t.Errorf("lineComment(%d, %q):\n%s\nwant:\n%s", tc.indent, tc.prose, got, tc.want)
		}
	}
}
