package generator

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/internal/tftest"
	"github.com/scaffold-tf/scaffold/templates"
)

// mutations are bugs that once passed `go test`, `terraform validate` and
// tflint, put back into a copy of the templates. Each must make the
// pipeline fail: the module's own `terraform test` (a mock-provider plan)
// catches what validate cannot see.
var mutations = []struct {
	name      string
	file      string // template file to change
	old, new  string // exact text replaced
	answers   map[string]string
	wantInErr string // in terraform test's output
}{
	{
		name: "CloudFront logs into a log bucket whose ACLs are off (fails at apply on AWS)",
		file: "partials/s3.tmpl",
		old:  `object_ownership = "BucketOwnerPreferred"`, new: `object_ownership = "BucketOwnerEnforced"`,
		wantInErr: "CloudFront logs need a log bucket with ACLs enabled",
	},
	{
		name: "ALB access_logs whose bucket is null (fails at plan)",
		file: "alb/alb.tf.tmpl",
		old:  "bucket  = local.log_bucket_id", new: "bucket  = null",
		wantInErr: "bucket",
	},
	{
		name: "a CloudFront price class the provider rejects",
		file: "cloudfront/cloudfront.tf.tmpl",
		old:  `price_class = "PriceClass_100"`, new: `price_class = "PriceClass_50"`,
		wantInErr: "price_class",
	},
}

// TestMutationsFail proves the test pipeline on known bugs: each mutation,
// applied to a copy of the templates, must make the generated web-app
// module's `terraform test` fail with the expected complaint (the
// unmutated modules pass it in the golden test).
func TestMutationsFail(t *testing.T) {
	tf := tftest.Find(t)
	b := blueprints.Lookup("web-app")
	res, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, fsys fs.FS) (string, error) {
		old := templateFS
		templateFS = fsys
		files, err := Generate(b, res.Answers)
		templateFS = old
		if err != nil {
			t.Fatalf("generate: %v", err)
		}
		dir := filepath.Join(t.TempDir(), "module")
		if err := Write(dir, files, false); err != nil {
			t.Fatal(err)
		}
		if err := tf.Init(dir); err != nil {
			t.Fatal(err)
		}
		out, err := tf.Run(dir, "test", "-no-color")
		return string(out), err
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			fsys := copyFS(t, templates.FS)
			src := string(fsys[m.file].Data)
			if strings.Count(src, m.old) != 1 {
				t.Fatalf("%s holds %q %d times, want once: update the mutation", m.file, m.old, strings.Count(src, m.old))
			}
			fsys[m.file].Data = []byte(strings.Replace(src, m.old, m.new, 1))
			out, err := run(t, fsys)
			if err == nil {
				t.Fatalf("terraform test passed with the bug put back:\n%s", out)
			}
			if !strings.Contains(out, m.wantInErr) {
				t.Errorf("terraform test failed, but not on %q:\n%s", m.wantInErr, out)
			}
		})
	}
}

// copyFS copies a file system into memory, so one file can be changed.
func copyFS(t *testing.T, src fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		out[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The generator does not reformat what templates render; the canonical
// test is the guard. It must see a template that renders misaligned HCL:
// here an sg_rule branch whose "=" signs are not aligned.
func TestMisalignedTemplateIsNotCanonical(t *testing.T) {
	fsys := copyFS(t, templates.FS)
	const file, old = "partials/network.tmpl", "  description       = \"{{ .Description }}\"\n  ip_protocol       = \"tcp\"\n  from_port         = {{ .PortExpr }}\n  to_port           = {{ .ToPortExpr }}\n  cidr_ipv4 "
	src := string(fsys[file].Data)
	if strings.Count(src, old) != 1 {
		t.Fatalf("%s no longer holds the aligned cidr branch: update this test", file)
	}
	fsys[file].Data = []byte(strings.Replace(src, old, "  description = \"{{ .Description }}\"\n  ip_protocol       = \"tcp\"\n  from_port         = {{ .PortExpr }}\n  to_port           = {{ .ToPortExpr }}\n  cidr_ipv4 ", 1))
	b := blueprints.Lookup("web-app")
	res, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	saved := templateFS
	templateFS = fsys
	files, err := Generate(b, res.Answers)
	templateFS = saved
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if isHCL(f.Path) && !bytes.Equal(hclwrite.Format(f.Data), f.Data) {
			return // caught, as TestGeneratedHCLIsCanonical would
		}
	}
	t.Fatal("the misaligned partial rendered canonical HCL: the canonical check would not see it")
}
