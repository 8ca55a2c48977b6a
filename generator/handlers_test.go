package generator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// kinesisRecord is one record of a Kinesis event as Lambda delivers it
// (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html, "Example
// event"): the data base64-encoded, the arrival time in epoch seconds.
func kinesisRecord(partitionKey, sequenceNumber, data string) map[string]any {
	return map[string]any{
		"kinesis": map[string]any{
			"kinesisSchemaVersion":        "1.0",
			"partitionKey":                partitionKey,
			"sequenceNumber":              sequenceNumber,
			"data":                        data,
			"approximateArrivalTimestamp": 1545084650.987,
		},
		"eventSource":       "aws:kinesis",
		"eventVersion":      "1.0",
		"eventID":           "shardId-000000000006:" + sequenceNumber,
		"eventName":         "aws:kinesis:record",
		"invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
		"awsRegion":         "us-east-1",
		"eventSourceARN":    "arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream",
	}
}

// kinesisInvocations are the events a handler receives, in order. Without a
// tumbling window: one batch of two records. With one: the window's first
// invocation (two records, isFinalInvokeForWindow false, empty state), then
// its last (no records, isFinalInvokeForWindow true), whose state the driver
// fills with what the first returned (the shape of
// https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html).
func kinesisInvocations(windowed bool) []map[string]any {
	records := []any{
		kinesisRecord("1", "49590338271490256608559692538361571095921575989136588898", "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg=="),
		kinesisRecord("2", "49590338271490256608559692540925702759324208523137515618", "VGhpcyBpcyBvbmx5IGEgdGVzdC4="),
	}
	if !windowed {
		return []map[string]any{{"Records": records}}
	}
	window := func(recs []any, final bool) map[string]any {
		return map[string]any{
			"Records":                 recs,
			"window":                  map[string]any{"start": "2020-12-09T07:04:00Z", "end": "2020-12-09T07:06:00Z"},
			"state":                   map[string]any{},
			"shardId":                 "shardId-000000000006",
			"eventSourceARN":          "arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream",
			"isFinalInvokeForWindow":  final,
			"isWindowTerminatedEarly": false,
		}
	}
	return []map[string]any{window(records, false), window([]any{}, true)}
}

// Stubs of the AWS SDKs the handlers import: each write is recorded, with
// the aggregate or record it carries, instead of sent.
const pythonSDKStub = `import json
CALLS = []
class _S3:
    def put_object(self, Bucket, Key, Body, **kw):
        CALLS.append({"call": "s3.put_object", "key": Key, "body": json.loads(Body)})
class _Table:
    def put_item(self, Item):
        CALLS.append({"call": "dynamodb.put_item", "item": Item})
class _DynamoDB:
    def Table(self, name):
        return _Table()
def client(name, **kw):
    return _S3()
def resource(name, **kw):
    return _DynamoDB()
`

const pythonDriver = `import json, sys
sys.path.insert(0, sys.argv[1])
import boto3, handler
responses, state = [], None
for event in json.load(open(sys.argv[2])):
    if state is not None and event.get("isFinalInvokeForWindow"):
        event["state"] = state
    r = handler.handler(event, None)
    state = r.get("state")
    responses.append(r)
print(json.dumps({"responses": responses, "calls": boto3.CALLS}))
`

const nodeS3Stub = `export class PutObjectCommand { constructor(input) { this.input = input; } }
export class S3Client {
  async send(cmd) { globalThis.CALLS.push({ call: "s3.put_object", key: cmd.input.Key, body: JSON.parse(cmd.input.Body) }); }
}
`

const nodeDynamoDBStub = `export class PutItemCommand { constructor(input) { this.input = input; } }
export class DynamoDBClient {
  async send(cmd) { globalThis.CALLS.push({ call: "dynamodb.put_item", item: cmd.input.Item }); }
}
`

