package prove

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

const awsProvider = "registry.terraform.io/hashicorp/aws"

// OverrideFile is the name of the file the harness adds beside a scratch
// module. Terraform merges *_override.tf files into the configuration.
const OverrideFile = "zz_emulator_override.tf"

// endpointKeys reads the provider's endpoint keys from its schema and keeps
// one key of each group of aliases. The provider says which keys alias each
// other only by warning ("Only one of the following attributes should be
// set") when it is configured, so the probe plans a one-data-source module
// with every key set, collects the groups from those warnings, and plans
// again to prove the reduced set draws none.
func endpointKeys(ctx context.Context, tr *terraformRunner, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	main := `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

data "aws_region" "probe" {}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o644); err != nil {
		return nil, err
	}
	if _, err := tr.init(ctx, dir); err != nil {
		return nil, err
	}
	res, err := tr.run(ctx, dir, 2*time.Minute, "providers", "schema", "-json")
	if err != nil {
		return nil, err
	}
	if res.ExitCode != 0 {
		return nil, fmt.Errorf("terraform providers schema: %s", tail(res.Stderr, 20))
	}
	var schema struct {
		ProviderSchemas map[string]struct {
			Provider struct {
				Block struct {
					BlockTypes map[string]struct {
						Block struct {
							Attributes map[string]json.RawMessage `json:"attributes"`
						} `json:"block"`
					} `json:"block_types"`
				} `json:"block"`
			} `json:"provider"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(res.Stdout, &schema); err != nil {
		return nil, fmt.Errorf("terraform providers schema -json: %w", err)
	}
	attrs := schema.ProviderSchemas[awsProvider].Provider.Block.BlockTypes["endpoints"].Block.Attributes
	if len(attrs) == 0 {
		return nil, fmt.Errorf("the schema of %s has no endpoints block", awsProvider)
	}
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	for round := 0; ; round++ {
		groups, err := aliasWarnings(ctx, tr, dir, keys)
		if err != nil {
			return nil, err
		}
		if len(groups) == 0 {
			return keys, nil
		}
		if round == 2 {
			return nil, fmt.Errorf("endpoint keys still alias each other after dropping aliases: %v", groups)
		}
		keys = dropAliases(keys, groups)
	}
}

// aliasWarnings plans the probe module with keys set and returns the alias
// groups the provider warns about.
func aliasWarnings(ctx context.Context, tr *terraformRunner, dir string, keys []string) ([][]string, error) {
	override := renderOverride([]string{""}, keys, "http://127.0.0.1:9", true)
	if err := os.WriteFile(filepath.Join(dir, OverrideFile), override, 0o644); err != nil {
		return nil, err
	}
	res, err := tr.run(ctx, dir, 3*time.Minute, "plan", "-json", "-input=false", "-lock=false", "-refresh=false")
	if err != nil {
		return nil, err
	}
	if res.ExitCode != 0 {
		return nil, fmt.Errorf("terraform plan of the endpoint probe: %s%s", diagnosticsText(res.Stdout), tail(res.Stderr, 20))
	}
	return parseAliasGroups(res.Stdout), nil
}

var endpointRef = regexp.MustCompile(`"endpoints\[0\]\.([a-z0-9_]+)"`)

// parseAliasGroups reads "Invalid Attribute Combination" warnings from
// `terraform plan -json` output.
func parseAliasGroups(planJSON []byte) [][]string {
	var groups [][]string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(planJSON))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var msg struct {
			Type       string `json:"type"`
			Diagnostic struct {
				Summary string `json:"summary"`
				Detail  string `json:"detail"`
			} `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &msg) != nil || msg.Type != "diagnostic" {
			continue
		}
		if !strings.Contains(msg.Diagnostic.Detail, "endpoints[0].") {
			continue
		}
		var g []string
		for _, m := range endpointRef.FindAllStringSubmatch(msg.Diagnostic.Detail, -1) {
			g = append(g, m[1])
		}
		sort.Strings(g)
		if len(g) > 1 && !seen[strings.Join(g, ",")] {
			seen[strings.Join(g, ",")] = true
			groups = append(groups, g)
		}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i][0] < groups[j][0] })
	return groups
}

// dropAliases keeps one key of each group: the shortest (the service's
// short name, e.g. "logs" over "cloudwatchlogs"), then the first in order.
func dropAliases(keys []string, groups [][]string) []string {
	drop := map[string]bool{}
	for _, g := range groups {
		keep := g[0]
		for _, k := range g[1:] {
			if len(k) < len(keep) || (len(k) == len(keep) && k < keep) {
				keep = k
			}
		}
		for _, k := range g {
			if k != keep {
				drop[k] = true
			}
		}
	}
	var out []string
	for _, k := range keys {
		if !drop[k] {
			out = append(out, k)
		}
	}
	return out
}

// renderOverride writes one provider "aws" block per configuration alias
// ("" is the default configuration) pointing every endpoint key at url, with
// dummy credentials and the provider's skip settings. probe skips the STS
// call for the account id (the probe has no emulator to ask).
func renderOverride(aliases, keys []string, url string, probe bool) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(hclwrite.Tokens{
		{Type: hclsyntax.TokenComment, Bytes: []byte("# Written by scaffold's proof harness, never part of a generated module:\n")},
		{Type: hclsyntax.TokenComment, Bytes: []byte("# every endpoint of the provider points at the AWS emulator.\n")},
	})
	for _, alias := range aliases {
		b := body.AppendNewBlock("provider", []string{"aws"}).Body()
		if alias != "" {
			b.SetAttributeValue("alias", cty.StringVal(alias))
		}
		b.SetAttributeValue("access_key", cty.StringVal("test"))
		b.SetAttributeValue("secret_key", cty.StringVal("test"))
		b.SetAttributeValue("skip_credentials_validation", cty.True)
		b.SetAttributeValue("skip_metadata_api_check", cty.True)
		// Region validation stays on: it is the provider's own list, checked
		// offline, and a region it refuses must fail the proof as it would
		// fail the user's plan.
		// moto answers sts:GetCallerIdentity with account 123456789012, so
		// ARNs the provider builds look like real ones.
		b.SetAttributeValue("skip_requesting_account_id", cty.BoolVal(probe))
		b.SetAttributeValue("s3_use_path_style", cty.True)
		// moto fails fast or not at all; retrying an unsupported call only
		// slows the failure down.
		b.SetAttributeValue("max_retries", cty.NumberIntVal(2))
		eb := b.AppendNewBlock("endpoints", nil).Body()
		for _, k := range keys {
			eb.SetAttributeValue(k, cty.StringVal(url))
		}
	}
	return hclwrite.Format(f.Bytes())
}

// providerAliases lists the configurations of provider "aws" that the
// module's .tf files declare: "" for the default one, then each alias.
func providerAliases(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var aliases []string
	for _, p := range files {
		if strings.HasSuffix(p, "_override.tf") || filepath.Base(p) == "override.tf" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, diags
		}
		for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
			if blk.Type != "provider" || len(blk.Labels) != 1 || blk.Labels[0] != "aws" {
				continue
			}
			alias := ""
			if a, ok := blk.Body.Attributes["alias"]; ok {
				v, diags := a.Expr.Value(nil)
				if diags.HasErrors() || v.Type() != cty.String {
					return nil, fmt.Errorf("%s: provider alias must be a literal string", p)
				}
				alias = v.AsString()
			}
			if !seen[alias] {
				seen[alias] = true
				aliases = append(aliases, alias)
			}
		}
	}
	sort.Strings(aliases)
	return aliases, nil
}
