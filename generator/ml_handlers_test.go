package generator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// batchStubForTrigger stands in for boto3 under the ml-pipeline trigger:
// Batch answers SubmitJob with a job ID, and refuses, as Batch does, a job
// name that is not 1 to 128 letters, digits, hyphens and underscores
// beginning with a letter or digit (API SubmitJob, jobName).
const batchStubForTrigger = `import re
CALLS = []
class _Batch:
    def submit_job(self, jobName, jobQueue, jobDefinition, **kw):
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}", jobName):
            raise Exception("ClientException: invalid job name " + jobName)
        CALLS.append({"call": "submit_job", "jobName": jobName, "jobQueue": jobQueue, "jobDefinition": jobDefinition, **kw})
        return {"jobId": "job-%d" % len(CALLS), "jobName": jobName, "jobArn": "arn"}
def client(name, **kw):
    return _Batch()
`

// handlerDriver runs module.handler on the event in argv[2] with the stub
// boto3 of argv[1], and prints the result and the calls made.
const handlerDriver = `import json, sys, importlib
sys.path.insert(0, sys.argv[1])
import boto3
module = importlib.import_module(sys.argv[3])
event = json.load(open(sys.argv[2]))
result = module.handler(event, None)
print(json.dumps({"result": result, "calls": boto3.CALLS}))
`

type handlerRun struct {
	Result map[string]any   `json:"result"`
	Calls  []map[string]any `json:"calls"`
}

// runHandler copies handler src into a fresh directory with the stub as
// boto3 (and extra files), runs it on event with env, and returns what it
// answered and called.
func runHandler(t *testing.T, src, stub string, extra map[string]string, event any, env ...string) handlerRun {
	t.Helper()
	runtime := lookTool(t, "python3")
	work := t.TempDir()
	write(t, filepath.Join(work, "boto3", "__init__.py"), stub)
	for p, s := range extra {
		write(t, filepath.Join(work, p), s)
	}
	module := strings.TrimSuffix(filepath.Base(src), ".py")
	copyFile(t, src, filepath.Join(work, module+".py"))
	write(t, filepath.Join(work, "driver.py"), handlerDriver)
	data, _ := json.Marshal(event)
	write(t, filepath.Join(work, "event.json"), string(data))
	cmd := exec.Command(runtime, filepath.Join(work, "driver.py"), work, filepath.Join(work, "event.json"), module)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s failed: %v\n%s", module, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got handlerRun
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("driver output %q: %v", out, err)
	}
	return got
}

// s3Record is one record of an S3 event notification as Lambda receives it
// (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html): the key
// URL-encoded, a space as +.
func s3Record(bucket, key string, size int64) map[string]any {
	return map[string]any{
		"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1", "eventName": "ObjectCreated:Put",
		"s3": map[string]any{
			"s3SchemaVersion": "1.0",
			"bucket":          map[string]any{"name": bucket, "arn": "arn:aws:s3:::" + bucket},
			"object":          map[string]any{"key": key, "size": size, "eTag": "0123456789abcdef0123456789abcdef", "sequencer": "0A1B2C3D4E5F678901"},
		},
	}
}

