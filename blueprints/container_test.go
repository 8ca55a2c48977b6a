package blueprints

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestContainerTaskSizes checks every pair of task CPU (units) and memory
// the container-service questions take against the reference table of
// batch_test.go (in vCPU), in Go and in Terraform.
func TestContainerTaskSizes(t *testing.T) {
	b := ContainerService()
	cpus := []int{128, 256, 384, 512, 1024, 2048, 3072, 4096, 8192, 16384, 32768}
	mems := []int{512, 1024, 1536, 2048, 3072, 4096, 5120, 8192, 9216, 12288, 16384, 17408, 20480, 30720, 31744, 32768, 40960, 61440, 65536, 122880, 131072}
	for _, c := range cpus {
		for _, m := range mems {
			set := map[string]string{"cpu": strconv.Itoa(c), "memory": strconv.Itoa(m)}
			r := checkSample(t, b, set)
			want := fargateAccepts(float64(c)/1024, m)
			if got := !r.goRefused["cpu"] && !r.goRefused["memory"]; got != want {
				t.Errorf("%d CPU units, %d MiB: scaffold accepts %v, want %v (%v)", c, m, got, want, r.goRefused)
			}
			if got := !r.tfRefused["cpu"] && !r.tfRefused["memory"]; got != want {
				t.Errorf("%d CPU units, %d MiB: Terraform accepts %v, want %v (%v)", c, m, got, want, r.tfRefused)
			}
		}
	}
}

func TestContainerServiceRules(t *testing.T) {
	b := ContainerService()
	long := strings.Repeat("s", MaxServiceNameLength)
	for _, tc := range []struct {
		set     map[string]string
		refused string // the one question refused, or ""
	}{
		{nil, ""},
		{map[string]string{"services": "api,web," + long}, ""},
		{map[string]string{"services": long + "s"}, "services"},
		{map[string]string{"services": "api_v2"}, "services"},
		{map[string]string{"services": "api,api"}, "services"},
		{map[string]string{"services": "a,b,c,d,e,f,g,h,i,j"}, ""},
		{map[string]string{"services": "a,b,c,d,e,f,g,h,i,j,k"}, "services"},
		{map[string]string{"services": "tmp-permissions"}, "services"},
		{map[string]string{"cpu": "1024"}, ""}, // memory follows cpu: 2048
		{map[string]string{"cpu": "1024", "memory": "1024"}, "memory"},
		{map[string]string{"container_port": "0"}, "container_port"},
		{map[string]string{"min_tasks": "3", "desired_tasks": "2"}, "desired_tasks"},
		{map[string]string{"cpu_architecture": "arm"}, "cpu_architecture"},
		{map[string]string{"image": "Nginx"}, "image"},
	} {
		r := checkSample(t, b, tc.set)
		for _, side := range []map[string]bool{r.goRefused, r.tfRefused} {
			if tc.refused == "" && len(side) > 0 || tc.refused != "" && (len(side) != 1 || !side[tc.refused]) {
				t.Errorf("%v: refused go %v, terraform %v; want only %q", tc.set, r.goRefused, r.tfRefused, tc.refused)
				break
			}
		}
	}
}

// TestLongestServiceNameFits proves MaxServiceNameLength leaves every name
// derived from a service name within its AWS limit for the longest project
// name the name question accepts, in every environment.
func TestLongestServiceNameFits(t *testing.T) {
	q := ContainerService().Questions[0]
	maxName := 0
	for n := 1; n <= 64; n++ {
		if passes(q.Rules, strings.Repeat("a", n)) {
			maxName = n
		}
	}
	for _, d := range DerivedNames(NamedComponents("container-service")...) {
		if !strings.Contains(d.After, "${each.key}") {
			continue
		}
		for _, env := range environments() {
			if n := d.For(strings.Repeat("a", maxName), env); len(n) > d.Rule.Max {
				t.Errorf("%s.%s: %q has %d characters, more than %d", d.Resource, d.Attr, n, len(n), d.Rule.Max)
			}
		}
	}
}

