package prove

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// change is one planned change to a managed resource instance.
type change struct {
	Addr   string
	Type   string
	Action string
}

func (c change) String() string { return c.Addr + " (" + c.Action + ")" }

// plannedChanges reads the planned_change messages of `terraform plan -json`
// (or apply -json, which plans first) for managed resources, skipping no-ops.
func plannedChanges(out []byte) []change {
	var cs []change
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var msg struct {
			Type   string `json:"type"`
			Change struct {
				Resource struct {
					Addr         string `json:"addr"`
					Resource     string `json:"resource"`
					ResourceType string `json:"resource_type"`
				} `json:"resource"`
				Action string `json:"action"`
			} `json:"change"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) != nil || msg.Type != "planned_change" {
			continue
		}
		c := msg.Change
		if strings.HasPrefix(c.Resource.Resource, "data.") || c.Action == "noop" || c.Action == "read" {
			continue
		}
		if seen[c.Resource.Addr] {
			continue
		}
		seen[c.Resource.Addr] = true
		cs = append(cs, change{Addr: c.Resource.Addr, Type: c.Resource.ResourceType, Action: c.Action})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Addr < cs[j].Addr })
	return cs
}

// stateResources lists the managed resource instances in a local state file
// ("module.x.aws_thing.name[0]"); a missing file holds none.
func stateResources(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st struct {
		Resources []struct {
			Module    string `json:"module"`
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				IndexKey any `json:"index_key"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var addrs []string
	for _, r := range st.Resources {
		if r.Mode != "managed" {
			continue
		}
		base := r.Type + "." + r.Name
		if r.Module != "" {
			base = r.Module + "." + base
		}
		for _, in := range r.Instances {
			switch k := in.IndexKey.(type) {
			case nil:
				addrs = append(addrs, base)
			case string:
				addrs = append(addrs, fmt.Sprintf("%s[%q]", base, k))
			case float64:
				addrs = append(addrs, fmt.Sprintf("%s[%d]", base, int(k)))
			}
		}
	}
	sort.Strings(addrs)
	return addrs, nil
}

var graphEdge = regexp.MustCompile(`^\s*"([^"]+)" -> "([^"]+)"`)
var graphNode = regexp.MustCompile(`^\s*"([^"]+)" \[label=`)

// resourceGraph reads `terraform graph` (Terraform ≥ 1.7 draws resources
// only, with an edge wherever one depends on another, through locals,
// variables and module calls). It returns every resource and, for each, the
// resources that depend on it.
func resourceGraph(dot []byte) (nodes []string, dependents map[string][]string) {
	dependents = map[string][]string{}
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			nodes = append(nodes, n)
		}
	}
	for _, line := range strings.Split(string(dot), "\n") {
		if m := graphEdge.FindStringSubmatch(line); m != nil {
			add(m[1])
			add(m[2])
			dependents[m[2]] = append(dependents[m[2]], m[1])
			continue
		}
		if m := graphNode.FindStringSubmatch(line); m != nil {
			add(m[1])
		}
	}
	sort.Strings(nodes)
	return nodes, dependents
}

// resourceType is the type of a configuration address such as
// "module.m.aws_sqs_queue.d", and whether it is a data source.
func resourceType(addr string) (typ string, data bool) {
	parts := strings.Split(addr, ".")
	for len(parts) > 2 && parts[0] == "module" {
		parts = parts[2:]
	}
	if len(parts) == 3 && parts[0] == "data" {
		return parts[1], true
	}
	if len(parts) == 2 {
		return parts[0], false
	}
	return "", false
}

// applyTargets decides what to apply given the gaps. When no resource is of
// a gap type it returns nil targets (apply everything). Otherwise targets are
// the managed resources that neither are of a gap type nor depend, directly
// or not, on one; left lists what is left out, with the reason.
func applyTargets(dot []byte, gaps map[string]Gap) (targets, left []string) {
	nodes, dependents := resourceGraph(dot)
	out := map[string]string{}
	var queue []string
	for _, n := range nodes {
		if t, _ := resourceType(n); t != "" {
			if _, gap := gaps[t]; gap {
				out[n] = "emulator gap " + t
				queue = append(queue, n)
			}
		}
	}
	if len(queue) == 0 {
		return nil, nil
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, d := range dependents[n] {
			if _, done := out[d]; !done {
				out[d] = "depends on " + n
				queue = append(queue, d)
			}
		}
	}
	for _, n := range nodes {
		t, data := resourceType(n)
		if t == "" || data {
			continue
		}
		if why, ok := out[n]; ok {
			left = append(left, n+": "+why)
			continue
		}
		targets = append(targets, n)
	}
	return targets, left
}