const nodeDriver = `import { readFileSync } from "node:fs";
globalThis.CALLS = [];
const { handler } = await import(process.argv[2]);
const responses = [];
let state = null;
for (const event of JSON.parse(readFileSync(process.argv[3], "utf8"))) {
  if (state !== null && event.isFinalInvokeForWindow) event.state = state;
  const r = await handler(event);
  state = r.state ?? null;
  responses.push(r);
}
console.log(JSON.stringify({ responses, calls: globalThis.CALLS }));
`

// TestStreamHandlersWriteWhatKinesisDelivers runs the handler of every
// stream-processing golden module, under python3 or node with the AWS SDK
// stubbed, on the events Lambda delivers from Kinesis: per record, each
// record is written once and no failure is reported; with a tumbling
// window, nothing is written until the window's last invocation, which
// writes one aggregate counting both records. The first version tested
// isFinalInvokeBySource, a field Lambda never sends, and wrote nothing.
func TestStreamHandlersWriteWhatKinesisDelivers(t *testing.T) {
	tried := 0
	for _, c := range goldenCases(t) {
		if c.Blueprint.ID != "stream-processing" {
			continue
		}
		tried++
		dir := filepath.Join(c.Dir, "want")
		a := resolveCase(t, c)
		t.Run(c.Name, func(t *testing.T) {
			windowed := a.Float("tumbling_window_s") > 0
			events, _ := json.Marshal(kinesisInvocations(windowed))
			work := t.TempDir()
			eventsFile := filepath.Join(work, "events.json")
			write(t, eventsFile, string(events))

			var cmd *exec.Cmd
			env := append(os.Environ(), "OUTPUT_BUCKET=out", "OUTPUT_PREFIX=records/", "TABLE_NAME=items")
			switch runtime := a.String("runtime"); {
			case strings.HasPrefix(runtime, "python"):
				py := filepath.Join(dir, "src", "handler.py")
				python := lookTool(t, "python3")
				write(t, filepath.Join(work, "boto3.py"), pythonSDKStub)
				copyFile(t, py, filepath.Join(work, "handler.py"))
				write(t, filepath.Join(work, "driver.py"), pythonDriver)
				cmd = exec.Command(python, filepath.Join(work, "driver.py"), work, eventsFile)
			case strings.HasPrefix(runtime, "nodejs"):
				mjs := filepath.Join(dir, "src", "handler.mjs")
				node := lookTool(t, "node")
				for pkg, src := range map[string]string{"client-s3": nodeS3Stub, "client-dynamodb": nodeDynamoDBStub} {
					p := filepath.Join(work, "node_modules", "@aws-sdk", pkg)
					write(t, filepath.Join(p, "package.json"), `{"name": "@aws-sdk/`+pkg+`", "type": "module", "exports": "./index.mjs"}`)
					write(t, filepath.Join(p, "index.mjs"), src)
				}
				copyFile(t, mjs, filepath.Join(work, "handler.mjs"))
				write(t, filepath.Join(work, "driver.mjs"), nodeDriver)
				cmd = exec.Command(node, filepath.Join(work, "driver.mjs"), filepath.Join(work, "handler.mjs"), eventsFile)
			default:
				t.Fatalf("runtime %s: the test knows no interpreter for it", runtime)
			}
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("the handler failed: %v\n%s", err, stderr.String())
			}
			var got struct {
				Responses []map[string]any `json:"responses"`
				Calls     []map[string]any `json:"calls"`
			}
			// The handler's own log lines come first (console.info writes
			// to stdout); the driver's result is the last line.
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			out = []byte(lines[len(lines)-1])
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("driver output %q: %v", out, err)
			}
			for i, r := range got.Responses {
				if f, ok := r["batchItemFailures"].([]any); !ok || len(f) != 0 {
					t.Errorf("invocation %d reported batchItemFailures %v, want an empty list", i+1, r["batchItemFailures"])
				}
			}
			if !windowed {
				if len(got.Calls) != 2 {
					t.Fatalf("two records gave %d writes, want 2: %v", len(got.Calls), got.Calls)
				}
				return
			}
			if len(got.Calls) != 1 {
				t.Fatalf("a window of two records gave %d writes, want 1 aggregate on its last invocation: %v", len(got.Calls), got.Calls)
			}
			agg := aggregateOf(t, got.Calls[0])
			keys, _ := agg["partition_keys"].(map[string]any)
			for _, k := range []string{"1", "2"} {
				if c, _ := keys[k].(map[string]any); c == nil || c["count"] != float64(1) {
					t.Errorf("the aggregate counts partition key %s as %v, want count 1: %v", k, keys[k], agg)
				}
			}
		})
	}
	if tried == 0 {
		t.Fatal("no stream-processing golden case")
	}
}

