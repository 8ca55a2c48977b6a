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

// resourceDiff is what a plan wants to change on one resource instance.
type resourceDiff struct {
	Addr, Type string
	Actions    []string
	Attrs      []attrDiff // top-level attributes that differ
	Leaves     []leafDiff // where inside them
}

// unknown stands for a value known only after apply.
const unknown = "(known after apply)"

type attrDiff struct {
	Name, Before, After string
}

func (d resourceDiff) String() string {
	var parts []string
	for _, a := range d.Attrs {
		if a.After == unknown {
			parts = append(parts, fmt.Sprintf("%s: %s → %s", a.Name, a.Before, a.After))
		}
	}
	for _, l := range d.Leaves {
		parts = append(parts, l.String())
	}
	return fmt.Sprintf("%s (%s): %s", d.Addr, strings.Join(d.Actions, ", "), strings.Join(parts, "; "))
}

// attributeChanges reads `terraform show -json PLAN` and says, for each
// changing managed resource, which top-level attributes differ and how.
func attributeChanges(showJSON []byte) ([]resourceDiff, error) {
	var p struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Mode    string `json:"mode"`
			Type    string `json:"type"`
			Change  struct {
				Actions      []string       `json:"actions"`
				Before       map[string]any `json:"before"`
				After        map[string]any `json:"after"`
				AfterUnknown map[string]any `json:"after_unknown"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(showJSON, &p); err != nil {
		return nil, err
	}
	var diffs []resourceDiff
	for _, rc := range p.ResourceChanges {
		if rc.Mode != "managed" || len(rc.Change.Actions) == 1 && (rc.Change.Actions[0] == "no-op" || rc.Change.Actions[0] == "read") {
			continue
		}
		var keys []string
		seen := map[string]bool{}
		for k := range rc.Change.Before {
			keys, seen[k] = append(keys, k), true
		}
		for k := range rc.Change.After {
			if !seen[k] {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		d := resourceDiff{Addr: rc.Address, Type: rc.Type, Actions: rc.Change.Actions}
		for _, k := range keys {
			b, a := rc.Change.Before[k], rc.Change.After[k]
			if u, ok := rc.Change.AfterUnknown[k]; ok && u == true {
				d.Attrs = append(d.Attrs, attrDiff{k, short(b), unknown})
				continue
			}
			if jsonText(a) != jsonText(b) {
				d.Attrs = append(d.Attrs, attrDiff{k, short(b), short(a)})
				d.Leaves = append(d.Leaves, leafDiffs(k, b, a, rc.Change.AfterUnknown[k])...)
			}
		}
		diffs = append(diffs, d)
	}
	return diffs, nil
}

// tolerate decides whether a re-plan's diffs are all explained by arguments
// the emulator does not read back as written (the gaps' misread paths):
// every diff must be an update, every changed value that is known must lie
// under one of those paths, and a value may become unknown only in a
// resource that has such a misread change itself (a Lambda function
// publishing a new version) or that refers, through resources, data
// sources and locals of the module (refs), to one that has (the alias that
// points at that version). Otherwise nothing is tolerated.
func tolerate(diffs []resourceDiff, gaps map[string]Gap, refs refGraph) bool {
	explained := map[string]bool{} // config addresses with a misread change
	var knockOn []string           // config addresses with only unknown values
	for _, d := range diffs {
		if len(d.Actions) != 1 || d.Actions[0] != "update" {
			return false
		}
		misread, becomesUnknown := false, false
	leaves:
		for _, l := range d.Leaves {
			for _, m := range gaps[d.Type].Misread {
				if underPath(l.Path, m) {
					misread = true
					continue leaves
				}
			}
			if l.After != unknown {
				return false
			}
			becomesUnknown = true
		}
		for _, a := range d.Attrs {
			becomesUnknown = becomesUnknown || a.After == unknown
		}
		switch {
		case misread:
			explained[configAddr(d.Addr)] = true
		case becomesUnknown:
			knockOn = append(knockOn, configAddr(d.Addr))
		}
	}
	if len(explained) == 0 {
		return false
	}
	for _, addr := range knockOn {
		if !refs.Reaches(addr, explained) {
			return false
		}
	}
	return true
}

// leafDiff is one innermost value that differs.
type leafDiff struct {
	Path, Before, After string // Path like tag_specifications[1].tags.Name
}

func (l leafDiff) String() string { return fmt.Sprintf("%s: %s → %s", l.Path, l.Before, l.After) }

// leafDiffs lists the innermost values that differ between before and
// after; u is the matching part of after_unknown (true where the new value
// is known only after apply).
func leafDiffs(path string, b, a, u any) []leafDiff {
	if u == true {
		return []leafDiff{{path, short(b), unknown}}
	}
	switch bv := b.(type) {
	case map[string]any:
		if av, ok := a.(map[string]any); ok {
			um, _ := u.(map[string]any)
			var keys []string
			for k := range bv {
				keys = append(keys, k)
			}
			for k := range av {
				if _, dup := bv[k]; !dup {
					keys = append(keys, k)
				}
			}
			for k := range um {
				if _, inB := bv[k]; !inB {
					if _, inA := av[k]; !inA {
						keys = append(keys, k)
					}
				}
			}
			sort.Strings(keys)
			var out []leafDiff
			for _, k := range keys {
				out = append(out, leafDiffs(path+"."+k, bv[k], av[k], um[k])...)
			}
			return out
		}
	case []any:
		if av, ok := a.([]any); ok && len(av) == len(bv) {
			ul, _ := u.([]any)
			var out []leafDiff
			for i := range bv {
				var ui any
				if i < len(ul) {
					ui = ul[i]
				}
				out = append(out, leafDiffs(fmt.Sprintf("%s[%d]", path, i), bv[i], av[i], ui)...)
			}
			return out
		}
	}
	if jsonText(a) == jsonText(b) {
		return nil
	}
	return []leafDiff{{path, short(b), short(a)}}
}

var listIndex = regexp.MustCompile(`\[[0-9]+\]`)

// underPath reports whether a leaf path lies under a misread path: equal,
// or below it, with list indexes read as [*].
func underPath(leaf, misread string) bool {
	leaf = listIndex.ReplaceAllString(leaf, "[*]")
	return leaf == misread || strings.HasPrefix(leaf, misread+".") || strings.HasPrefix(leaf, misread+"[")
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func short(v any) string {
	s := jsonText(v)
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
