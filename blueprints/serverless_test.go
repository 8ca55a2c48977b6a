package blueprints_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// serverlessGiven turns literal answers into the resolver's input.
func serverlessGiven(values map[string]cty.Value) map[string]spec.Given {
	given := map[string]spec.Given{}
	for k, v := range values {
		given[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	return given
}

// serverlessResolve resolves answers with defaults for the rest.
func serverlessResolve(t *testing.T, values map[string]cty.Value) (*spec.Resolved, error) {
	t.Helper()
	return blueprints.ServerlessAPI().Resolve(serverlessGiven(values), nil, true)
}

// serverlessRejects asserts that exactly the given key is rejected, with a
// message holding want.
func serverlessRejects(t *testing.T, values map[string]cty.Value, key, want string) {
	t.Helper()
	_, err := serverlessResolve(t, values)
	var errs spec.Diagnostics
	if !errors.As(err, &errs) {
		t.Fatalf("answers %v: want an Diagnostics naming %s, got %v", values, key, err)
	}
	for _, e := range errs {
		if e.Key == key && strings.Contains(e.Error(), want) {
			return
		}
	}
	t.Fatalf("answers %v: no error on %s containing %q; got:\n%v", values, key, want, err)
}

// serverlessFuncs are the Terraform functions the validation conditions of
// this blueprint use, so tests can evaluate them as Terraform would.
var serverlessFuncs = map[string]function.Function{
	"can":   tryfunc.CanFunc,
	"regex": stdlib.RegexFunc,
	// Terraform's length counts the characters of a string too.
	"length": function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if args[0].Type() == cty.String {
				return stdlib.Strlen(args[0])
			}
			return stdlib.Length(args[0])
		},
	}),
	"floor":    stdlib.FloorFunc,
	"contains": stdlib.ContainsFunc,
	"startswith": function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "prefix", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(strings.HasPrefix(args[0].AsString(), args[1].AsString())), nil
		},
	}),
}

// serverlessConditionsHold evaluates every validation condition of the
// blueprint, as generated for answers gen, against the variable values vars.
// It returns the keys whose conditions fail.
func serverlessConditionsHold(t *testing.T, gen spec.Answers, vars map[string]cty.Value) []string {
	t.Helper()
	b := blueprints.ServerlessAPI()
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(vars)},
		Functions: serverlessFuncs,
	}
	var failed []string
	for _, q := range b.Questions {
		for _, r := range q.Rules {
			cond := r.TerraformCondition(q.Key, gen)
			if cond == nil {
				continue
			}
			src := spec.Text(cond)
			expr, diags := hclsyntax.ParseExpression(src, q.Key, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("%s: condition %s does not parse: %s", q.Key, src, diags.Error())
			}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				t.Fatalf("%s: condition %s: %s", q.Key, src, diags.Error())
			}
			if !v.True() {
				failed = append(failed, q.Key)
			}
		}
	}
	return failed
}

// serverlessVars is every resolved answer as the var object Terraform sees.
func serverlessVars(a spec.Answers) map[string]cty.Value {
	vars := map[string]cty.Value{}
	for _, k := range a.Keys() {
		vars[k] = a.Get(k)
	}
	return vars
}

func TestServerlessDefaultsResolve(t *testing.T) {
	res, err := serverlessResolve(t, nil)
	if err != nil {
		t.Fatalf("the defaults are rejected: %v", err)
	}
	if failed := serverlessConditionsHold(t, res.Answers, serverlessVars(res.Answers)); len(failed) > 0 {
		t.Errorf("Terraform validations refuse the defaults scaffold accepted: %v", failed)
	}
}

