package prove

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// StepBackend is the proof of a module whose state lives in S3
// (state_backend = s3): its bootstrap/ module applied against the
// emulator, the stack's backend initialised against the bucket it made,
// the lock refused while held, and state and lock file found in the bucket
// after the stack's own apply and destroy.
const StepBackend = "s3 backend"

// BackendFile and BootstrapDir are what the generator writes for
// state_backend = s3.
const (
	BackendFile  = "backend.tf"
	BootstrapDir = "bootstrap"
)

// s3Backend is the backend "s3" block of a module, as backend.tf writes it.
type s3Backend struct {
	Bucket, Key, Region string
	UseLockfile         bool
}

// moduleBackend reads dir's backend.tf; nil when the module has none (its
// state is local).
func moduleBackend(dir string) (*s3Backend, error) {
	src, err := os.ReadFile(filepath.Join(dir, BackendFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	f, diags := hclsyntax.ParseConfig(src, BackendFile, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	for _, tb := range f.Body.(*hclsyntax.Body).Blocks {
		for _, b := range tb.Body.Blocks {
			if tb.Type != "terraform" || b.Type != "backend" || len(b.Labels) != 1 || b.Labels[0] != "s3" {
				continue
			}
			be := &s3Backend{}
			for name, dst := range map[string]*string{"bucket": &be.Bucket, "key": &be.Key, "region": &be.Region} {
				attr, ok := b.Body.Attributes[name]
				if !ok {
					return nil, fmt.Errorf("%s: backend \"s3\" has no %s", BackendFile, name)
				}
				v, d := attr.Expr.Value(nil)
				if d.HasErrors() {
					return nil, fmt.Errorf("%s: backend \"s3\" %s is not a literal: %s", BackendFile, name, d.Error())
				}
				*dst = v.AsString()
			}
			if attr, ok := b.Body.Attributes["use_lockfile"]; ok {
				if v, d := attr.Expr.Value(nil); !d.HasErrors() && v.True() {
					be.UseLockfile = true
				}
			}
			return be, nil
		}
	}
	return nil, fmt.Errorf("%s holds no backend \"s3\" block", BackendFile)
}

// backendConfig is the partial backend configuration the harness adds at
// `terraform init -backend-config=FILE` (a file of the scratch folder, not
// of the module): the bucket, key and region stay the module's own; only
// where S3 is, and the dummy credentials, change.
func backendConfig(motoURL string) []byte {
	return []byte(fmt.Sprintf(`# Written by scaffold's proof harness: the module's s3 backend, at the AWS emulator.
endpoints = {
  s3  = %[1]q
  sts = %[1]q
  iam = %[1]q
}
use_path_style              = true
skip_credentials_validation = true
skip_requesting_account_id  = true
skip_metadata_api_check     = true
skip_region_validation      = true
`, motoURL))
}

// proveBootstrap applies bootstrap/ against the emulator and checks the
// bucket it makes, that destroy is refused (prevent_destroy), then
// initialises the stack's backend against that bucket and checks that a
// held lock stops a run. It reports whether the stack may go on to plan.
func (h *harness) proveBootstrap(ctx context.Context, r *Result, tr *terraformRunner, moto *emulator, dir, scratch string, be *s3Backend) bool {
	defer r.timed(StepBackend)()
	fail := func(format string, args ...any) bool {
		r.fail(StepBackend, fmt.Sprintf(format, args...))
		return false
	}
	if !be.UseLockfile {
		return fail("backend.tf does not set use_lockfile = true: the state would not be locked")
	}
	boot := filepath.Join(dir, BootstrapDir)
	aliases, err := providerAliases(boot)
	if err != nil || len(aliases) == 0 {
		return fail("bootstrap/: no provider block to point at the emulator (%v)", err)
	}
	if err := os.WriteFile(filepath.Join(boot, OverrideFile), renderOverride(aliases, h.endpoints, moto.URL, false), 0o644); err != nil {
		return fail("%v", err)
	}
	if _, err := tr.init(ctx, boot); err != nil {
		return fail("bootstrap/: %v", err)
	}
	run := func(d string, timeout time.Duration, args ...string) (result, error) {
		return tr.run(ctx, d, timeout, args...)
	}
	res, err := run(boot, applyTimeout, "apply", "-json", "-input=false", "-auto-approve")
	if err != nil || res.ExitCode != 0 {
		return fail("bootstrap/: terraform apply: %s%v", diagnosticsText(res.Stdout), err)
	}
	res, err = run(boot, planTimeout, "plan", "-json", "-input=false", "-detailed-exitcode")
	if err != nil || res.ExitCode != 0 {
		return fail("bootstrap/: the re-plan after apply is not empty (exit %d): %s%v", res.ExitCode, diagnosticsText(res.Stdout), err)
	}
	// What the README promises of the bucket, read back from S3.
	for query, want := range map[string]string{
		"versioning":        "<Status>Enabled</Status>",
		"policy":            "aws:SecureTransport",
		"encryption":        "AES256",
		"publicAccessBlock": "<RestrictPublicBuckets>true</RestrictPublicBuckets>",
	} {
		body, status, err := s3Request(ctx, http.MethodGet, moto.URL+"/"+be.Bucket+"?"+query, nil)
		if err != nil || status != http.StatusOK || !strings.Contains(string(body), want) {
			return fail("bootstrap/: the bucket's %s is not %s (HTTP %d, %v): %s", query, want, status, err, tail(body, 5))
		}
	}
	// prevent_destroy: Terraform refuses to plan the bucket's destruction.
	res, _ = run(boot, planTimeout, "destroy", "-json", "-input=false", "-auto-approve")
	if res.ExitCode == 0 || !strings.Contains(string(res.Stdout), "prevent_destroy") {
		return fail("bootstrap/: terraform destroy was not refused by prevent_destroy (exit %d): %s", res.ExitCode, diagnosticsText(res.Stdout))
	}
	r.note("s3 backend: bootstrap/ applied (bucket versioned, SSE-S3, public access blocked, TLS-only policy), re-planned with no changes; destroy refused by prevent_destroy")

	cfg := filepath.Join(scratch, "emulator.s3.tfbackend")
	if err := os.WriteFile(cfg, backendConfig(moto.URL), 0o644); err != nil {
		return fail("%v", err)
	}
	initArgs := []string{"init", "-reconfigure", "-input=false", "-plugin-dir=" + tr.tf.PluginDir, "-backend-config=" + cfg}
	// The emulator speaks plain HTTP, which the bucket policy refuses (as
	// it must: the state holds secrets). The refusal is the proof that
	// the policy holds; the harness then removes the policy, since no
	// other way to reach the emulator is open.
	res, err = run(dir, 3*time.Minute, initArgs...)
	if err != nil || res.ExitCode == 0 || !strings.Contains(string(res.Stderr), "403") {
		return fail("terraform init over plain HTTP was not refused by the bucket policy (exit %d, %v): %s", res.ExitCode, err, tail(append(res.Stdout, res.Stderr...), 10))
	}
	if _, status, err := s3Request(ctx, http.MethodDelete, moto.URL+"/"+be.Bucket+"?policy", nil); err != nil || status/100 != 2 {
		return fail("removing the bucket policy for the plain-HTTP emulator: HTTP %d %v", status, err)
	}
	r.note("s3 backend: the bucket policy refused the backend's plain-HTTP requests (403); removed for the emulator, which has no TLS")
	res, err = run(dir, 3*time.Minute, initArgs...)
	if err != nil || res.ExitCode != 0 {
		return fail("terraform init with the s3 backend: %v %s", err, tail(append(res.Stdout, res.Stderr...), 20))
	}
	// A lock another run holds: the lock file the backend writes with a
	// conditional put. A run must refuse to start while it is there.
	lockURL := moto.URL + "/" + be.Bucket + "/" + escapeKey(be.Key+".tflock")
	held := `{"ID":"00000000-0000-0000-0000-000000000000","Operation":"OperationTypeApply","Who":"someone@elsewhere","Version":"1.11.4","Created":"2026-11-30T00:00:00Z","Path":""}`
	if _, status, err := s3Request(ctx, http.MethodPut, lockURL, []byte(held)); err != nil || status != http.StatusOK {
		return fail("putting a held lock file: HTTP %d %v", status, err)
	}
	res, _ = run(dir, planTimeout, "plan", "-input=false", "-lock-timeout=0s", "-refresh=false")
	out := string(append(res.Stdout, res.Stderr...))
	if res.ExitCode == 0 || !strings.Contains(out, "Error acquiring the state lock") {
		return fail("terraform plan ran while another run held the lock (exit %d): %s", res.ExitCode, tail([]byte(out), 10))
	}
	if _, status, err := s3Request(ctx, http.MethodDelete, lockURL, nil); err != nil || status/100 != 2 {
		return fail("removing the held lock file: HTTP %d %v", status, err)
	}
	r.note("s3 backend: the stack initialised against the bootstrap bucket; a plan was refused while another run held " + be.Key + ".tflock")
	return true
}

// checkRemoteState checks, after the stack's runs, that its state was
// written to the bucket under its key and that the runs took and released
// the lock file beside it (each lock is a version of <key>.tflock, each
// release a delete marker, in the versioned bucket).
func checkRemoteState(ctx context.Context, r *Result, moto *emulator, be *s3Backend) {
	body, status, err := s3Request(ctx, http.MethodGet, moto.URL+"/"+be.Bucket+"?versions&prefix="+url.QueryEscape(be.Key), nil)
	if err != nil || status != http.StatusOK {
		r.fail(StepBackend, fmt.Sprintf("listing the state's versions: HTTP %d %v", status, err))
		return
	}
	var list struct {
		Versions []struct {
			Key      string `xml:"Key"`
			IsLatest bool   `xml:"IsLatest"`
		} `xml:"Version"`
		DeleteMarkers []struct {
			Key      string `xml:"Key"`
			IsLatest bool   `xml:"IsLatest"`
		} `xml:"DeleteMarker"`
	}
	if err := xml.Unmarshal(body, &list); err != nil {
		r.fail(StepBackend, "reading the state's versions: "+err.Error())
		return
	}
	states, locks, released, stillHeld := 0, 0, 0, false
	for _, v := range list.Versions {
		switch v.Key {
		case be.Key:
			states++
		case be.Key + ".tflock":
			locks++
			stillHeld = stillHeld || v.IsLatest
		}
	}
	for _, d := range list.DeleteMarkers {
		if d.Key == be.Key+".tflock" {
			released++
		}
	}
	// Two versions at least: the apply's state and the destroy's.
	if states < 2 || locks < 2 || released < 2 || stillHeld {
		r.fail(StepBackend, fmt.Sprintf("in s3://%s: %d versions of %s (want the apply's and the destroy's), %d locks taken and %d released of %s.tflock (want one per run, the harness's own included), still held: %v",
			be.Bucket, states, be.Key, locks, released, be.Key, stillHeld))
		return
	}
	r.note(fmt.Sprintf("s3 backend: s3://%s/%s holds %d state versions; %s.tflock was taken %d times and released each time", be.Bucket, be.Key, states, be.Key, locks))
}

// s3Request sends one path-style request to the emulator's S3.
func s3Request(ctx context.Context, method, u string, body []byte) ([]byte, int, error) {
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(string(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, 0, err
	}
	// The emulator answers an anonymous request as S3 would (a delete is
	// refused) and does not verify signatures: a request that names the
	// harness's dummy credentials is the account's own.
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0")
	// Only the emulator is reached: never through a proxy.
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return data, resp.StatusCode, err
}

// escapeKey escapes each segment of an object key for a path-style URL.
func escapeKey(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}
