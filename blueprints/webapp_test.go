package blueprints

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/tftest"
	"github.com/zclconf/go-cty/cty"
)

// TestEveryEngineHasMasterUserRules: a db_engine choice without master user
// rules would let any reserved name through.
func TestEveryEngineHasMasterUserRules(t *testing.T) {
	for _, e := range WebApp().Question("db_engine").ChoiceValues() {
		if e != "none" && !slices.Contains(awsfacts.MasterUserEngines(), e) {
			t.Errorf("db_engine %s has no master user rules in awsfacts/rds.go", e)
		}
	}
}

// TestWebAppInstanceTypesFromTheTable: instance types and DB classes are
// checked against the tables, not a pattern. Terraform holds the family
// lists (so a made-up family is refused on a later edit as well); the
// exact sizes are scaffold's check alone.
func TestWebAppInstanceTypesFromTheTable(t *testing.T) {
	b := WebApp()
	for _, tc := range []struct {
		set          map[string]string
		goRef, tfRef string
	}{
		{map[string]string{"instance_type": "t3.micro"}, "", ""},
		{map[string]string{"instance_type": "m7g.large"}, "", ""},
		{map[string]string{"instance_type": "c7i.metal-24xl"}, "", ""},
		{map[string]string{"instance_type": "z9.large"}, "instance_type", "instance_type"},
		{map[string]string{"instance_type": "c6i"}, "instance_type", "instance_type"},
		{map[string]string{"instance_type": "c6i.nano"}, "instance_type", ""},
		{map[string]string{"instance_type": "a1.large"}, "instance_type", "instance_type"},
		{map[string]string{"db_instance_class": "db.r7g.large"}, "", ""},
		{map[string]string{"db_instance_class": "db.zz9.huge"}, "db_instance_class", "db_instance_class"},
		{map[string]string{"db_instance_class": "db"}, "db_instance_class", "db_instance_class"},
		{map[string]string{"db_instance_class": "db.t4g.nano"}, "db_instance_class", ""},
		{map[string]string{"db_instance_class": "db.m6g.medium"}, "db_instance_class", ""},
	} {
		t.Run(fmt.Sprint(tc.set), func(t *testing.T) {
			r := checkSample(t, b, tc.set)
			want := func(k string) map[string]bool {
				if k == "" {
					return map[string]bool{}
				}
				return map[string]bool{k: true}
			}
			if !maps.Equal(r.goRefused, want(tc.goRef)) {
				t.Errorf("scaffold refuses %v, want %v", r.goRefused, want(tc.goRef))
			}
			if !maps.Equal(r.tfRefused, want(tc.tfRef)) {
				t.Errorf("Terraform refuses %v, want %v", r.tfRefused, want(tc.tfRef))
			}
		})
	}
}

// TestVPCRangeWarnings: a public range or Docker's bridge range is accepted
// (AWS accepts it) with a warning; private ranges give none.
func TestVPCRangeWarnings(t *testing.T) {
	for cidr, want := range map[string]string{
		"10.0.0.0/16":    "",
		"192.168.0.0/16": "",
		"172.31.0.0/16":  "",
		"8.8.0.0/16":     "RFC 1918",
		"172.17.0.0/16":  "Docker",
		"10.0.0.0/23":    "",
		"172.16.0.0/12":  "", // /12 is refused by the /16–/23 rule, not warned
		// /24 would give /28 subnets, below a load balancer's /27.
		"10.0.0.0/24": "",
	} {
		res, err := WebApp().Resolve(map[string]spec.Given{"vpc_cidr": {Value: cty.StringVal(cidr), Source: spec.FromFlag}}, nil, true)
		if cidr == "172.16.0.0/12" || cidr == "10.0.0.0/24" {
			if err == nil {
				t.Errorf("vpc_cidr %s is accepted", cidr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("vpc_cidr %s: %v", cidr, err)
		}
		got := ""
		for _, w := range res.Warnings {
			if w.Key == "vpc_cidr" {
				got += w.Error()
			}
		}
		if (want == "") != (got == "") || (want != "" && !strings.Contains(got, want)) {
			t.Errorf("vpc_cidr %s: warnings %q, want one mentioning %q", cidr, got, want)
		}
	}
}

// TestVPCRangeGoAndTerraformAgree: scaffold's check and the module's
// validation judge vpc_cidr alike, non-canonical forms included: a tester
// found 10.0.0.0/023 accepted by scaffold (net.ParseCIDR reads the leading
// zero) and refused by the module it wrote. The in-process evaluation of
// checkSample lacks Terraform's cidr functions, so this plans a
// configuration holding the question's conditions, one variable per
// sample, with the real terraform.
func TestVPCRangeGoAndTerraformAgree(t *testing.T) {
	tf := tftest.Find(t)
	samples := []string{"10.0.0.0/16", "10.0.0.0/23", "192.168.4.0/22", "10.0.0.0/023", "10.0.0.0/016", "10.0.0.1/23",
		"010.0.0.0/23", "10.0.0.0/24", "10.0.0.0/15", "10.0.0.0", "10.0.0.0/16 ", " 10.0.0.0/16", "::ffff:10.0.0.0/112", "10.0.0.0/+16", "10.0.0.0/1e1"}
	q := WebApp().Question("vpc_cidr")
	def, err := WebApp().Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	var conds []string
	for _, r := range q.Rules {
		if c := r.TerraformCondition(q.Key, def.Answers); c != nil {
			conds = append(conds, string(spec.Text(c)))
		}
	}
	var cfg strings.Builder
	for i, s := range samples {
		fmt.Fprintf(&cfg, "variable \"sample_%d\" {\n  type    = string\n  default = %q\n", i, s)
		for _, c := range conds {
			fmt.Fprintf(&cfg, "  validation {\n    condition     = %s\n    error_message = \"refused sample_%d\"\n  }\n", strings.ReplaceAll(c, "var."+q.Key, fmt.Sprintf("var.sample_%d", i)), i)
		}
		cfg.WriteString("}\n")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := tf.Run(dir, "plan", "-input=false", "-no-color")
	for i, s := range samples {
		tfRefused := regexp.MustCompile(fmt.Sprintf(`refused sample_%d\b`, i)).Match(out)
		goRefused := len(q.Validate(cty.StringVal(s), def.Answers)) > 0
		if tfRefused != goRefused {
			t.Errorf("vpc_cidr %q: scaffold refuses it: %v, the module's validation: %v", s, goRefused, tfRefused)
		}
	}
	if !strings.Contains(string(out), "refused sample_") {
		t.Fatalf("terraform refused no sample, so the comparison proves nothing:\n%s", out)
	}
}
