package awsfacts

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestValidateScheduleAccepts(t *testing.T) {
	for _, s := range []string{
		"cron(0 2 * * ? *)",
		"cron(0/15 * * * ? *)",
		"cron(*/5 * * * ? *)",
		"cron(5,35 14 * * ? *)",
		"cron(30 6 ? * MON-FRI *)",
		"cron(0 0 1,15 JAN,JUL ? *)",
		"cron(0 0 1 jan-mar ? *)",
		"cron(0/30 1-3 ? JAN-NOV MON-FRI *)",
		"cron(10-50/10 8-18/2 ? * 2-6 *)",
		"cron(0 4 L * ? *)",
		"cron(0 9 15W * ? *)",
		"cron(0 8 ? * 2#1 *)",
		"cron(0 8 ? * MON#5 *)",
		"cron(0 18 ? * 6L 2025-2030)",
		"cron(0 18 ? * FRIL *)",
		"cron(0 18 ? * L *)",
		"cron(0 12 ? * WED,SUN *)",
		"cron(59 23 31 12 ? 2199)",
		"cron(0 0 1 1 ? 1970)",
		"cron(0 0 1/7 * ? *)",
		"rate(1 minute)",
		"rate(5 minutes)",
		"rate(1 hour)",
		"rate(12 hours)",
		"rate(1 day)",
		"rate(30 days)",
	} {
		t.Run(s, func(t *testing.T) {
			if err := ValidateSchedule(s); err != nil {
				t.Errorf("ValidateSchedule(%q) = %v, want nil", s, err)
			}
		})
	}
}

func TestValidateScheduleRefuses(t *testing.T) {
	for _, tc := range []struct {
		in     string
		field  string // the field the error names; "" for the whole expression
		reason string // a fragment of the reason
	}{
		{"", "", "cron(...) or rate(...)"},
		{"0 2 * * ? *", "", "cron(...) or rate(...)"},
		{"cron(0 2 * * ? *", "", "cron(...) or rate(...)"},
		{"CRON(0 2 * * ? *)", "", "cron(...) or rate(...)"},
		{"cron(0 2 * * *)", "", "adds a year field"},
		{"cron(0 2 * * ? * *)", "", "six fields"},
		{"cron(0  2 * * ? *)", "", "single spaces"},
		{"cron( 0 2 * * ? *)", "", "single spaces"},
		{"cron(0 2 * * * *)", "", "one of them must be ?"},
		{"cron(0 2 1 * MON *)", "", "one of them must be ?"},
		{"cron(0 2 ? * ? *)", "", "both ?"},
		{"cron(60 2 * * ? *)", "minutes", "out of range"},
		{"cron(0 24 * * ? *)", "hours", "out of range"},
		{"cron(0 2 0 * ? *)", "day-of-month", "out of range"},
		// The module's validation takes L and W in capitals only.
		{"cron(0 2 l * ? *)", "day-of-month", "write L and W in capitals: L"},
		{"cron(0 2 15w * ? *)", "day-of-month", "write L and W in capitals: 15W"},
		{"cron(0 2 32 * ? *)", "day-of-month", "out of range"},
		{"cron(0 2 * 13 ? *)", "month", "out of range"},
		{"cron(0 2 * FOO ? *)", "month", "JAN to DEC"},
		{"cron(0 2 ? * 8 *)", "day-of-week", "out of range"},
		{"cron(0 2 ? * FUN *)", "day-of-week", "SUN to SAT"},
		{"cron(0 2 * * ? 1969)", "year", "out of range"},
		{"cron(0 2 * * ? 2200)", "year", "out of range"},
		{"cron(0 ? * * ? *)", "hours", "only in day-of-month and day-of-week"},
		{"cron(0/0 2 * * ? *)", "minutes", "increment"},
		{"cron(0/60 2 * * ? *)", "minutes", "increment"},
		{"cron(0/x 2 * * ? *)", "minutes", "increment"},
		{"cron(10-5 2 * * ? *)", "minutes", "starts after it ends"},
		{"cron(0,,5 2 * * ? *)", "minutes", "empty element"},
		{"cron(0 2 * * ? *,)", "year", "empty element"},
		{"cron(-5 2 * * ? *)", "minutes", "not a number"},
		{"cron(L 2 * * ? *)", "minutes", "does not accept them"},
		{"cron(0 2 L,15 * ? *)", "day-of-month", "combines them"},
		{"cron(0 2 W * ? *)", "day-of-month", "weekday nearest"},
		{"cron(0 2 32W * ? *)", "day-of-month", "weekday nearest"},
		{"cron(0 2 LW * ? *)", "day-of-month", "weekday nearest"},
		{"cron(0 2 ? * MON#6 *)", "day-of-week", "from 1 to 5"},
		{"cron(0 2 ? * 9#1 *)", "day-of-week", "before #"},
		{"cron(0 2 ? * 9L *)", "day-of-week", "last such day"},
		{"cron(0 2 ? * MON-FRI#2 *)", "day-of-week", "before #"},
		{"rate(0 minutes)", "rate value", "at least 1"},
		{"rate(05 minutes)", "rate value", "at least 1"},
		{"rate(-1 minutes)", "rate value", "at least 1"},
		{"rate(x minutes)", "rate value", "at least 1"},
		{"rate(1 minutes)", "rate unit", "singular: rate(1 minute)"},
		{"rate(2 hour)", "rate unit", "plural: rate(2 hours)"},
		{"rate(5 seconds)", "rate unit", "not one of"},
		{"rate(5  minutes)", "", "one space"},
		{"rate(5minutes)", "", "one space"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			err := ValidateSchedule(tc.in)
			var se *ScheduleError
			if !errors.As(err, &se) {
				t.Fatalf("ValidateSchedule(%q) = %v, want a *ScheduleError", tc.in, err)
			}
			if se.Field != tc.field {
				t.Errorf("ValidateSchedule(%q) names field %q, want %q (%v)", tc.in, se.Field, tc.field, err)
			}
			if !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("ValidateSchedule(%q) = %q, want it to mention %q", tc.in, err, tc.reason)
			}
		})
	}
}

// TestSchedulePatternAcceptsEveryValidSchedule checks the property the
// Terraform condition must keep: whatever scaffold accepts, it accepts.
func TestSchedulePatternAcceptsEveryValidSchedule(t *testing.T) {
	re := regexp.MustCompile(SchedulePattern)
	fields := [][]string{
		{"0", "59", "*", "0/15", "*/5", "5,35", "10-50/10"},
		{"0", "23", "*", "8-18/2", "1,13"},
		{"?", "1", "31", "L", "15W", "*", "1/7", "1-15"},
		{"1", "12", "*", "JAN", "jan-mar", "JAN,JUL", "1/3"},
		{"?", "1", "7", "L", "6L", "FRIL", "2#1", "MON#5", "MON-FRI", "WED,SUN", "*"},
		{"*", "1970", "2199", "2025-2030", "2025/2"},
	}
	n := 0
	var walk func(i int, parts []string)
	walk = func(i int, parts []string) {
		if i == len(fields) {
			s := "cron(" + strings.Join(parts, " ") + ")"
			if ValidateSchedule(s) == nil {
				n++
				if !re.MatchString(s) {
					t.Errorf("scaffold accepts %q but the Terraform pattern refuses it", s)
				}
			}
			return
		}
		for _, f := range fields[i] {
			walk(i+1, append(parts, f))
		}
	}
	walk(0, nil)
	if n < 1000 {
		t.Fatalf("only %d valid combinations were tried", n)
	}
}
