package prove

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/scaffold-tf/scaffold/internal/hclrefs"
)

// refGraph says, for each resource, data source and local value of a module
// ("aws_lambda_alias.live", "data.aws_iam_policy_document.x", "local.db"),
// which of those its arguments and depends_on refer to. The re-plan check
// uses it to accept a value known only after apply only where it follows
// from a change the gaps explain.
type refGraph = hclrefs.Graph

// moduleRefs reads every .tf file of the module in dir (the harness's
// override files included) and builds its reference graph.
func moduleRefs(dir string) (refGraph, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	g := refGraph{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f, diags := hclsyntax.ParseConfig(src, filepath.Base(p), hcl.InitialPos)
		if diags.HasErrors() {
			return nil, fmt.Errorf("%s: %s", filepath.Base(p), diags.Error())
		}
		g.Add(hclrefs.Blocks(f.Body.(*hclsyntax.Body)))
	}
	return g, nil
}

// configAddr strips instance keys: aws_lambda_alias.live[0] → aws_lambda_alias.live.
func configAddr(addr string) string {
	if i := strings.IndexByte(addr, '['); i >= 0 {
		return addr[:i]
	}
	return addr
}
