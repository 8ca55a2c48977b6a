package blueprints

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// The Redshift questions, through scheduled-batch: scaffold (Go) and the
// generated validation blocks (Terraform) refuse the same answers.
func TestRedshiftRulesAgreeWithTerraform(t *testing.T) {
	b := ScheduledBatch()
	on := func(kv ...string) map[string]string {
		m := map[string]string{"redshift_load": "true"}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	prov := func(kv ...string) map[string]string {
		return on(append([]string{"redshift_deployment", "provisioned"}, kv...)...)
	}
	for _, tc := range []struct {
		set     map[string]string
		refused string // the one question refused, or ""
	}{
		{on(), ""},
		{on("az_count", "2"), "az_count"},
		{prov("az_count", "2"), ""},
		{map[string]string{"az_count": "2"}, ""}, // no Redshift: two zones do
		{on("redshift_base_capacity_rpu", "4"), ""},
		{on("redshift_base_capacity_rpu", "12"), "redshift_base_capacity_rpu"},
		{on("redshift_base_capacity_rpu", "512"), ""},
		{on("redshift_base_capacity_rpu", "520"), "redshift_base_capacity_rpu"},
		{on("redshift_base_capacity_rpu", "0"), "redshift_base_capacity_rpu"},
		{prov("redshift_node_type", "ra3.large", "redshift_node_count", "1"), ""},
		{prov("redshift_node_type", "ra3.4xlarge", "redshift_node_count", "1"), "redshift_node_count"},
		{prov("redshift_node_type", "ra3.4xlarge", "redshift_node_count", "32"), ""},
		{prov("redshift_node_type", "ra3.4xlarge", "redshift_node_count", "33"), "redshift_node_count"},
		{prov("redshift_node_type", "ra3.xlplus", "redshift_node_count", "17"), "redshift_node_count"},
		{prov("redshift_node_type", "ra3.16xlarge", "redshift_node_count", "128"), ""},
		{prov("redshift_node_type", "dc2.large"), "redshift_node_type"},
		{on("redshift_database_name", "dev"), ""},
		{on("redshift_database_name", "Sales"), "redshift_database_name"},
		{on("redshift_database_name", "user"), "redshift_database_name"},
		{on("redshift_database_name", strings.Repeat("a", 65)), "redshift_database_name"},
		{on("redshift_admin_username", "public"), "redshift_admin_username"},
		{on("redshift_admin_username", "select"), "redshift_admin_username"},
		{on("redshift_admin_username", "etl_1"), ""},
		{on("redshift_table", "staging.daily"), ""},
		{on("redshift_table", "public.table"), "redshift_table"},
		{on("redshift_table", "a.b.c"), "redshift_table"},
		{on("redshift_table", "_t"), ""},
		{on("redshift_load_format", "avro"), "redshift_load_format"},
	} {
		t.Run(fmt.Sprint(tc.set), func(t *testing.T) {
			r := checkSample(t, b, tc.set)
			want := map[string]bool{}
			if tc.refused != "" {
				want[tc.refused] = true
			}
			if !maps.Equal(r.goRefused, want) {
				t.Errorf("scaffold refuses %v, want %v", r.goRefused, want)
			}
			if !maps.Equal(r.tfRefused, want) {
				t.Errorf("Terraform refuses %v, want %v", r.tfRefused, want)
			}
		})
	}
}

// Redshift Serverless needs three zones: az_count defaults to 3 with it,
// and stays 2 with a cluster or without Redshift.
func TestRedshiftAZCountDefault(t *testing.T) {
	b := ScheduledBatch()
	for _, tc := range []struct {
		set  map[string]string
		want float64
	}{
		{nil, 2},
		{map[string]string{"redshift_load": "true"}, awsfacts.RedshiftServerlessMinAZs},
		{map[string]string{"redshift_load": "true", "redshift_deployment": "provisioned"}, 2},
	} {
		given := map[string]spec.Given{}
		for k, v := range tc.set {
			q := b.Question(k)
			val, d := q.ParseText(v)
			if d != nil {
				t.Fatal(d)
			}
			given[k] = spec.Given{Value: val}
		}
		res, err := b.Resolve(given, nil, true)
		if err != nil {
			t.Fatalf("%v: %v", tc.set, err)
		}
		if got := res.Answers.Float("az_count"); got != tc.want {
			t.Errorf("%v: az_count defaults to %v, want %v", tc.set, got, tc.want)
		}
	}
}

// The node count rule against an independent reading of AWS's node type
// table: every count from 0 to 130 on every type.
func TestRedshiftNodeCountTable(t *testing.T) {
	allowed := map[string]func(n int) bool{
		"ra3.large":    func(n int) bool { return n == 1 || n >= 2 && n <= 16 },
		"ra3.xlplus":   func(n int) bool { return n >= 1 && n <= 16 },
		"ra3.4xlarge":  func(n int) bool { return n >= 2 && n <= 32 },
		"ra3.16xlarge": func(n int) bool { return n >= 2 && n <= 128 },
	}
	b := ScheduledBatch()
	for typ, ok := range allowed {
		for n := 0; n <= 130; n += 1 {
			if n > 20 && n%7 != 0 && n != 32 && n != 33 && n != 128 && n != 129 {
				continue
			}
			r := checkSample(t, b, map[string]string{"redshift_load": "true", "redshift_deployment": "provisioned", "redshift_node_type": typ, "redshift_node_count": fmt.Sprint(n)})
			if got := !r.goRefused["redshift_node_count"]; got != ok(n) {
				t.Errorf("%s × %d: scaffold accepts %v, want %v", typ, n, got, ok(n))
			}
			if got := !r.tfRefused["redshift_node_count"]; got != ok(n) {
				t.Errorf("%s × %d: Terraform accepts %v, want %v", typ, n, got, ok(n))
			}
		}
	}
}