// TestServerlessDefaultsFitANewAccount: in every environment, the default
// reservation must be one a new account's concurrency quota accepts, or
// the first apply fails.
func TestServerlessDefaultsFitANewAccount(t *testing.T) {
	limit := awsfacts.MaxReservedConcurrency(awsfacts.NewAccountConcurrencyQuota)
	for _, env := range []string{"dev", "prod"} {
		res, err := serverlessResolve(t, map[string]cty.Value{"environment": cty.StringVal(env)})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Answers.Float("reserved_concurrency")
		if ok := got == -1 || (limit != -1 && got <= float64(limit)); !ok {
			t.Errorf("%s: reserved_concurrency defaults to %v, which a new account (quota %d, %d kept unreserved) refuses", env, got, awsfacts.NewAccountConcurrencyQuota, awsfacts.UnreservedConcurrencyFloor)
		}
		if p := res.Answers.Float("provisioned_concurrency"); p > 0 {
			t.Errorf("%s: provisioned_concurrency defaults to %v, beyond a new account's quota", env, p)
		}
	}
}

// TestServerlessGoldenAnswersPassTerraform checks that every golden answer
// set scaffold accepts also passes the Terraform validations it generates.
func TestServerlessGoldenAnswersPassTerraform(t *testing.T) {
	b := blueprints.ServerlessAPI()
	files, err := filepath.Glob(filepath.Join("..", "golden", b.ID, "*", "answers.hcl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden answers for %s: %v", b.ID, err)
	}
	for _, f := range files {
		_, given, err := spec.ReadAnswersFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if given, err = b.ConvertGiven(given); err != nil {
			t.Fatal(err)
		}
		res, err := b.Resolve(given, nil, true)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if failed := serverlessConditionsHold(t, res.Answers, serverlessVars(res.Answers)); len(failed) > 0 {
			t.Errorf("%s: Terraform validations refuse answers scaffold accepted: %v", f, failed)
		}
	}
}

func TestServerlessTimeoutBehindHTTPAPI(t *testing.T) {
	const reason = "API Gateway HTTP API integrations time out at 30 s"
	serverlessRejects(t, map[string]cty.Value{"timeout_s": cty.NumberIntVal(31)}, "timeout_s", reason)
	serverlessRejects(t, map[string]cty.Value{"timeout_s": cty.NumberIntVal(900)}, "timeout_s", reason)
	serverlessRejects(t, map[string]cty.Value{"timeout_s": cty.NumberIntVal(0)}, "timeout_s", "between 1 and 900")

	res, err := serverlessResolve(t, map[string]cty.Value{"timeout_s": cty.NumberIntVal(30)})
	if err != nil {
		t.Fatalf("timeout_s = 30 is refused: %v", err)
	}
	// The same limit holds for a value edited later in terraform.tfvars.
	vars := serverlessVars(res.Answers)
	vars["timeout_s"] = cty.NumberIntVal(60)
	if failed := serverlessConditionsHold(t, res.Answers, vars); len(failed) != 1 || failed[0] != "timeout_s" {
		t.Errorf("timeout_s = 60 in tfvars: failing validations %v, want [timeout_s]", failed)
	}
}

func TestServerlessRuntimeFamily(t *testing.T) {
	for _, tc := range []struct {
		generated     string
		same, switch_ string
	}{
		{"python3.13", "python3.12", "nodejs22.x"},
		{"nodejs22.x", "nodejs22.x", "python3.13"},
	} {
		res, err := serverlessResolve(t, map[string]cty.Value{"runtime": cty.StringVal(tc.generated)})
		if err != nil {
			t.Fatalf("runtime %s refused: %v", tc.generated, err)
		}
		vars := serverlessVars(res.Answers)
		vars["runtime"] = cty.StringVal(tc.same)
		if failed := serverlessConditionsHold(t, res.Answers, vars); len(failed) > 0 {
			t.Errorf("generated for %s, runtime %s in tfvars: validations %v fail, want none", tc.generated, tc.same, failed)
		}
		vars["runtime"] = cty.StringVal(tc.switch_)
		if failed := serverlessConditionsHold(t, res.Answers, vars); len(failed) != 1 || failed[0] != "runtime" {
			t.Errorf("generated for %s, runtime %s in tfvars: failing validations %v, want [runtime]", tc.generated, tc.switch_, failed)
		}
	}
	q := blueprints.ServerlessAPI().Question("runtime")
	for _, r := range q.Rules {
		if !strings.Contains(r.Text, "run scaffold again") {
			t.Errorf("runtime rule %q does not say how to switch language", r.Text)
		}
	}
}

