package prove

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Files the harness adds beside a scratch module; none is generated output.
const (
	// ResourceOverrideFile sets resource arguments for the emulator run
	// (gap workarounds, deletion protection off before destroy).
	ResourceOverrideFile = "zz_emulator_resources_override.tf"
	// FixtureVarsFile replaces answers that name things the module does not
	// create (an ACM certificate) by the emulator's own.
	FixtureVarsFile = "zz_emulator.auto.tfvars"
)

// resourceBlock is one resource block of a module.
type resourceBlock struct {
	Type, Name string
	Args       map[string]bool // arguments the block sets
}

// moduleResources lists the resource blocks of dir's .tf files, except
// override files.
func moduleResources(dir string) ([]resourceBlock, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	var rs []resourceBlock
	for _, p := range files {
		if isOverride(p) {
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
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			if b.Type != "resource" || len(b.Labels) != 2 {
				continue
			}
			args := map[string]bool{}
			for name := range b.Body.Attributes {
				args[name] = true
			}
			rs = append(rs, resourceBlock{Type: b.Labels[0], Name: b.Labels[1], Args: args})
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Type+"."+rs[i].Name < rs[j].Type+"."+rs[j].Name })
	return rs, nil
}

func isOverride(p string) bool {
	b := filepath.Base(p)
	return b == "override.tf" || strings.HasSuffix(b, "_override.tf")
}

// resourceOverride is one argument the harness sets on one resource.
type resourceOverride struct {
	Type, Name, Arg string
	Value           cty.Value
}

// renderResourceOverrides writes override blocks, one per resource.
func renderResourceOverrides(ovs []resourceOverride) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(hclwrite.Tokens{
		{Type: hclsyntax.TokenComment, Bytes: []byte("# Written by scaffold's proof harness for the emulator run, never part of a generated module.\n")},
	})
	blocks := map[string]*hclwrite.Body{}
	for _, o := range ovs {
		key := o.Type + "." + o.Name
		b, ok := blocks[key]
		if !ok {
			b = body.AppendNewBlock("resource", []string{o.Type, o.Name}).Body()
			blocks[key] = b
		}
		b.SetAttributeValue(o.Arg, o.Value)
	}
	return hclwrite.Format(f.Bytes())
}

// protections are the arguments that stop a destroy, and the value that
// lets it through. A module that turns one on (prod does) is destroyed the
// way a user would do it: protection off, apply, then destroy.
var protections = []struct{ Type, Arg string }{
	{"aws_db_instance", "deletion_protection"},
	{"aws_rds_cluster", "deletion_protection"},
	{"aws_dynamodb_table", "deletion_protection_enabled"},
	{"aws_lb", "enable_deletion_protection"},
	{"aws_instance", "disable_api_termination"},
}

// unprotect lists the overrides that turn deletion protection off.
func unprotect(rs []resourceBlock) []resourceOverride {
	var ovs []resourceOverride
	for _, r := range rs {
		for _, p := range protections {
			if r.Type == p.Type && r.Args[p.Arg] {
				ovs = append(ovs, resourceOverride{Type: r.Type, Name: r.Name, Arg: p.Arg, Value: cty.False})
			}
		}
	}
	return ovs
}

