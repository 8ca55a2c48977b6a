package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestRecommendJSON holds -o json to its documented schema
// (docs/recommend.md): every field present, lists never null, the blueprints
// that fit before those excluded, the score the sum of the points, and the
// command the argument list of scaffold new.
func TestRecommendJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, CanPrompt: func() bool { return false }}
	code := run([]string{"recommend", "--yes", "-o", "json", "--set", "trigger=schedule", "--set", "run_minutes=40",
		"--set", "latency=hours", "--set", "cost_sensitive=true", "--set", "migrating=true"}, io)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	if doc["schema"] != 1.0 {
		t.Errorf("schema = %v, want 1", doc["schema"])
	}
	if w, _ := doc["workload"].(map[string]any); w["run_minutes"] != 40.0 || w["trigger"] != "schedule" || w["cost_sensitive"] != true {
		t.Errorf("workload = %v, want the answers typed", doc["workload"])
	}
	if mp, _ := doc["migration_path"].(map[string]any); mp["blueprint"] != "container-migration" || len(mp["phases"].([]any)) < 3 {
		t.Errorf("migration_path = %v, want container-migration's phases", doc["migration_path"])
	}
	rows, _ := doc["ranking"].([]any)
	if len(rows) == 0 {
		t.Fatal("no ranking")
	}
	// The path's fits is its first blueprint's: here a schedule excludes
	// container-migration, whose path must say so rather than be offered
	// as if it applied.
	mp, _ := doc["migration_path"].(map[string]any)
	for _, r := range rows {
		if row := r.(map[string]any); row["blueprint"] == mp["blueprint"] && row["fits"] != mp["fits"] {
			t.Errorf("migration_path fits = %v, but %v's row fits = %v", mp["fits"], row["blueprint"], row["fits"])
		}
	}
	seenExcluded := false
	for i, r := range rows {
		row := r.(map[string]any)
		for _, k := range []string{"rank", "blueprint", "title", "flow", "fits", "score", "reasons", "disqualifiers", "carried", "not_carried", "command"} {
			if v, ok := row[k]; !ok || v == nil {
				t.Errorf("row %d: %s missing or null", i, k)
			}
		}
		if row["rank"] != float64(i+1) {
			t.Errorf("row %d: rank %v", i, row["rank"])
		}
		fits := row["fits"] == true
		if fits && seenExcluded {
			t.Errorf("row %d (%v) fits but comes after an excluded blueprint", i, row["blueprint"])
		}
		seenExcluded = seenExcluded || !fits
		if d, _ := row["disqualifiers"].([]any); fits == (len(d) > 0) {
			t.Errorf("row %d: fits %v with %d disqualifiers", i, fits, len(d))
		}
		sum := 0.0
		reasons, _ := row["reasons"].([]any)
		for _, f := range reasons {
			fd := f.(map[string]any)
			sum += fd["points"].(float64)
			if fd["rule"] == "" || fd["text"] == "" || fd["sources"] == nil {
				t.Errorf("row %d: reason %v lacks rule, text or sources", i, fd)
			}
		}
		if sum != row["score"] {
			t.Errorf("row %d: score %v, the points sum to %v", i, row["score"], sum)
		}
		cmd, _ := row["command"].([]any)
		if len(cmd) < 3 || cmd[0] != "scaffold" || cmd[1] != "new" || cmd[2] != row["blueprint"] {
			t.Errorf("row %d: command %v", i, cmd)
		}
	}
	top := rows[0].(map[string]any)
	if top["blueprint"] != "scheduled-batch" || top["carried"].(map[string]any)["compute"] != "fargate_spot" {
		t.Errorf("first %v carrying %v; want scheduled-batch with compute = fargate_spot", top["blueprint"], top["carried"])
	}
}
