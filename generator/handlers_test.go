package generator_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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
	dirs, _ := filepath.Glob(filepath.Join(goldenRoot, "stream-processing", "*", "want"))
	if len(dirs) == 0 {
		t.Fatal("no stream-processing golden modules")
	}
	for _, dir := range dirs {
		name := filepath.Base(filepath.Dir(dir))
		t.Run(name, func(t *testing.T) {
			tfvars, err := os.ReadFile(filepath.Join(dir, "terraform.tfvars"))
			if err != nil {
				t.Fatal(err)
			}
			line := tfvarsLine(tfvars, "tumbling_window_s")
			if line == "" {
				t.Fatal("terraform.tfvars sets no tumbling_window_s")
			}
			windowed := strings.TrimSpace(strings.SplitN(line, "=", 2)[1]) != "0"
			events, _ := json.Marshal(kinesisInvocations(windowed))
			work := t.TempDir()
			eventsFile := filepath.Join(work, "events.json")
			write(t, eventsFile, string(events))

			var cmd *exec.Cmd
			env := append(os.Environ(), "OUTPUT_BUCKET=out", "OUTPUT_PREFIX=records/", "TABLE_NAME=items")
			switch py, mjs := filepath.Join(dir, "src", "handler.py"), filepath.Join(dir, "src", "handler.mjs"); {
			case exists(py):
				runtime := lookTool(t, "python3")
				write(t, filepath.Join(work, "boto3.py"), pythonSDKStub)
				copyFile(t, py, filepath.Join(work, "handler.py"))
				write(t, filepath.Join(work, "driver.py"), pythonDriver)
				cmd = exec.Command(runtime, filepath.Join(work, "driver.py"), work, eventsFile)
			case exists(mjs):
				runtime := lookTool(t, "node")
				for pkg, src := range map[string]string{"client-s3": nodeS3Stub, "client-dynamodb": nodeDynamoDBStub} {
					p := filepath.Join(work, "node_modules", "@aws-sdk", pkg)
					write(t, filepath.Join(p, "package.json"), `{"name": "@aws-sdk/`+pkg+`", "type": "module", "exports": "./index.mjs"}`)
					write(t, filepath.Join(p, "index.mjs"), src)
				}
				copyFile(t, mjs, filepath.Join(work, "handler.mjs"))
				write(t, filepath.Join(work, "driver.mjs"), nodeDriver)
				cmd = exec.Command(runtime, filepath.Join(work, "driver.mjs"), filepath.Join(work, "handler.mjs"), eventsFile)
			default:
				t.Fatalf("%s holds no handler.py or handler.mjs", filepath.Join(dir, "src"))
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

// tfvarsLine returns the line of tfvars that sets key, or "".
func tfvarsLine(tfvars []byte, key string) string {
	for _, l := range strings.Split(string(tfvars), "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == key {
			return l
		}
	}
	return ""
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

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