// protectedInState keeps the overrides whose resource the state at path
// holds with the protection on. With it already off (the deletion_protection
// answer false, or an edit that turned it off), or the resource never
// created, a user goes straight to the destroy; an apply of its own would
// only update what the emulator reads back differently, and an RDS instance
// update waits 80 s in the provider whatever it changes.
func protectedInState(path string, ovs []resourceOverride) ([]resourceOverride, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st struct {
		Resources []struct {
			Module, Mode, Type, Name string
			Instances                []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var on []resourceOverride
	for _, o := range ovs {
		protected := false
		for _, r := range st.Resources {
			if r.Module != "" || r.Mode != "managed" || r.Type != o.Type || r.Name != o.Name {
				continue
			}
			for _, in := range r.Instances {
				protected = protected || in.Attributes[o.Arg] == true
			}
		}
		if protected {
			on = append(on, o)
		}
	}
	return on, nil
}

// leftBehindSuffix marks, in the state the left-behind check refreshes,
// the resources of the second and later states the stack reached.
const leftBehindSuffix = "__left_behind_"

var leftBehindName = regexp.MustCompile(leftBehindSuffix + `(\d+)`)

// mergeStates writes to out one state holding the resources of every
// snapshot, those of snapshot i > 0 renamed with leftBehindSuffix and i (and
// their dependencies with them), so that one refresh reads them all. A
// provider's read of a resource that is gone can wait: an ECS service's
// waits 2 minutes for it to become active again (findServiceByTwoPartKey
// WaitForActive, internal/service/ecs/service.go). One refresh pays that
// once, every snapshot's service side by side, where a refresh per snapshot
// paid it once each (400 s of the 1469 s of container-migration/full).
func mergeStates(snapshots []string, out string) error {
	var merged map[string]any
	var resources []any
	for i, p := range snapshots {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var st map[string]any
		if err := json.Unmarshal(data, &st); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if merged == nil {
			merged = st
		}
		rs, _ := st["resources"].([]any)
		for _, r := range rs {
			m, ok := r.(map[string]any)
			if !ok {
				continue
			}
			if name, ok := m["name"].(string); ok && i > 0 {
				suffix := leftBehindSuffix + strconv.Itoa(i)
				m["name"] = name + suffix
				instances, _ := m["instances"].([]any)
				for _, in := range instances {
					im, _ := in.(map[string]any)
					deps, _ := im["dependencies"].([]any)
					for j, d := range deps {
						if d, ok := d.(string); ok {
							deps[j] = d + suffix
						}
					}
				}
			}
			resources = append(resources, m)
		}
	}
	if merged == nil {
		return nil
	}
	merged["resources"] = resources
	merged["outputs"] = map[string]any{}
	data, err := json.MarshalIndent(merged, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}

// leftBehindOrigin says which snapshot a resource address of the merged
// state comes from, and its address there.
func leftBehindOrigin(addr string) (int, string) {
	m := leftBehindName.FindStringSubmatchIndex(addr)
	if m == nil {
		return 0, addr
	}
	n, _ := strconv.Atoi(addr[m[2]:m[3]])
	return n, addr[:m[0]] + addr[m[1]:]
}

// workarounds creates what the gaps' workarounds need in the emulator and
// returns the overrides that use them.
func workarounds(ctx context.Context, e *emulator, rs []resourceBlock, gaps map[string]Gap) ([]resourceOverride, []string, error) {
	var ovs []resourceOverride
	var notes []string
	roles := map[string]string{}
	for _, r := range rs {
		g, ok := gaps[r.Type]
		if !ok || g.Workaround == nil || r.Args[g.Workaround.Argument] {
			continue
		}
		w := g.Workaround
		arn, ok := roles[w.ServiceLinkedRole]
		if !ok {
			var err error
			if arn, err = e.serviceLinkedRole(ctx, w.ServiceLinkedRole); err != nil {
				return nil, nil, err
			}
			roles[w.ServiceLinkedRole] = arn
		}
		ovs = append(ovs, resourceOverride{Type: r.Type, Name: r.Name, Arg: w.Argument, Value: cty.StringVal(arn)})
		notes = append(notes, fmt.Sprintf("%s.%s: %s set to the %s service-linked role (emulator gap workaround, see %s)", r.Type, r.Name, w.Argument, w.ServiceLinkedRole, GapsFile))
	}
	return ovs, notes, nil
}

// serviceLinkedRole creates a service-linked role in the emulator (IAM's
// query API) and returns its ARN.
func (e *emulator) serviceLinkedRole(ctx context.Context, service string) (string, error) {
	form := url.Values{"Action": {"CreateServiceLinkedRole"}, "Version": {"2010-05-08"}, "AWSServiceName": {service}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL+"/", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := (&http.Client{Timeout: time.Minute, Transport: &http.Transport{Proxy: nil}}).Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out struct {
		Arn string `xml:"CreateServiceLinkedRoleResult>Role>Arn"`
	}
	if resp.StatusCode != http.StatusOK || xml.Unmarshal(body, &out) != nil || out.Arn == "" {
		return "", fmt.Errorf("creating the %s service-linked role in the emulator: HTTP %d: %s", service, resp.StatusCode, body)
	}
	return out.Arn, nil
}

var acmARN = regexp.MustCompile(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/`)

// certificateFixtures finds answers in the module's .tfvars files that name
// an ACM certificate (which the module uses but does not create), requests a
// certificate in the emulator for each, and writes FixtureVarsFile so the
// module uses those instead. Terraform reads *.auto.tfvars after
// terraform.tfvars, so the fixture wins.
func certificateFixtures(ctx context.Context, e *emulator, dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tfvars"))
	if err != nil {
		return nil, err
	}
	f := hclwrite.NewEmptyFile()
	var notes []string
	for _, p := range files {
		if filepath.Base(p) == FixtureVarsFile {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		file, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, diags
		}
		attrs := file.Body.(*hclsyntax.Body).Attributes
		names := make([]string, 0, len(attrs))
		for n := range attrs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			v, diags := attrs[n].Expr.Value(nil)
			if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
				continue
			}
			m := acmARN.FindStringSubmatch(v.AsString())
			if m == nil {
				continue
			}
			body, err := json.Marshal(map[string]any{"DomainName": "scaffold-prove.example.com", "ValidationMethod": "DNS"})
			if err != nil {
				return nil, err
			}
			out, err := e.awsCall(ctx, m[1], "acm", "CertificateManager.RequestCertificate", body)
			if err != nil {
				return nil, fmt.Errorf("requesting a certificate in the emulator for %s: %w", n, err)
			}
			var cert struct{ CertificateArn string }
			if err := json.Unmarshal(out, &cert); err != nil || cert.CertificateArn == "" {
				return nil, fmt.Errorf("requesting a certificate in the emulator for %s: %s", n, out)
			}
			f.Body().SetAttributeValue(n, cty.StringVal(cert.CertificateArn))
			notes = append(notes, fmt.Sprintf("%s: the answer names a certificate the module does not create; the emulator run uses one requested from the emulator's ACM", n))
		}
	}
	if len(notes) == 0 {
		return nil, nil
	}
	return notes, os.WriteFile(filepath.Join(dir, FixtureVarsFile), hclwrite.Format(f.Bytes()), 0o644)
}

// refreshConfig builds, in dir, a configuration with the module's terraform,
// provider and variable blocks and nothing else, with the module's .tfvars,
// provider override and provider lock, and its .terraform linked. Refreshing
// a state there reads every resource of the state as an orphan, with no
// resource, local or output expression evaluated, so the refresh cannot trip
// over the module's own logic when resources are gone.
func refreshConfig(module, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(module, "*.tf"))
	if err != nil {
		return err
	}
	out := hclwrite.NewEmptyFile()
	for _, p := range files {
		if isOverride(p) {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, diags := hclwrite.ParseConfig(src, p, hcl.InitialPos)
		if diags.HasErrors() {
			return diags
		}
		for _, b := range f.Body().Blocks() {
			switch b.Type() {
			case "terraform":
				for _, inner := range b.Body().Blocks() {
					if inner.Type() == "backend" || inner.Type() == "cloud" {
						b.Body().RemoveBlock(inner)
					}
				}
			case "provider", "variable":
			default:
				continue
			}
			out.Body().AppendBlock(b)
			out.Body().AppendNewline()
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), out.Bytes(), 0o644); err != nil {
		return err
	}
	copies, _ := filepath.Glob(filepath.Join(module, "*.tfvars"))
	copies = append(copies, filepath.Join(module, OverrideFile), filepath.Join(module, ".terraform.lock.hcl"))
	for _, p := range copies {
		data, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), data, 0o644); err != nil {
			return err
		}
	}
	abs, err := filepath.Abs(filepath.Join(module, ".terraform"))
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(abs, "terraform.tfstate")); err == nil {
		// The module's backend is initialised (an s3 backend): this
		// configuration has none, and shares only the providers, or
		// Terraform would ask for the backend's removal to be initialised.
		if err := os.Mkdir(filepath.Join(dir, ".terraform"), 0o755); err != nil {
			return err
		}
		return os.Symlink(filepath.Join(abs, "providers"), filepath.Join(dir, ".terraform", "providers"))
	}
	return os.Symlink(abs, filepath.Join(dir, ".terraform"))
}