func TestServerlessCapacitiesOnlyWhenProvisioned(t *testing.T) {
	b := blueprints.ServerlessAPI()
	all := map[string]cty.Value{}
	res, err := serverlessResolve(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range res.Answers.Keys() {
		if k != "read_capacity" && k != "write_capacity" {
			all[k] = res.Answers.Get(k)
		}
	}

	// On demand: the capacities are not asked, so nothing is missing.
	all["billing_mode"] = cty.StringVal("PAY_PER_REQUEST")
	if _, err := b.Resolve(serverlessGiven(all), nil, false); err != nil {
		t.Errorf("PAY_PER_REQUEST without capacities: %v", err)
	}

	// Provisioned: both capacities must be answered.
	all["billing_mode"] = cty.StringVal("PROVISIONED")
	_, err = b.Resolve(serverlessGiven(all), nil, false)
	var missing *spec.MissingError
	if !errors.As(err, &missing) {
		t.Fatalf("PROVISIONED without capacities: want a MissingError, got %v", err)
	}
	var keys []string
	for _, q := range missing.Missing {
		keys = append(keys, q.Key)
	}
	if strings.Join(keys, ",") != "read_capacity,write_capacity" {
		t.Errorf("PROVISIONED without capacities: missing %v, want [read_capacity write_capacity]", keys)
	}
	serverlessRejects(t, map[string]cty.Value{"billing_mode": cty.StringVal("PROVISIONED"), "read_capacity": cty.NumberIntVal(0)}, "read_capacity", "between 1 and 40000")
}

func TestServerlessConcurrency(t *testing.T) {
	serverlessRejects(t, map[string]cty.Value{
		"reserved_concurrency":    cty.NumberIntVal(2),
		"provisioned_concurrency": cty.NumberIntVal(5),
	}, "provisioned_concurrency", "reserved_concurrency is 2")
	serverlessRejects(t, map[string]cty.Value{"reserved_concurrency": cty.NumberIntVal(0)}, "reserved_concurrency", "0 would stop every invocation")
	if _, err := serverlessResolve(t, map[string]cty.Value{
		"reserved_concurrency":    cty.NumberIntVal(-1),
		"provisioned_concurrency": cty.NumberIntVal(5),
	}); err != nil {
		t.Errorf("provisioned concurrency without a reservation: %v", err)
	}
}

func TestServerlessJWTAndKeys(t *testing.T) {
	serverlessRejects(t, map[string]cty.Value{"auth": cty.StringVal("jwt")}, "jwt_issuer", "https:// URL")
	serverlessRejects(t, map[string]cty.Value{"auth": cty.StringVal("jwt")}, "jwt_audience", "be set")
	serverlessRejects(t, map[string]cty.Value{
		"auth":       cty.StringVal("jwt"),
		"jwt_issuer": cty.StringVal("http://issuer.example.com"),
	}, "jwt_issuer", "https:// URL")
	if _, err := serverlessResolve(t, map[string]cty.Value{
		"auth":         cty.StringVal("jwt"),
		"jwt_issuer":   cty.StringVal("https://issuer.example.com/pool"),
		"jwt_audience": cty.StringVal("client-id"),
	}); err != nil {
		t.Errorf("a complete JWT setup is refused: %v", err)
	}
	serverlessRejects(t, map[string]cty.Value{"sort_key": cty.StringVal("id")}, "sort_key", "differ from partition_key")
	serverlessRejects(t, map[string]cty.Value{"partition_key": cty.StringVal("a b")}, "partition_key", "letters, digits")
}

func TestServerlessNameFitsDerivedNames(t *testing.T) {
	long := strings.Repeat("a", 48)
	if _, err := serverlessResolve(t, map[string]cty.Value{"name": cty.StringVal(long), "environment": cty.StringVal("prod")}); err != nil {
		t.Errorf("a 48-character name is refused: %v", err)
	}
	serverlessRejects(t, map[string]cty.Value{"name": cty.StringVal(long + "a")}, "name", `IAM role name "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn-prod-api-lambda"`)
}