// aggregateOf returns the window aggregate a recorded write carries: the S3
// object's body, or the item's aggregate attribute (JSON text; an
// attribute value {"S": ...} from the Node.js SDK).
func aggregateOf(t *testing.T, call map[string]any) map[string]any {
	t.Helper()
	if body, ok := call["body"].(map[string]any); ok {
		return body
	}
	item, _ := call["item"].(map[string]any)
	text, ok := item["aggregate"].(string)
	if av, isAV := item["aggregate"].(map[string]any); isAV {
		text, ok = av["S"].(string)
	}
	var agg map[string]any
	if !ok || json.Unmarshal([]byte(text), &agg) != nil {
		t.Fatalf("the write carries no aggregate: %v", call)
	}
	return agg
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(data))
}

// lookTool finds a runtime the handlers need; a missing one skips the test
// on a developer's machine and fails it where terraform is required (CI).
func lookTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("SCAFFOLD_REQUIRE_TERRAFORM") != "" {
			t.Fatalf("%s is not on PATH, and the handlers' test needs it", name)
		}
		t.Skipf("%s is not on PATH", name)
	}
	return p
}

// s3StubForValidator stands in for boto3 under the s3-etl validator: S3
// holds one object per key with its size, and refuses, as S3 does, a
// CopyObject whose source is larger than 5 GB ("The specified copy source
// is larger than the maximum allowable size for a copy source",
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html);
// the managed copy (boto3's S3.copy, multipart) copies any size.
const s3StubForValidator = `import json
OBJECTS = {}
CALLS = []
MAX_SINGLE_COPY = 5 * 1024**3
class ClientError(Exception):
    pass
class _S3:
    def copy_object(self, Bucket, Key, CopySource, **kw):
        size = OBJECTS[CopySource["Key"]]
        if size > MAX_SINGLE_COPY:
            raise ClientError("InvalidRequest: The specified copy source is larger than the maximum allowable size for a copy source: 5368709120")
        OBJECTS[Key] = size
        CALLS.append({"call": "copy_object", "to": Key})
    def copy(self, CopySource, Bucket, Key, **kw):
        OBJECTS[Key] = OBJECTS[CopySource["Key"]]
        CALLS.append({"call": "copy", "to": Key})
    def delete_object(self, Bucket, Key, **kw):
        del OBJECTS[Key]
        CALLS.append({"call": "delete_object", "key": Key})
class _Glue:
    def start_job_run(self, JobName, Arguments):
        CALLS.append({"call": "start_job_run", "arguments": Arguments})
        return {"JobRunId": "jr_1"}
def client(name, **kw):
    return _S3() if name == "s3" else _Glue()
`

const transferStub = `class TransferConfig:
    def __init__(self, **kw):
        self.kw = kw
`

const validatorDriver = `import json, sys
sys.path.insert(0, sys.argv[1])
import boto3, validator
event = json.load(open(sys.argv[2]))
for r in event["Records"]:
    from urllib.parse import unquote_plus
    boto3.OBJECTS[unquote_plus(r["s3"]["object"]["key"])] = r["s3"]["object"]["size"]
result = validator.handler(event, None)
print(json.dumps({"result": result, "calls": boto3.CALLS, "objects": sorted(boto3.OBJECTS)}))
`

