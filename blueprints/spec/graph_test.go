package spec

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var testGraph = Graph{
	Nodes: []Node{
		{ID: "users", Label: "Users"},
		{ID: "cdn", Label: "CloudFront", Component: "cloudfront"},
		{ID: "alb", Label: "ALB", Component: "alb"},
		{ID: "app", Label: "App", Component: "app"},
		{ID: "table", Label: "DynamoDB", Component: "table"},
		{ID: "bucket", Label: "S3", Component: "bucket", Or: true},
		{ID: "alarms", Label: "SNS", Component: "alarms", Aside: true},
	},
	Edges: []Edge{
		{From: "users", To: "cdn", Label: "HTTPS", Bypassed: "HTTP or HTTPS"},
		{From: "cdn", To: "alb", Label: "cache misses"},
		{From: "alb", To: "app", Label: "HTTP"},
		{From: "app", To: "table", Label: "items"},
		{From: "app", To: "bucket", Label: "objects"},
		{From: "app", To: "alarms", Label: "alarms"},
	},
}

func TestGraphForBypassesWhatIsNotComposed(t *testing.T) {
	cs := []Component{{Name: "alb"}, {Name: "app"}, {Name: "table"}}
	got := testGraph.For(cs)
	var ids []string
	for _, n := range got.Nodes {
		ids = append(ids, n.ID)
	}
	if diff := cmp.Diff([]string{"users", "alb", "app", "table"}, ids); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	// Without CloudFront the users reach the load balancer, over what the
	// edge into CloudFront says passes when it is bypassed; edges to the
	// bucket and the alarms go.
	want := []Edge{
		{From: "users", To: "alb", Label: "HTTP or HTTPS"},
		{From: "alb", To: "app", Label: "HTTP"},
		{From: "app", To: "table", Label: "items"},
	}
	if diff := cmp.Diff(want, got.Edges); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(testGraph, testGraph.For(nil)); diff != "" {
		t.Errorf("For(nil) is not the whole graph:\n%s", diff)
	}
}

func TestGraphForAddsNoDuplicateEdge(t *testing.T) {
	g := Graph{
		Nodes: []Node{{ID: "a", Label: "A", Component: "a"}, {ID: "b", Label: "B", Component: "b"}, {ID: "c", Label: "C", Component: "c"}},
		Edges: []Edge{{From: "a", To: "b", Label: "x"}, {From: "b", To: "c", Label: "y"}, {From: "a", To: "c", Label: "z"}},
	}
	got := g.For([]Component{{Name: "a"}, {Name: "c"}})
	if diff := cmp.Diff([]Edge{{From: "a", To: "c", Label: "z"}}, got.Edges); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}

// TestGraphForDropsAnAlternativeWayIn: of two alternative sources of one
// pipeline (an S3 object, a Git repository), the module holds one; the
// other is not joined up, or the diagram would say the developers push to
// a branch the module has no connection to.
func TestGraphForDropsAnAlternativeWayIn(t *testing.T) {
	g := Graph{
		Nodes: []Node{
			{ID: "developers", Label: "Developers"},
			{ID: "object", Label: "S3", Component: "source_bucket"},
			{ID: "git", Label: "Git", Component: "source_connection"},
			{ID: "pipeline", Label: "CodePipeline", Component: "pipeline"},
		},
		Edges: []Edge{
			{From: "developers", To: "object", Label: "upload"},
			{From: "developers", To: "git", Label: "push"},
			{From: "object", To: "pipeline", Label: "new version"},
			{From: "git", To: "pipeline", Label: "a push"},
		},
	}
	got := g.For([]Component{{Name: "source_bucket"}, {Name: "pipeline"}})
	want := []Edge{
		{From: "developers", To: "object", Label: "upload"},
		{From: "object", To: "pipeline", Label: "new version"},
	}
	if diff := cmp.Diff(want, got.Edges); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
	// With neither source, the developers still reach the pipeline, over
	// the first way in.
	got = g.For([]Component{{Name: "pipeline"}})
	if diff := cmp.Diff([]Edge{{From: "developers", To: "pipeline", Label: "upload"}}, got.Edges); diff != "" {
		t.Errorf("edges without either source (-want +got):\n%s", diff)
	}
}

func TestGraphLine(t *testing.T) {
	if got, want := testGraph.Line(), "CloudFront → ALB → App → DynamoDB or S3"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

func TestGraphMermaid(t *testing.T) {
	g := Graph{
		Nodes: []Node{{ID: "users", Label: "Users"}, {ID: "api", Label: `API "v2"`, Component: "api"}},
		Edges: []Edge{{From: "users", To: "api", Label: "HTTPS"}},
	}
	want := "flowchart LR\n" +
		"  users([\"Users\"])\n" +
		"  api[\"API #quot;v2#quot;\"]\n" +
		"  users -->|\"HTTPS\"| api\n"
	if got := g.Mermaid(); got != want {
		t.Errorf("Mermaid() =\n%s\nwant\n%s", got, want)
	}
	if got := g.Text("  "); got != "  Users → API \"v2\": HTTPS\n" {
		t.Errorf("Text() = %q", got)
	}
}

func TestGraphCheck(t *testing.T) {
	if err := testGraph.Check(); err != nil {
		t.Fatalf("a good graph: %v", err)
	}
	for name, g := range map[string]Graph{
		"no nodes":       {},
		"bad id":         {Nodes: []Node{{ID: "A-1", Label: "A", Component: "a"}}},
		"no label":       {Nodes: []Node{{ID: "a", Component: "a"}}},
		"keyword id":     {Nodes: []Node{{ID: "end", Label: "End", Component: "a"}}},
		"two ids":        {Nodes: []Node{{ID: "a", Label: "A", Component: "a"}, {ID: "a", Label: "B", Component: "b"}}},
		"unknown node":   {Nodes: []Node{{ID: "a", Label: "A", Component: "a"}}, Edges: []Edge{{From: "a", To: "b", Label: "x"}}},
		"edge no label":  {Nodes: []Node{{ID: "a", Label: "A", Component: "a"}, {ID: "b", Label: "B", Component: "b"}}, Edges: []Edge{{From: "a", To: "b"}}},
		"first is an or": {Nodes: []Node{{ID: "u", Label: "U"}, {ID: "a", Label: "A", Component: "a", Or: true}}},
	} {
		if err := g.Check(); err == nil {
			t.Errorf("%s: Check accepts it", name)
		} else if strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%s: empty error", name)
		}
	}
}