// TestMLTriggerSubmitsOneJobPerObject runs the ml-pipeline trigger of the
// golden module on an S3 event of three objects: a data file whose key
// needs decoding and holds characters no Batch job name takes, a folder
// marker under the data prefix, and an object elsewhere. Exactly one job is
// submitted, to the module's queue and job definition, with the decoded
// key and its bucket in the container's environment.
func TestMLTriggerSubmitsOneJobPerObject(t *testing.T) {
	src := filepath.Join(goldenRoot, "ml-pipeline", "defaults", "want", "src", "trigger.py")
	event := map[string]any{"Records": []any{
		s3Record("data-bucket", "incoming/2026/day%3D1+run%2B%24HOME.csv", 1<<20),
		s3Record("data-bucket", "incoming/2026/", 0),
		s3Record("data-bucket", "models/job-1/model.tar.gz", 1<<20),
	}}
	got := runHandler(t, src, batchStubForTrigger, nil, event,
		"JOB_QUEUE=arn:aws:batch:us-east-1:123456789012:job-queue/train-dev-queue",
		"JOB_DEFINITION=arn:aws:batch:us-east-1:123456789012:job-definition/train-dev-job:3",
		"DATA_PREFIX=incoming/")
	if len(got.Calls) != 1 {
		t.Fatalf("jobs submitted: %v, want one", got.Calls)
	}
	call := got.Calls[0]
	if call["jobQueue"] != "arn:aws:batch:us-east-1:123456789012:job-queue/train-dev-queue" || call["jobDefinition"] != "arn:aws:batch:us-east-1:123456789012:job-definition/train-dev-job:3" {
		t.Errorf("submitted to %v / %v, want the module's queue and job definition", call["jobQueue"], call["jobDefinition"])
	}
	env := map[string]string{}
	overrides, _ := call["containerOverrides"].(map[string]any)
	for _, e := range overrides["environment"].([]any) {
		kv := e.(map[string]any)
		env[kv["name"].(string)] = kv["value"].(string)
	}
	if env["INPUT_BUCKET"] != "data-bucket" || env["INPUT_KEY"] != "incoming/2026/day=1 run+$HOME.csv" {
		t.Errorf("job environment %v, want INPUT_BUCKET=data-bucket and the decoded key", env)
	}
	if name := call["jobName"].(string); !regexp.MustCompile(`^train-2026-day-1-run-HOME-csv$`).MatchString(name) {
		t.Errorf("job name %q, want one naming the object", name)
	}
}

// sageMakerStub stands in for boto3 under the ml-pipeline deployer. S3
// holds the artefacts in OBJECTS; SageMaker holds models, endpoint
// configurations and endpoints, and answers as SageMaker does: a
// ValidationException "Could not find endpoint" from DescribeEndpoint of a
// missing endpoint, "Cannot create already existing model" for a second
// CreateModel
// (https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html).
const sageMakerStub = `import json, os
from botocore.exceptions import ClientError
CALLS = []
OBJECTS = set(json.loads(os.environ.get("STUB_OBJECTS", "[]")))
MODELS = set(json.loads(os.environ.get("STUB_MODELS", "[]")))
CONFIGS = set(json.loads(os.environ.get("STUB_CONFIGS", "[]")))
ENDPOINTS = json.loads(os.environ.get("STUB_ENDPOINTS", "{}"))
def _err(code, msg):
    return ClientError({"Error": {"Code": code, "Message": msg}}, "op")
class _S3:
    # The deployer's role may list the model prefix only (s3:ListBucket with
    # an s3:prefix condition) and holds no unconditioned s3:ListBucket, so S3
    # answers HeadObject of a missing key 403, not 404
    # (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html).
    def head_object(self, Bucket, Key):
        CALLS.append({"call": "head_object", "Key": Key})
        if Key not in OBJECTS:
            raise _err("403", "Forbidden")
        return {}
    def list_objects_v2(self, Bucket, Prefix="", MaxKeys=1000, **kw):
        CALLS.append({"call": "list_objects_v2", "Prefix": Prefix})
        if not Prefix.startswith(os.environ["MODEL_PREFIX"]):
            raise _err("AccessDenied", "Access Denied")
        keys = sorted(k for k in OBJECTS if k.startswith(Prefix))[:MaxKeys]
        return {"Contents": [{"Key": k} for k in keys], "KeyCount": len(keys)}
class _SageMaker:
    def create_model(self, **kw):
        CALLS.append({"call": "create_model", **kw})
        if kw["ModelName"] in MODELS:
            raise _err("ValidationException", "Cannot create already existing model \"%s\"." % kw["ModelName"])
        MODELS.add(kw["ModelName"])
    def create_endpoint_config(self, **kw):
        CALLS.append({"call": "create_endpoint_config", **kw})
        if kw["EndpointConfigName"] in CONFIGS:
            raise _err("ValidationException", "Cannot create already existing endpoint configuration \"%s\"." % kw["EndpointConfigName"])
        CONFIGS.add(kw["EndpointConfigName"])
    def describe_endpoint(self, EndpointName):
        CALLS.append({"call": "describe_endpoint", "EndpointName": EndpointName})
        if EndpointName not in ENDPOINTS:
            raise _err("ValidationException", "Could not find endpoint \"%s\"." % EndpointName)
        return {"EndpointName": EndpointName, "EndpointConfigName": ENDPOINTS[EndpointName], "EndpointStatus": "InService"}
    def create_endpoint(self, **kw):
        CALLS.append({"call": "create_endpoint", **kw})
        ENDPOINTS[kw["EndpointName"]] = kw["EndpointConfigName"]
    def update_endpoint(self, **kw):
        CALLS.append({"call": "update_endpoint", **kw})
        ENDPOINTS[kw["EndpointName"]] = kw["EndpointConfigName"]
def client(name, **kw):
    return _S3() if name == "s3" else _SageMaker()
`