// TestETLValidatorMovesRejectsLargerThanOneCopy runs the s3-etl
// validator of the golden module under python3, boto3 stubbed with S3's
// copy limit, on an S3 event (the shape of
// https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html) of a 6 GiB
// upload and an accepted one: the large reject ends up under the
// quarantine prefix and nowhere else, and only the accepted upload starts
// a Glue run. The first validator moved rejects with one CopyObject and
// failed on every upload above 5 GB.
func TestETLValidatorMovesRejectsLargerThanOneCopy(t *testing.T) {
	src := filepath.Join(goldenRoot, "s3-etl", "defaults", "want", "src", "validator.py")
	runtime := lookTool(t, "python3")
	work := t.TempDir()
	write(t, filepath.Join(work, "boto3", "__init__.py"), s3StubForValidator)
	write(t, filepath.Join(work, "boto3", "s3", "__init__.py"), "")
	write(t, filepath.Join(work, "boto3", "s3", "transfer.py"), transferStub)
	copyFile(t, src, filepath.Join(work, "validator.py"))
	write(t, filepath.Join(work, "driver.py"), validatorDriver)
	record := func(key string, size int64) map[string]any {
		return map[string]any{
			"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1", "eventName": "ObjectCreated:Put",
			"s3": map[string]any{
				"s3SchemaVersion": "1.0",
				"bucket":          map[string]any{"name": "landing", "arn": "arn:aws:s3:::landing"},
				"object":          map[string]any{"key": key, "size": size, "eTag": "0123456789abcdef0123456789abcdef", "sequencer": "0A1B2C3D4E5F678901"},
			},
		}
	}
	event, _ := json.Marshal(map[string]any{"Records": []any{
		record("incoming/huge+export.csv", 6<<30),
		record("incoming/day%3D1.csv", 1<<20),
	}})
	write(t, filepath.Join(work, "event.json"), string(event))
	cmd := exec.Command(runtime, filepath.Join(work, "driver.py"), work, filepath.Join(work, "event.json"))
	cmd.Env = append(os.Environ(), "GLUE_JOB_NAME=etl", "INCOMING_PREFIX=incoming/", "QUARANTINE_PREFIX=quarantine/",
		"MAX_OBJECT_BYTES=536870912", "ALLOWED_FORMATS=csv,json,parquet")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the validator failed: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got struct {
		Calls   []map[string]any `json:"calls"`
		Objects []string         `json:"objects"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("driver output %q: %v", out, err)
	}
	if want := []string{"incoming/day=1.csv", "quarantine/huge export.csv"}; strings.Join(got.Objects, ",") != strings.Join(want, ",") {
		t.Errorf("objects after the run: %v, want %v", got.Objects, want)
	}
	var runs []any
	for _, c := range got.Calls {
		if c["call"] == "start_job_run" {
			runs = append(runs, c["arguments"])
		}
	}
	if len(runs) != 1 || !strings.Contains(fmt.Sprint(runs[0]), "incoming/day=1.csv") {
		t.Errorf("Glue runs started: %v, want one for incoming/day=1.csv", runs)
	}
}

// TestREADMECommandsNameTheModulesOutputs: every `terraform output NAME`
// a golden module's README tells the user to run names an output that
// module declares. The stream-processing README once sent S3-sink users to
// table_name, an output only the DynamoDB sink has.
func TestREADMECommandsNameTheModulesOutputs(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(goldenRoot, "*", "*", "want"))
	if len(dirs) == 0 {
		t.Fatal("no golden modules")
	}
	ref := regexp.MustCompile(`terraform output (?:-raw |-json )?([a-z0-9_]+)`)
	decl := regexp.MustCompile(`(?m)^output "([a-z0-9_]+)"`)
	checked := 0
	for _, dir := range dirs {
		readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
		if err != nil {
			t.Fatal(err)
		}
		outputs, _ := os.ReadFile(filepath.Join(dir, "outputs.tf"))
		declared := map[string]bool{}
		for _, m := range decl.FindAllStringSubmatch(string(outputs), -1) {
			declared[m[1]] = true
		}
		for _, m := range ref.FindAllStringSubmatch(string(readme), -1) {
			checked++
			if !declared[m[1]] {
				t.Errorf("%s: README.md runs `terraform output %s`, which outputs.tf does not declare", strings.TrimPrefix(dir, goldenRoot+"/"), m[1])
			}
		}
	}
	if checked == 0 {
		t.Error("no README runs terraform output: the check saw nothing")
	}
}

// Stub of boto3 for the ci-pipeline integration-tests function: Batch
// answers SubmitJob with a job id and DescribeJobs with the status the
// driver sets; CodePipeline's job results are recorded.
const integrationTestsStub = `import json
CALLS = []
STATUS = {"value": None, "fail_submit": False}
class _Batch:
    def submit_job(self, **kw):
        if STATUS["fail_submit"]:
            raise RuntimeError("ClientException: job queue is DISABLED")
        CALLS.append({"call": "batch.submit_job", "args": kw})
        return {"jobId": "4e7a1b2c-0000-4000-8000-000000000001", "jobName": kw["jobName"]}
    def describe_jobs(self, jobs):
        CALLS.append({"call": "batch.describe_jobs", "jobs": jobs})
        job = {"jobId": jobs[0], "status": STATUS["value"]}
        if STATUS["value"] == "FAILED":
            job["statusReason"] = "Essential container in task exited"
        return {"jobs": [job]}
class _CodePipeline:
    def put_job_success_result(self, **kw):
        CALLS.append({"call": "codepipeline.put_job_success_result", "args": kw})
    def put_job_failure_result(self, **kw):
        CALLS.append({"call": "codepipeline.put_job_failure_result", "args": kw})
def client(name, **kw):
    return {"batch": _Batch(), "codepipeline": _CodePipeline()}[name]
`

// integrationTestsDriver plays CodePipeline: it invokes the handler with
// a job, then again with the continuation token of the last success
// result, once per Batch status the scenario lists, and prints what the
// handler called.
const integrationTestsDriver = `import json, sys, copy
sys.path.insert(0, sys.argv[1])
import boto3, integration_tests
scenario = json.load(open(sys.argv[2]))
job = json.load(open(sys.argv[3]))
boto3.STATUS["fail_submit"] = scenario.get("fail_submit", False)
token = None
for status in [None] + scenario["statuses"]:
    boto3.STATUS["value"] = status
    event = copy.deepcopy(job)
    if token:
        event["CodePipeline.job"]["data"]["continuationToken"] = token
    n = len(boto3.CALLS)
    integration_tests.handler(event, None)
    token = None
    for c in boto3.CALLS[n:]:
        if c["call"] == "codepipeline.put_job_success_result":
            token = c["args"].get("continuationToken")
print(json.dumps({"calls": boto3.CALLS}))
`

// codePipelineJob is the event CodePipeline invokes a Lambda action with
// (https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html,
// "Example JSON event"), with the build artifact as input.
func codePipelineJob() map[string]any {
	return map[string]any{"CodePipeline.job": map[string]any{
		"id":        "11111111-abcd-1111-abcd-111111abcdef",
		"accountId": "123456789012",
		"data": map[string]any{
			"actionConfiguration": map[string]any{"configuration": map[string]any{"FunctionName": "build-dev-integration-tests"}},
			"inputArtifacts": []any{map[string]any{
				"name":     "build",
				"revision": nil,
				"location": map[string]any{"type": "S3", "s3Location": map[string]any{
					"bucketName": "build-dev-artifacts-123456789012",
					"objectKey":  "build-dev/build/Ab3xYz9",
				}},
			}},
			"outputArtifacts":     []any{},
			"artifactCredentials": map[string]any{"accessKeyId": "AKIAEXAMPLE", "secretAccessKey": "secret", "sessionToken": "token"},
		},
	}}
}

// TestIntegrationTestsActionFollowsTheBatchJob runs the ci-pipeline
// golden module's integration-tests function under python3, boto3
// stubbed, as CodePipeline drives a Lambda invoke action: the first call
// submits one Batch job with the build artifact's location in its
// environment and answers with a continuation token; while the job is
// RUNNABLE or RUNNING each call answers with the token again; SUCCEEDED
// ends the action with a success result carrying no token, FAILED with a
// failure result (the pipeline fails), and an error submitting fails the
// action at once instead of leaving it to time out.
func TestIntegrationTestsActionFollowsTheBatchJob(t *testing.T) {
	src := filepath.Join(goldenRoot, "ci-pipeline", "defaults", "want", "src", "integration_tests.py")
	python := lookTool(t, "python3")
	type call = map[string]any
	run := func(t *testing.T, scenario map[string]any) []call {
		work := t.TempDir()
		write(t, filepath.Join(work, "boto3.py"), integrationTestsStub)
		copyFile(t, src, filepath.Join(work, "integration_tests.py"))
		write(t, filepath.Join(work, "driver.py"), integrationTestsDriver)
		sc, _ := json.Marshal(scenario)
		job, _ := json.Marshal(codePipelineJob())
		write(t, filepath.Join(work, "scenario.json"), string(sc))
		write(t, filepath.Join(work, "job.json"), string(job))
		cmd := exec.Command(python, filepath.Join(work, "driver.py"), work, filepath.Join(work, "scenario.json"), filepath.Join(work, "job.json"))
		cmd.Env = append(os.Environ(), "JOB_QUEUE=arn:aws:batch:us-east-1:123456789012:job-queue/build-dev-queue",
			"JOB_DEFINITION=arn:aws:batch:us-east-1:123456789012:job-definition/build-dev-job:1", "JOB_NAME=build-dev-integration-tests")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("the function failed: %v\n%s", err, stderr.String())
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		var got struct {
			Calls []call `json:"calls"`
		}
		if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
			t.Fatalf("driver output %q: %v", out, err)
		}
		return got.Calls
	}
	results := func(calls []call) (out []string) {
		for _, c := range calls {
			switch c["call"] {
			case "codepipeline.put_job_success_result":
				args := c["args"].(map[string]any)
				if tok, ok := args["continuationToken"]; ok {
					out = append(out, "continue:"+fmt.Sprint(tok))
				} else {
					out = append(out, "success")
				}
			case "codepipeline.put_job_failure_result":
				out = append(out, "failure")
			case "batch.submit_job":
				out = append(out, "submit")
			}
		}
		return out
	}
	const batchJob = "4e7a1b2c-0000-4000-8000-000000000001"
	for _, tc := range []struct {
		name     string
		scenario map[string]any
		want     []string
	}{
		{"succeeded", map[string]any{"statuses": []string{"RUNNABLE", "RUNNING", "SUCCEEDED"}},
			[]string{"submit", "continue:" + batchJob, "continue:" + batchJob, "continue:" + batchJob, "success"}},
		{"failed", map[string]any{"statuses": []string{"STARTING", "FAILED"}},
			[]string{"submit", "continue:" + batchJob, "continue:" + batchJob, "failure"}},
		{"submit error", map[string]any{"statuses": []string{}, "fail_submit": true},
			[]string{"failure"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := run(t, tc.scenario)
			if got := results(calls); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("the action answered %v, want %v", got, tc.want)
			}
			for _, c := range calls {
				if c["call"] != "batch.submit_job" {
					continue
				}
				env := fmt.Sprint(c["args"].(map[string]any)["containerOverrides"])
				for _, want := range []string{"ARTIFACT_BUCKET", "build-dev-artifacts-123456789012", "ARTIFACT_KEY", "build-dev/build/Ab3xYz9"} {
					if !strings.Contains(env, want) {
						t.Errorf("the job's environment %s lacks %s", env, want)
					}
				}
			}
		})
	}
}
