package blueprints

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
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