const botocoreStub = `class ClientError(Exception):
    def __init__(self, response, operation):
        super().__init__(response["Error"]["Message"])
        self.response = response
`

// batchJobEvent is a Batch Job State Change event as EventBridge delivers
// it (https://docs.aws.amazon.com/batch/latest/userguide/batch_job_events.html).
func batchJobEvent(jobID, status string) map[string]any {
	return map[string]any{
		"version": "0", "id": "c8f9c4b5-76e5-d76a-f980-7011e206042b", "detail-type": "Batch Job State Change", "source": "aws.batch",
		"account": "123456789012", "time": "2026-11-30T02:00:00Z", "region": "us-east-1",
		"resources": []string{"arn:aws:batch:us-east-1:123456789012:job/" + jobID},
		"detail": map[string]any{
			"jobArn": "arn:aws:batch:us-east-1:123456789012:job/" + jobID, "jobName": "train-day-1-csv", "jobId": jobID,
			"jobQueue": "arn:aws:batch:us-east-1:123456789012:job-queue/train-dev-queue", "status": status,
			"attempts": []any{}, "createdAt": 1764468000000, "retryStrategy": map[string]any{"attempts": 3}, "dependsOn": []any{},
			"jobDefinition": "arn:aws:batch:us-east-1:123456789012:job-definition/train-dev-job:3", "parameters": map[string]any{},
			"container": map[string]any{"image": "public.ecr.aws/amazonlinux/amazonlinux:2023"},
		},
	}
}

