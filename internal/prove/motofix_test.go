//go:build prove

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
	"strings"
	"testing"
	"time"
)

// queryCall sends one unsigned query-protocol request (EC2, RDS) to the
// emulator and decodes its XML answer into out.
func queryCall(ctx context.Context, e *emulator, service string, form url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL+"/", strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/"+service+"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := (&http.Client{Timeout: time.Minute, Transport: &http.Transport{Proxy: nil}}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d: %s", form.Get("Action"), resp.StatusCode, body)
	}
	if out == nil {
		return nil
	}
	return xml.Unmarshal(body, out)
}

// TestMotoFixes checks each fix of motofix/sitecustomize.py against a
// moto_server started the way the harness starts it: what AWS answers, the
// emulator must answer too.
func TestMotoFixes(t *testing.T) {
	tl := tools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	moto, err := startEmulator(ctx, tl.MotoServer, filepath.Join(t.TempDir(), "moto.log"), withoutEnv(os.Environ(), awsEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer moto.Stop()
	call := func(service string, out any, kv ...string) {
		t.Helper()
		form := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			form.Set(kv[i], kv[i+1])
		}
		if err := queryCall(ctx, moto, service, form, out); err != nil {
			t.Fatal(err)
		}
	}
	const rdsVersion = "2014-10-31"

	t.Run("DescribeDBInstances returns the monitoring and Performance Insights settings", func(t *testing.T) {
		type instance struct {
			MonitoringInterval                 *int
			MonitoringRoleArn                  *string
			PerformanceInsightsEnabled         *bool
			PerformanceInsightsKMSKeyId        *string
			PerformanceInsightsRetentionPeriod *int
		}
		describe := func(id string) instance {
			var out struct {
				Instances []instance `xml:"DescribeDBInstancesResult>DBInstances>DBInstance"`
			}
			call("rds", &out, "Action", "DescribeDBInstances", "Version", rdsVersion, "DBInstanceIdentifier", id)
			if len(out.Instances) != 1 {
				t.Fatalf("DescribeDBInstances %s: %d instances", id, len(out.Instances))
			}
			return out.Instances[0]
		}
		create := func(id string, kv ...string) {
			call("rds", nil, append([]string{"Action", "CreateDBInstance", "Version", rdsVersion,
				"DBInstanceIdentifier", id, "DBInstanceClass", "db.t4g.micro", "Engine", "postgres",
				"MasterUsername", "app", "MasterUserPassword", "correct-horse-battery", "AllocatedStorage", "20"}, kv...)...)
		}
		const role = "arn:aws:iam::123456789012:role/rds-monitoring"
		const key = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
		create("monitored", "MonitoringInterval", "60", "MonitoringRoleArn", role,
			"EnablePerformanceInsights", "true", "PerformanceInsightsKMSKeyId", key)
		got := describe("monitored")
		if got.MonitoringInterval == nil || *got.MonitoringInterval != 60 {
			t.Errorf("MonitoringInterval = %v, want 60", deref(got.MonitoringInterval))
		}
		if got.MonitoringRoleArn == nil || *got.MonitoringRoleArn != role {
			t.Errorf("MonitoringRoleArn = %v, want %s", deref(got.MonitoringRoleArn), role)
		}
		if got.PerformanceInsightsEnabled == nil || !*got.PerformanceInsightsEnabled {
			t.Errorf("PerformanceInsightsEnabled = %v, want true", deref(got.PerformanceInsightsEnabled))
		}
		if got.PerformanceInsightsKMSKeyId == nil || *got.PerformanceInsightsKMSKeyId != key {
			t.Errorf("PerformanceInsightsKMSKeyId = %v, want %s", deref(got.PerformanceInsightsKMSKeyId), key)
		}
		// 7 days is what AWS keeps when the request names no period.
		if got.PerformanceInsightsRetentionPeriod == nil || *got.PerformanceInsightsRetentionPeriod != 7 {
			t.Errorf("PerformanceInsightsRetentionPeriod = %v, want 7", deref(got.PerformanceInsightsRetentionPeriod))
		}

		call("rds", nil, "Action", "ModifyDBInstance", "Version", rdsVersion, "DBInstanceIdentifier", "monitored",
			"ApplyImmediately", "true", "EnablePerformanceInsights", "false", "MonitoringInterval", "0")
		got = describe("monitored")
		if got.PerformanceInsightsEnabled == nil || *got.PerformanceInsightsEnabled {
			t.Errorf("after ModifyDBInstance: PerformanceInsightsEnabled = %v, want false", deref(got.PerformanceInsightsEnabled))
		}
		if got.MonitoringInterval == nil || *got.MonitoringInterval != 0 {
			t.Errorf("after ModifyDBInstance: MonitoringInterval = %v, want 0", deref(got.MonitoringInterval))
		}

		// Off is an answer too: AWS returns 0 and false, not nothing.
		create("plain")
		got = describe("plain")
		if got.MonitoringInterval == nil || *got.MonitoringInterval != 0 || got.PerformanceInsightsEnabled == nil || *got.PerformanceInsightsEnabled {
			t.Errorf("an instance without monitoring: MonitoringInterval = %v, PerformanceInsightsEnabled = %v; want 0 and false",
				deref(got.MonitoringInterval), deref(got.PerformanceInsightsEnabled))
		}
	})

	t.Run("ModifyDBSubnetGroup keeps the group", func(t *testing.T) {
		var vpc struct {
			ID string `xml:"vpc>vpcId"`
		}
		call("ec2", &vpc, "Action", "CreateVpc", "Version", "2016-11-15", "CidrBlock", "10.20.0.0/16")
		var subnets []string
		for i, az := range []string{"us-east-1a", "us-east-1b"} {
			var sn struct {
				ID string `xml:"subnet>subnetId"`
			}
			call("ec2", &sn, "Action", "CreateSubnet", "Version", "2016-11-15", "VpcId", vpc.ID,
				"CidrBlock", fmt.Sprintf("10.20.%d.0/24", i), "AvailabilityZone", az)
			subnets = append(subnets, sn.ID)
		}
		group := []string{"Version", rdsVersion, "DBSubnetGroupName", "app-db",
			"SubnetIds.SubnetIdentifier.1", subnets[0], "SubnetIds.SubnetIdentifier.2", subnets[1]}
		call("rds", nil, append([]string{"Action", "CreateDBSubnetGroup", "DBSubnetGroupDescription", "before"}, group...)...)
		call("rds", nil, append([]string{"Action", "ModifyDBSubnetGroup", "DBSubnetGroupDescription", "after"}, group...)...)
		var out struct {
			Descriptions []string `xml:"DescribeDBSubnetGroupsResult>DBSubnetGroups>DBSubnetGroup>DBSubnetGroupDescription"`
		}
		form := url.Values{"Action": {"DescribeDBSubnetGroups"}, "Version": {rdsVersion}, "DBSubnetGroupName": {"app-db"}}
		if err := queryCall(ctx, moto, "rds", form, &out); err != nil {
			t.Fatalf("the modified group is gone: %v", err)
		}
		if len(out.Descriptions) != 1 || out.Descriptions[0] != "after" {
			t.Errorf("DescribeDBSubnetGroups after the modify: descriptions %q, want [after]", out.Descriptions)
		}
	})
}

// deref shows a pointer's value, or that the answer had none.
func deref[T any](p *T) any {
	if p == nil {
		return "(absent)"
	}
	return *p
}

// jsonCall sends one unsigned JSON-protocol request (CodeBuild,
// CodePipeline) to the emulator and decodes its answer into out.
func jsonCall(ctx context.Context, e *emulator, service, target, body string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.URL+"/", strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", target)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/"+service+"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := (&http.Client{Timeout: time.Minute, Transport: &http.Transport{Proxy: nil}}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d: %s", target, resp.StatusCode, raw)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// TestMotoFixesCodeBuildCodePipeline checks the CodeBuild and CodePipeline
// fixes (ci-pipeline): CreateProject accepts a CODEPIPELINE source and
// artifacts without a location on Lambda compute and keeps the key it is
// given; UpdateProject and DeleteProject take the project's ARN; and
// GetPipeline's timestamps are epoch seconds.
func TestMotoFixesCodeBuildCodePipeline(t *testing.T) {
	tl := tools(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	moto, err := startEmulator(ctx, tl.MotoServer, filepath.Join(t.TempDir(), "moto.log"), withoutEnv(os.Environ(), awsEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer moto.Stop()
	const key = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
	var created struct {
		Project struct {
			Arn           string `json:"arn"`
			EncryptionKey string `json:"encryptionKey"`
		} `json:"project"`
	}
	if err := jsonCall(ctx, moto, "codebuild", "CodeBuild_20161006.CreateProject", `{"name":"ci-dev-build",
		"source":{"type":"CODEPIPELINE","buildspec":"version: 0.2"},"artifacts":{"type":"CODEPIPELINE"},
		"environment":{"type":"LINUX_LAMBDA_CONTAINER","computeType":"BUILD_LAMBDA_2GB","image":"aws/codebuild/amazonlinux-x86_64-lambda-standard:python3.12"},
		"serviceRole":"arn:aws:iam::123456789012:role/ci-dev-build","encryptionKey":"`+key+`","timeoutInMinutes":15}`, &created); err != nil {
		t.Fatal(err)
	}
	if created.Project.EncryptionKey != key {
		t.Errorf("CreateProject answered encryptionKey %q, want %q", created.Project.EncryptionKey, key)
	}
	arn := created.Project.Arn
	if err := jsonCall(ctx, moto, "codebuild", "CodeBuild_20161006.UpdateProject", `{"name":"`+arn+`","timeoutInMinutes":9}`, nil); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Projects []struct {
			TimeoutInMinutes int `json:"timeoutInMinutes"`
		} `json:"projects"`
	}
	if err := jsonCall(ctx, moto, "codebuild", "CodeBuild_20161006.BatchGetProjects", `{"names":["ci-dev-build"]}`, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Projects) != 1 || got.Projects[0].TimeoutInMinutes != 9 {
		t.Errorf("after UpdateProject of the ARN: %+v, want one project with timeoutInMinutes 9", got.Projects)
	}
	if err := jsonCall(ctx, moto, "codebuild", "CodeBuild_20161006.DeleteProject", `{"name":"`+arn+`"}`, nil); err != nil {
		t.Fatal(err)
	}
	got.Projects = nil
	if err := jsonCall(ctx, moto, "codebuild", "CodeBuild_20161006.BatchGetProjects", `{"names":["ci-dev-build"]}`, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Projects) != 0 {
		t.Errorf("DeleteProject of the ARN left %d project(s)", len(got.Projects))
	}

	trust := url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	form, _ := url.ParseQuery("Action=CreateRole&Version=2010-05-08&RoleName=ci-dev-pipeline&AssumeRolePolicyDocument=" + trust)
	if err := queryCall(ctx, moto, "iam", form, nil); err != nil {
		t.Fatal(err)
	}
	stage := func(name, category, provider, in, out string) string {
		return `{"name":"` + name + `","actions":[{"name":"` + name + `","actionTypeId":{"category":"` + category + `","owner":"AWS","provider":"` + provider + `","version":"1"}` +
			in + out + `}]}`
	}
	if err := jsonCall(ctx, moto, "codepipeline", "CodePipeline_20150709.CreatePipeline", `{"pipeline":{"name":"ci-dev-pipeline",
		"roleArn":"arn:aws:iam::123456789012:role/ci-dev-pipeline","artifactStore":{"type":"S3","location":"artifacts"},"stages":[`+
		stage("Source", "Source", "S3", "", `,"outputArtifacts":[{"name":"source"}]`)+","+
		stage("Build", "Build", "CodeBuild", `,"inputArtifacts":[{"name":"source"}]`, "")+`]}}`, nil); err != nil {
		t.Fatal(err)
	}
	var pipeline struct {
		Metadata struct {
			Created any `json:"created"`
			Updated any `json:"updated"`
		} `json:"metadata"`
	}
	if err := jsonCall(ctx, moto, "codepipeline", "CodePipeline_20150709.GetPipeline", `{"name":"ci-dev-pipeline"}`, &pipeline); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"created": pipeline.Metadata.Created, "updated": pipeline.Metadata.Updated} {
		if _, ok := v.(float64); !ok {
			t.Errorf("GetPipeline's metadata.%s is %T %v, want epoch seconds (a JSON number)", name, v, v)
		}
	}
}