// TestPlaceholderHealthCheckWarnings: while a service still runs the
// placeholder image, a port or health check path the placeholder does not
// answer is accepted with a warning (its tasks would never turn healthy);
// with an image of the user's own, or the placeholder's own values, there
// is none. container-migration shares the questions, so it warns too.
func TestPlaceholderHealthCheckWarnings(t *testing.T) {
	own := "123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1.4"
	for _, tc := range []struct {
		b      *spec.Blueprint
		prefix string // of the per-item keys, "" for plain ones
		set    map[string]string
		want   []string // the keys warned about
	}{
		{ContainerService(), "app_", nil, nil},
		{ContainerService(), "app_", map[string]string{"container_port": "3000"}, []string{"container_port"}},
		{ContainerService(), "app_", map[string]string{"health_check_path": "/healthz"}, []string{"health_check_path"}},
		{ContainerService(), "app_", map[string]string{"health_check_path": "/index.html"}, nil},
		{ContainerService(), "app_", map[string]string{"image": own, "container_port": "3000", "health_check_path": "/healthz"}, nil},
		{ContainerMigration(), "", map[string]string{"container_port": "3000", "health_check_path": "/healthz"}, []string{"container_port", "health_check_path"}},
		{ContainerMigration(), "", map[string]string{"image": own, "container_port": "3000"}, nil},
	} {
		given := map[string]spec.Given{}
		for k, v := range tc.set {
			val := cty.StringVal(v)
			if k == "container_port" {
				val = cty.NumberIntVal(3000)
			}
			given[tc.prefix+k] = spec.Given{Value: val, Source: spec.FromFlag}
		}
		res, err := tc.b.Resolve(given, nil, true)
		if err != nil {
			t.Fatalf("%s %v: %v", tc.b.ID, tc.set, err)
		}
		var got []string
		for _, w := range res.Warnings {
			if k := strings.TrimPrefix(w.Key, tc.prefix); k == "container_port" || k == "health_check_path" {
				if !strings.Contains(w.Error(), "placeholder") {
					t.Errorf("%s %v: warning %q does not say it is about the placeholder", tc.b.ID, tc.set, w.Error())
				}
				got = append(got, k)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s %v: warned about %v, want %v", tc.b.ID, tc.set, got, tc.want)
		}
	}
}

// TestStaleItemKeysFromFile: re-running scaffold with the module's answers
// file and --set services=... to remove a service drops the removed
// service's per-item answers of the file, with a warning; the same key
// given by --set, or a list and key both from the file, is still refused
// (a typo there is the user's own).
func TestStaleItemKeysFromFile(t *testing.T) {
	list := func(src spec.Source, items ...string) spec.Given {
		vs := make([]cty.Value, len(items))
		for i, it := range items {
			vs[i] = cty.StringVal(it)
		}
		return spec.Given{Value: cty.ListVal(vs), Source: src}
	}
	cpu := func(src spec.Source) spec.Given { return spec.Given{Value: cty.NumberIntVal(512), Source: src} }
	for _, tc := range []struct {
		name     string
		given    map[string]spec.Given
		refused  bool
		warnedOf string
	}{
		{"list by flag, key from file", map[string]spec.Given{"services": list(spec.FromFlag, "api"), "web_cpu": cpu(spec.FromFile)}, false, "web_cpu"},
		{"list and key by flag", map[string]spec.Given{"services": list(spec.FromFlag, "api"), "web_cpu": cpu(spec.FromFlag)}, true, ""},
		{"list and key from file", map[string]spec.Given{"services": list(spec.FromFile, "api"), "web_cpu": cpu(spec.FromFile)}, true, ""},
	} {
		res, err := ContainerService().Resolve(tc.given, nil, true)
		if (err != nil) != tc.refused {
			t.Errorf("%s: error %v, want refused %v", tc.name, err, tc.refused)
			continue
		}
		if err != nil {
			continue
		}
		found := false
		for _, w := range res.Warnings {
			found = found || (w.Key == tc.warnedOf && strings.Contains(w.Error(), "ignored"))
		}
		if !found {
			t.Errorf("%s: warnings %q, want one saying %s is ignored", tc.name, res.Warnings.Error(), tc.warnedOf)
		}
		if got := res.Answers.List("services"); !slices.Equal(got, []string{"api"}) {
			t.Errorf("%s: services = %v", tc.name, got)
		}
	}
}

// A service's listener rule priority depends on its name alone: removing a
// service from the middle of the list, or adding one at its head, keeps
// every other service's priority, so ELB never sees two rules swap
// priorities in one apply. Two names whose priorities collide are refused.
func TestListenerRulePrioritiesAreStable(t *testing.T) {
	before := map[string]int{}
	for _, s := range []string{"web", "api", "admin-console"} {
		before[s] = ListenerRulePriority(s)
		if p := before[s]; p < 1 || p > 50000 {
			t.Errorf("%s: priority %d is outside ELB's 1 to 50000", s, p)
		}
	}
	for _, s := range []string{"web", "admin-console"} { // api removed, or "new" added first
		if ListenerRulePriority(s) != before[s] {
			t.Errorf("%s: priority moved", s)
		}
	}
	if ListenerRulePriority("svc214") != ListenerRulePriority("svc467") {
		t.Fatal("svc214 and svc467 no longer collide: pick another pair for this test and the conformance samples")
	}
	b := Lookup("container-service")
	_, err := b.Resolve(map[string]spec.Given{"services": {Value: spec.ListVal([]string{"web", "svc214", "svc467"}), Source: spec.FromFlag}}, nil, true)
	if err == nil || !strings.Contains(err.Error(), "listener rule priorities differ") {
		t.Errorf("services web, svc214, svc467 (two names with one priority): want a refusal naming the priorities, got %v", err)
	}
}

// A per-service rule that reads another answer of the same service names
// that answer by the key the user gives (api_min_tasks is 3), not the
// question's (min_tasks is 3); found by the break-it review.
func TestPerServiceErrorsNameTheServiceKeys(t *testing.T) {
	b := Lookup("container-service")
	given := map[string]spec.Given{
		"services":          {Value: spec.ListVal([]string{"web", "api"}), Source: spec.FromFlag},
		"api_min_tasks":     {Value: cty.NumberIntVal(3), Source: spec.FromFlag},
		"api_desired_tasks": {Value: cty.NumberIntVal(2), Source: spec.FromFlag},
	}
	_, err := b.Resolve(given, nil, true)
	if err == nil || !strings.Contains(err.Error(), "api_desired_tasks must be at least min_tasks (api_min_tasks is 3)") {
		t.Errorf("want the refusal to name api_min_tasks, got %v", err)
	}
}