// TestMLDeployerCreatesThenUpdatesTheEndpoint runs the ml-pipeline
// deployer of the golden module on Batch Job State Change events: with no
// endpoint yet it creates the model, a serverless configuration without a
// KMS key, and the endpoint; with the endpoint present (an instance
// configuration with the module's key) it updates it and creates none; an
// event delivered twice changes nothing; a job that wrote no artefact and
// a FAILED job deploy nothing.
func TestMLDeployerCreatesThenUpdatesTheEndpoint(t *testing.T) {
	src := filepath.Join(goldenRoot, "ml-pipeline", "defaults", "want", "src", "deployer.py")
	const job = "4c7f1d2e-9a3b-4e5f-8a6b-1c2d3e4f5a6b"
	const key = "models/" + job + "/model.tar.gz"
	common := []string{
		"ENDPOINT_NAME=train-dev-endpoint", "MODEL_NAME_PREFIX=train-dev-model-", "CONFIG_NAME_PREFIX=train-dev-config-",
		"EXECUTION_ROLE_ARN=arn:aws:iam::123456789012:role/train-dev-sagemaker",
		"INFERENCE_IMAGE=763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.6.0-cpu-py312-ubuntu22.04-sagemaker",
		"MODEL_BUCKET=train-dev-data-123456789012", "MODEL_PREFIX=models/", `STUB_OBJECTS=["` + key + `"]`,
	}
	serverless := append([]string{"ENDPOINT_KIND=serverless", "SERVERLESS_MEMORY_MB=2048", "SERVERLESS_MAX_CONCURRENCY=5", "KMS_KEY_ID="}, common...)
	instances := append([]string{"ENDPOINT_KIND=instances", "INSTANCE_TYPE=ml.m5.large", "INSTANCE_COUNT=2", "KMS_KEY_ID=arn:aws:kms:us-east-1:123456789012:key/k"}, common...)
	extra := map[string]string{"botocore/__init__.py": "", "botocore/exceptions.py": botocoreStub}
	calls := func(r handlerRun, name string) []map[string]any {
		var out []map[string]any
		for _, c := range r.Calls {
			if c["call"] == name {
				out = append(out, c)
			}
		}
		return out
	}

	// Absent → create.
	got := runHandler(t, src, sageMakerStub, extra, batchJobEvent(job, "SUCCEEDED"), serverless...)
	models, configs, creates, updates := calls(got, "create_model"), calls(got, "create_endpoint_config"), calls(got, "create_endpoint"), calls(got, "update_endpoint")
	if len(models) != 1 || len(configs) != 1 || len(creates) != 1 || len(updates) != 0 {
		t.Fatalf("absent endpoint: calls %v, want one model, one configuration, one CreateEndpoint", got.Calls)
	}
	if pc := models[0]["PrimaryContainer"].(map[string]any); pc["ModelDataUrl"] != "s3://train-dev-data-123456789012/"+key || models[0]["ModelName"] != "train-dev-model-4c7f1d2e9a3b" {
		t.Errorf("model %v, want train-dev-model-4c7f1d2e9a3b from s3://…/%s", models[0], key)
	}
	variant := configs[0]["ProductionVariants"].([]any)[0].(map[string]any)
	if _, kms := configs[0]["KmsKeyId"]; kms || variant["ServerlessConfig"] == nil || variant["InstanceType"] != nil {
		t.Errorf("serverless configuration %v: want ServerlessConfig and no KmsKeyId (SageMaker refuses one)", configs[0])
	}
	if creates[0]["EndpointName"] != "train-dev-endpoint" || creates[0]["EndpointConfigName"] != configs[0]["EndpointConfigName"] {
		t.Errorf("CreateEndpoint %v, want train-dev-endpoint with the new configuration", creates[0])
	}
	tagged := func(c map[string]any) bool {
		for _, tag := range c["Tags"].([]any) {
			if tg := tag.(map[string]any); tg["Key"] == "scaffold:created-by" {
				return true
			}
		}
		return false
	}
	if !tagged(models[0]) || !tagged(configs[0]) || !tagged(creates[0]) {
		t.Errorf("the model, configuration and endpoint must carry the scaffold:created-by tag the README's cleanup finds them by")
	}

	// Present → update.
	got = runHandler(t, src, sageMakerStub, extra, batchJobEvent(job, "SUCCEEDED"), append(instances, `STUB_ENDPOINTS={"train-dev-endpoint": "train-dev-config-000000000000"}`)...)
	configs, creates, updates = calls(got, "create_endpoint_config"), calls(got, "create_endpoint"), calls(got, "update_endpoint")
	if len(creates) != 0 || len(updates) != 1 || updates[0]["EndpointConfigName"] != "train-dev-config-4c7f1d2e9a3b" {
		t.Fatalf("present endpoint: calls %v, want one UpdateEndpoint to train-dev-config-4c7f1d2e9a3b and no CreateEndpoint", got.Calls)
	}
	variant = configs[0]["ProductionVariants"].([]any)[0].(map[string]any)
	if configs[0]["KmsKeyId"] != "arn:aws:kms:us-east-1:123456789012:key/k" || variant["InstanceType"] != "ml.m5.large" || variant["InitialInstanceCount"] != float64(2) {
		t.Errorf("instance configuration %v, want ml.m5.large × 2 with the module's key", configs[0])
	}

	// Delivered twice: everything exists already, nothing fails or changes.
	got = runHandler(t, src, sageMakerStub, extra, batchJobEvent(job, "SUCCEEDED"), append(serverless,
		`STUB_MODELS=["train-dev-model-4c7f1d2e9a3b"]`, `STUB_CONFIGS=["train-dev-config-4c7f1d2e9a3b"]`,
		`STUB_ENDPOINTS={"train-dev-endpoint": "train-dev-config-4c7f1d2e9a3b"}`)...)
	if len(calls(got, "create_endpoint"))+len(calls(got, "update_endpoint")) != 0 || got.Result["action"] != "unchanged" {
		t.Errorf("a repeated event: calls %v, result %v; want the endpoint left as it is", got.Calls, got.Result)
	}

	// No artefact, or a failed job: nothing deployed.
	for _, ev := range []map[string]any{batchJobEvent("0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a", "SUCCEEDED"), batchJobEvent(job, "FAILED")} {
		got = runHandler(t, src, sageMakerStub, extra, ev, serverless...)
		if len(calls(got, "create_model"))+len(calls(got, "create_endpoint"))+len(calls(got, "update_endpoint")) != 0 || got.Result["deployed"] != false {
			t.Errorf("event %v: calls %v, want nothing deployed", ev["detail"].(map[string]any)["status"], got.Calls)
		}
	}
}
