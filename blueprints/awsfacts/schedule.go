package awsfacts

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// ScheduleError says which part of an EventBridge schedule expression is
// wrong, and why.
type ScheduleError struct {
	Field  string // "minutes", "hours", ..., "year"; empty for the whole expression
	Reason string
}

func (e *ScheduleError) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return fmt.Sprintf("%s: %s", e.Field, e.Reason)
}

// cronField is one of the six fields of an EventBridge cron expression.
type cronField struct {
	name     string
	min, max int
	names    []string // names of min, min+1, ... (JAN.., SUN..), when the field has them
	question bool     // accepts ? (no specific value)
}

var cronFields = []cronField{
	{name: "minutes", min: 0, max: 59},
	{name: "hours", min: 0, max: 23},
	{name: "day-of-month", min: 1, max: 31, question: true},
	{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	{name: "day-of-week", min: 1, max: 7, question: true, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
	{name: "year", min: 1970, max: 2199},
}

const (
	dayOfMonth = 2
	dayOfWeek  = 4
)

// ValidateSchedule checks an EventBridge rule schedule expression:
// cron(minutes hours day-of-month month day-of-week year) or rate(N unit).
// It returns a *ScheduleError naming the faulty field, or nil.
func ValidateSchedule(s string) error {
	switch {
	case strings.HasPrefix(s, "cron(") && strings.HasSuffix(s, ")"):
		return validateCron(strings.TrimSuffix(strings.TrimPrefix(s, "cron("), ")"))
	case strings.HasPrefix(s, "rate(") && strings.HasSuffix(s, ")"):
		return validateRate(strings.TrimSuffix(strings.TrimPrefix(s, "rate("), ")"))
	}
	return &ScheduleError{Reason: "it must be cron(...) or rate(...), e.g. cron(0 2 * * ? *) or rate(6 hours)"}
}

func validateRate(inner string) error {
	parts := strings.Split(inner, " ")
	if len(parts) != 2 {
		return &ScheduleError{Reason: "rate takes a number and a unit separated by one space, e.g. rate(5 minutes)"}
	}
	n, unit := parts[0], parts[1]
	v, err := strconv.Atoi(n)
	if err != nil || v < 1 || n[0] == '0' || n[0] == '+' {
		return &ScheduleError{Field: "rate value", Reason: fmt.Sprintf("%q is not a whole number of at least 1", n)}
	}
	singular := map[string]bool{"minute": true, "hour": true, "day": true}
	plural := map[string]bool{"minutes": true, "hours": true, "days": true}
	switch {
	case !singular[unit] && !plural[unit]:
		return &ScheduleError{Field: "rate unit", Reason: fmt.Sprintf("%q is not one of minute(s), hour(s), day(s)", unit)}
	case v == 1 && plural[unit]:
		return &ScheduleError{Field: "rate unit", Reason: fmt.Sprintf("a value of 1 takes the singular: rate(1 %s)", strings.TrimSuffix(unit, "s"))}
	case v > 1 && singular[unit]:
		return &ScheduleError{Field: "rate unit", Reason: fmt.Sprintf("a value above 1 takes the plural: rate(%d %ss)", v, unit)}
	}
	return nil
}

func validateCron(inner string) error {
	fields := strings.Split(inner, " ")
	for _, f := range fields {
		if f == "" {
			return &ScheduleError{Reason: "separate the cron fields with single spaces, with none after cron( or before )"}
		}
	}
	if len(fields) != len(cronFields) {
		reason := fmt.Sprintf("cron takes six fields (minutes hours day-of-month month day-of-week year), not %d", len(fields))
		if len(fields) == 5 {
			reason += "; EventBridge adds a year field to the classic five, e.g. cron(0 2 * * ? *)"
		}
		return &ScheduleError{Reason: reason}
	}
	for i, f := range fields {
		if err := cronFields[i].check(f); err != nil {
			return err
		}
	}
	dom, dow := fields[dayOfMonth] == "?", fields[dayOfWeek] == "?"
	switch {
	case dom && dow:
		return &ScheduleError{Reason: "day-of-month and day-of-week are both ?; give one of them a value or *, e.g. cron(0 2 * * ? *)"}
	case !dom && !dow:
		return &ScheduleError{Reason: "day-of-month and day-of-week cannot both be set: one of them must be ?, e.g. cron(0 2 * * ? *) for every day or cron(0 2 ? * MON *) for Mondays"}
	}
	return nil
}

func (c cronField) errorf(format string, args ...any) error {
	return &ScheduleError{Field: c.name, Reason: fmt.Sprintf(format, args...)}
}

func (c cronField) check(f string) error {
	if f == "?" {
		if !c.question {
			return c.errorf("? is accepted only in day-of-month and day-of-week")
		}
		return nil
	}
	if c.name == "day-of-month" && strings.ContainsAny(f, "lw") {
		// Names are read in any case, but this field has none: its letters
		// are L and W, which the module's validation takes in capitals only.
		return c.errorf("write L and W in capitals: %s", strings.ToUpper(f))
	}
	up := strings.ToUpper(f)
	if special, err := c.checkSpecial(up); special {
		return err
	}
	for _, item := range strings.Split(up, ",") {
		if err := c.checkItem(item); err != nil {
			return err
		}
	}
	return nil
}

// checkSpecial handles the L, W and # forms, which stand alone in their field.
func (c cronField) checkSpecial(f string) (bool, error) {
	switch c.name {
	case "day-of-month":
		if f == "L" {
			return true, nil
		}
		if day, ok := strings.CutSuffix(f, "W"); ok {
			if _, err := c.value(day); err != nil {
				return true, c.errorf("%sW must name a day of the month from 1 to 31 (the weekday nearest to it)", day)
			}
			return true, nil
		}
	case "day-of-week":
		if f == "L" {
			return true, nil
		}
		if day, ok := strings.CutSuffix(f, "L"); ok {
			if _, err := c.value(day); err != nil {
				return true, c.errorf("%sL must name a day of the week, 1-7 or SUN-SAT (the last such day of the month)", day)
			}
			return true, nil
		}
		if day, nth, ok := strings.Cut(f, "#"); ok {
			if _, err := c.value(day); err != nil {
				return true, c.errorf("%q before # must be a day of the week, 1-7 or SUN-SAT", day)
			}
			if n, err := strconv.Atoi(nth); err != nil || n < 1 || n > 5 {
				return true, c.errorf("%q after # must be from 1 to 5 (the nth such day of the month)", nth)
			}
			return true, nil
		}
	}
	if strings.ContainsAny(f, "LW#") && !c.hasNameWith(f) {
		return true, c.errorf("%s uses L, W or # where this field does not accept them, or combines them with other values", f)
	}
	return false, nil
}

// hasNameWith reports whether every letter of f can belong to a month or
// day name of the field (JUL holds an L, WED a W).
func (c cronField) hasNameWith(f string) bool {
	if len(c.names) == 0 || strings.Contains(f, "#") {
		return false
	}
	for _, tok := range strings.FieldsFunc(f, func(r rune) bool { return r == ',' || r == '-' || r == '/' }) {
		if strings.ContainsAny(tok, "LW") && c.nameIndex(tok) < 0 {
			return false
		}
	}
	return true
}

func (c cronField) checkItem(item string) error {
	if item == "" {
		return c.errorf("a list has an empty element; separate values with single commas")
	}
	base, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		n, err := strconv.Atoi(step)
		if err != nil || n < 1 || n > c.max {
			return c.errorf("the increment after / must be a whole number from 1 to %d, not %q", c.max, step)
		}
	}
	if base == "*" {
		return nil
	}
	from, to, isRange := strings.Cut(base, "-")
	lo, err := c.value(from)
	if err != nil {
		return err
	}
	if !isRange {
		return nil
	}
	hi, err := c.value(to)
	if err != nil {
		return err
	}
	if lo > hi {
		return c.errorf("the range %s starts after it ends", base)
	}
	return nil
}

// value parses one number or name and checks its range.
func (c cronField) value(s string) (int, error) {
	if i := c.nameIndex(s); i >= 0 {
		return c.min + i, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || s == "" || s[0] == '+' || s[0] == '-' {
		if len(c.names) > 0 {
			return 0, c.errorf("%q is not a number from %d to %d or a name from %s to %s", s, c.min, c.max, c.names[0], c.names[len(c.names)-1])
		}
		return 0, c.errorf("%q is not a number from %d to %d", s, c.min, c.max)
	}
	if n < c.min || n > c.max {
		return 0, c.errorf("%d is out of range: it must be from %d to %d", n, c.min, c.max)
	}
	return n, nil
}

func (c cronField) nameIndex(s string) int {
	for i, n := range c.names {
		if strings.EqualFold(s, n) {
			return i
		}
	}
	return -1
}

// SchedulePattern is the shape of a schedule expression, for the Terraform
// validation condition: the characters each cron field accepts, exactly one
// of day-of-month and day-of-week being ?, and a rate with a singular unit
// for 1 and a plural one above. ValidateSchedule also checks ranges, names
// and how L, W and # combine.
const SchedulePattern = `^(` +
	`cron\([0-9,*/-]+ [0-9,*/-]+ (\? [0-9A-Za-z,*/-]+ [0-9A-Za-z,*/#-]+|[0-9,*/LW-]+ [0-9A-Za-z,*/-]+ \?) [0-9,*/-]+\)` +
	`|` +
	`rate\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\)` +
	`)$`

// scheduleRule accepts an EventBridge schedule expression.
// Schedule is the rule for an EventBridge schedule expression: the Go check
// is ValidateSchedule, the Terraform condition SchedulePattern.
func Schedule() spec.Rule {
	return rules.Custom(
		"be cron(minutes hours day-of-month month day-of-week year) with one of day-of-month and day-of-week set to ?, or rate(N minute|minutes|hour|hours|day|days)",
		func(v cty.Value, _ spec.Answers) error { return ValidateSchedule(v.AsString()) },
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Call("can", spec.Call("regex", spec.Str(SchedulePattern), spec.Var(key)))
		},
	)
}
