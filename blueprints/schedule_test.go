package blueprints

import (
	"testing"
)

// TestScheduleConditionAgrees evaluates the generated Terraform condition on
// the same samples. The Terraform pattern checks the shape only, so it may
// accept what the Go check refuses for a range or a combination (goOnly),
// but it never refuses a schedule scaffold accepts.
func TestScheduleConditionAgrees(t *testing.T) {
	b := ScheduledBatch()
	for _, tc := range []struct {
		in             string
		goOK, goOnlyNo bool // goOnlyNo: refused by Go, let through by the shape pattern
	}{
		{in: "cron(0 2 * * ? *)", goOK: true},
		{in: "cron(*/5 * * * ? *)", goOK: true},
		{in: "cron(30 6 ? * MON-FRI *)", goOK: true},
		{in: "cron(0 0 1 jan-mar ? *)", goOK: true},
		{in: "cron(0 4 L * ? *)", goOK: true},
		{in: "cron(0 9 15W * ? *)", goOK: true},
		{in: "cron(0 8 ? * 2#1 *)", goOK: true},
		{in: "cron(0 18 ? * 6L 2025-2030)", goOK: true},
		{in: "cron(0 12 ? * WED,SUN *)", goOK: true},
		{in: "cron(0/30 1-3 ? JAN-NOV MON-FRI *)", goOK: true},
		{in: "rate(1 minute)", goOK: true},
		{in: "rate(12 hours)", goOK: true},
		{in: "rate(30 days)", goOK: true},
		{in: "0 2 * * ? *"},
		{in: "cron(0 2 * * *)"},
		{in: "cron(0 2 * * ? * *)"},
		{in: "cron(0  2 * * ? *)"},
		{in: "cron(0 2 * * ? *"},
		{in: "cron(0 2 * * ? *)x"},
		{in: "cron(0 2 * * * *)"},
		{in: "cron(0 2 1 * MON *)"},
		{in: "cron(0 2 ? * ? *)"},
		{in: "cron(0 ? * * ? *)"},
		{in: "cron(L 2 * * ? *)"},
		{in: "cron(0 2 * * ? 20#1)"},
		{in: "rate(0 minutes)"},
		{in: "rate(05 minutes)"},
		{in: "rate(1 minutes)"},
		{in: "rate(2 hour)"},
		{in: "rate(5 seconds)"},
		{in: "rate(5  minutes)"},
		{in: "cron(60 2 * * ? *)", goOnlyNo: true},
		{in: "cron(0 24 * * ? *)", goOnlyNo: true},
		{in: "cron(0 2 * 13 ? *)", goOnlyNo: true},
		{in: "cron(0 2 * FOO ? *)", goOnlyNo: true},
		{in: "cron(0 2 * * ? 1969)", goOnlyNo: true},
		{in: "cron(0/0 2 * * ? *)", goOnlyNo: true},
		{in: "cron(10-5 2 * * ? *)", goOnlyNo: true},
		{in: "cron(0 2 W * ? *)", goOnlyNo: true},
		{in: "cron(0 2 ? * MON#6 *)", goOnlyNo: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			r := checkSample(t, b, map[string]string{"schedule": tc.in})
			if got := !r.goRefused["schedule"]; got != tc.goOK {
				t.Errorf("Go accepts %q: %v, want %v", tc.in, got, tc.goOK)
			}
			wantTF := tc.goOK || tc.goOnlyNo
			if got := !r.tfRefused["schedule"]; got != wantTF {
				t.Errorf("Terraform condition accepts %q: %v, want %v", tc.in, got, wantTF)
			}
			if len(r.goRefused) > 1 || len(r.tfRefused) > 1 {
				t.Errorf("other answers refused: go %v, terraform %v", r.goRefused, r.tfRefused)
			}
		})
	}
}
