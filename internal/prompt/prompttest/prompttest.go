// Package prompttest scripts a prompt.Prompter for tests, in the style of the
// GitHub CLI's mock prompter: each expected prompt is registered by its
// message with a stub that answers it. A prompt nobody registered fails the
// test, and so, when the test ends, does a registered stub that was never
// used, so a test states exactly which questions a run asks.
//
// Input stubs receive the validate function the caller passed, as a user at a
// terminal would meet it: a stub can type a bad value, check the reason it is
// refused, then type a good one. Whatever a stub finally returns is validated
// again, and a value the caller would refuse fails the test, because a real
// prompt never returns one.
//
// The file console.go adds a pseudo-terminal for driving the real survey
// prompts.
package prompttest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/scaffold-tf/scaffold/internal/listtext"
	"github.com/scaffold-tf/scaffold/internal/prompt"
)

// TB is the part of testing.TB the Prompter uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Cleanup(func())
}

// InputFunc answers an Input prompt. def is the default the prompt shows;
// validate is the caller's check (nil when it has none).
type InputFunc func(def string, validate func(string) error) (string, error)

// SelectFunc answers a Select prompt with one of the options' values (or
// returns prompt.ErrBack, as the back entry of the list does).
type SelectFunc func(def string, options []prompt.Option) (string, error)

// ConfirmFunc answers a Confirm prompt.
type ConfirmFunc func(def bool) (bool, error)

// ListFunc answers a List prompt with items. def is the default the
// prompt shows; validate is the caller's check (nil when it has none).
type ListFunc func(def []string, validate func([]string) error) ([]string, error)

// Kind names a Prompter method.
type Kind string

const (
	Input   Kind = "Input"
	Select  Kind = "Select"
	Confirm Kind = "Confirm"
	List    Kind = "List"
)

// Call records one prompt that was shown, in order.
type Call struct {
	Kind    Kind
	Message string
	Help    string
	Default string          // as the prompt received it; "true"/"false" for Confirm, as listtext.Format writes it for List
	Options []prompt.Option // Select only
}

// ErrUnexpected is returned (and the test failed) for a prompt with no stub.
var ErrUnexpected = errors.New("prompttest: unexpected prompt")

type stub struct {
	kind    Kind
	message string
	used    bool
	input   InputFunc
	sel     SelectFunc
	confirm ConfirmFunc
	list    ListFunc
}

// Prompter is a scripted prompt.Prompter. It is safe for use by one
// goroutine at a time, like a terminal.
type Prompter struct {
	t     TB
	mu    sync.Mutex
	stubs []*stub
	calls []Call
}

var _ prompt.Prompter = (*Prompter)(nil)

// New returns a Prompter that fails t on an unexpected prompt, and at cleanup
// on any stub never used.
func New(t TB) *Prompter {
	p := &Prompter{t: t}
	t.Cleanup(p.verify)
	return p
}

// RegisterInput answers the next Input prompt whose message is message.
// Registering the same message twice answers two prompts, in order.
func (p *Prompter) RegisterInput(message string, fn InputFunc) {
	p.register(&stub{kind: Input, message: message, input: fn})
}

// RegisterSelect answers the next Select prompt whose message is message.
func (p *Prompter) RegisterSelect(message string, fn SelectFunc) {
	p.register(&stub{kind: Select, message: message, sel: fn})
}

// RegisterConfirm answers the next Confirm prompt whose message is message.
func (p *Prompter) RegisterConfirm(message string, fn ConfirmFunc) {
	p.register(&stub{kind: Confirm, message: message, confirm: fn})
}

// RegisterList answers the next List prompt whose message is message.
func (p *Prompter) RegisterList(message string, fn ListFunc) {
	p.register(&stub{kind: List, message: message, list: fn})
}

func (p *Prompter) register(s *stub) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stubs = append(p.stubs, s)
}

// Calls returns the prompts shown so far, in order.
func (p *Prompter) Calls() []Call {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.calls)
}

// Messages returns the messages of the prompts shown so far, in order.
func (p *Prompter) Messages() []string {
	var out []string
	for _, c := range p.Calls() {
		out = append(out, c.Message)
	}
	return out
}

// Call returns the prompt shown with message, failing the test when there
// was none.
func (p *Prompter) Call(message string) Call {
	p.t.Helper()
	for _, c := range p.Calls() {
		if c.Message == message {
			return c
		}
	}
	p.t.Errorf("prompttest: no prompt %q was shown; shown: %q", message, p.Messages())
	return Call{}
}

// take records the call and returns the first unused stub for it.
func (p *Prompter) take(c Call) *stub {
	p.t.Helper()
	p.mu.Lock()
	p.calls = append(p.calls, c)
	var found, otherKind *stub
	for _, s := range p.stubs {
		if s.used || s.message != c.Message {
			continue
		}
		if s.kind != c.Kind {
			otherKind = s
			continue
		}
		found = s
		found.used = true
		break
	}
	p.mu.Unlock()
	switch {
	case found != nil:
		return found
	case otherKind != nil:
		p.t.Errorf("prompttest: %q was asked with %s, but the stub registered for it is a %s", c.Message, c.Kind, otherKind.kind)
	default:
		p.t.Errorf("prompttest: unexpected %s prompt %q (default %q); register a stub for it", c.Kind, c.Message, c.Default)
	}
	return nil
}

func (p *Prompter) verify() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.stubs {
		if !s.used {
			p.t.Errorf("prompttest: %s stub for %q was never used: the prompt was not shown", s.kind, s.message)
		}
	}
}

// Input implements prompt.Prompter.
func (p *Prompter) Input(message, help, def string, validate func(string) error) (string, error) {
	p.t.Helper()
	s := p.take(Call{Kind: Input, Message: message, Help: help, Default: def})
	if s == nil {
		return "", fmt.Errorf("%w: %q", ErrUnexpected, message)
	}
	v, err := s.input(def, validate)
	if err != nil {
		return v, err
	}
	if validate != nil {
		if verr := validate(v); verr != nil {
			p.t.Errorf("prompttest: the stub for %q returned %q, which the prompt would refuse and re-ask: %v", message, v, verr)
		}
	}
	return v, nil
}

// Select implements prompt.Prompter.
func (p *Prompter) Select(message, help string, options []prompt.Option, def string, validate func(string) error) (string, error) {
	p.t.Helper()
	s := p.take(Call{Kind: Select, Message: message, Help: help, Default: def, Options: slices.Clone(options)})
	if s == nil {
		return "", fmt.Errorf("%w: %q", ErrUnexpected, message)
	}
	values := optionValues(options)
	if !slices.Contains(values, def) {
		p.t.Errorf("prompttest: Select %q got default %q, which is not one of its options %q", message, def, values)
	}
	v, err := s.sel(def, options)
	if err != nil {
		return v, err
	}
	if !slices.Contains(values, v) {
		p.t.Errorf("prompttest: the stub for %q returned %q, which is not one of the options %q", message, v, values)
	}
	if validate != nil {
		if verr := validate(v); verr != nil {
			p.t.Errorf("prompttest: the stub for %q chose %q, which the prompt would refuse and re-ask: %v", message, v, verr)
		}
	}
	return v, nil
}

// Confirm implements prompt.Prompter.
func (p *Prompter) Confirm(message, help string, def bool, validate func(bool) error) (bool, error) {
	p.t.Helper()
	s := p.take(Call{Kind: Confirm, Message: message, Help: help, Default: fmt.Sprint(def)})
	if s == nil {
		return false, fmt.Errorf("%w: %q", ErrUnexpected, message)
	}
	v, err := s.confirm(def)
	if err != nil {
		return v, err
	}
	if validate != nil {
		if verr := validate(v); verr != nil {
			p.t.Errorf("prompttest: the stub for %q answered %v, which the prompt would refuse and re-ask: %v", message, v, verr)
		}
	}
	return v, nil
}

// List implements prompt.Prompter.
func (p *Prompter) List(message, help string, def []string, validate func([]string) error) ([]string, error) {
	p.t.Helper()
	s := p.take(Call{Kind: List, Message: message, Help: help, Default: listtext.Format(def)})
	if s == nil {
		return nil, fmt.Errorf("%w: %q", ErrUnexpected, message)
	}
	v, err := s.list(slices.Clone(def), validate)
	if err != nil {
		return v, err
	}
	if validate != nil {
		if verr := validate(v); verr != nil {
			p.t.Errorf("prompttest: the stub for %q returned %q, which the prompt would refuse and re-ask: %v", message, v, verr)
		}
	}
	return v, nil
}

func optionValues(options []prompt.Option) []string {
	out := make([]string, len(options))
	for i, o := range options {
		out[i] = o.Value
	}
	return out
}

// Value is an InputFunc that types v.
func Value(v string) InputFunc {
	return func(string, func(string) error) (string, error) { return v, nil }
}

// Default is an InputFunc that presses enter, accepting the default.
func Default() InputFunc {
	return func(def string, _ func(string) error) (string, error) { return def, nil }
}

// Choose is a SelectFunc that picks v.
func Choose(v string) SelectFunc {
	return func(string, []prompt.Option) (string, error) { return v, nil }
}

// DefaultChoice is a SelectFunc that presses enter on the preselected option.
func DefaultChoice() SelectFunc {
	return func(def string, _ []prompt.Option) (string, error) { return def, nil }
}

// ItemsOf is a ListFunc that answers items.
func ItemsOf(items ...string) ListFunc {
	return func([]string, func([]string) error) ([]string, error) { return items, nil }
}

// DefaultItems is a ListFunc that presses enter, accepting the default.
func DefaultItems() ListFunc {
	return func(def []string, _ func([]string) error) ([]string, error) { return def, nil }
}

// Answer is a ConfirmFunc that answers b.
func Answer(b bool) ConfirmFunc {
	return func(bool) (bool, error) { return b, nil }
}

// Rejection is a value a user typed and the reason the prompt gave.
type Rejection struct {
	Value string
	Err   error
}

// Typing is an InputFunc that types each value in turn, as a user would:
// a value validate refuses is recorded in Rejected and the next one typed;
// the first accepted value is the answer. When every value is refused the
// stub returns the last one, and the Prompter fails the test.
type Typing struct {
	Values   []string
	Rejected []Rejection
}

// Type returns a Typing of values; register t.Input and inspect t.Rejected
// afterwards.
func Type(values ...string) *Typing { return &Typing{Values: values} }

// Input is the InputFunc.
func (ty *Typing) Input(_ string, validate func(string) error) (string, error) {
	var last string
	for _, v := range ty.Values {
		last = v
		if validate == nil {
			return v, nil
		}
		err := validate(v)
		if err == nil {
			return v, nil
		}
		ty.Rejected = append(ty.Rejected, Rejection{Value: v, Err: err})
	}
	return last, nil
}

// List is the ListFunc: each value is a line typed at a List prompt, read
// as the Survey prompter reads it (listtext); a line that is not a list,
// or whose items validate refuses, is recorded in Rejected and the next
// one typed. An empty line takes the default, as enter does.
func (ty *Typing) List(def []string, validate func([]string) error) ([]string, error) {
	var last []string
	for _, v := range ty.Values {
		items, err := listtext.Parse(v)
		if strings.TrimSpace(v) == "" {
			items, err = def, nil
		}
		if err == nil {
			last = items
			if validate == nil {
				return items, nil
			}
			err = validate(items)
		}
		if err == nil {
			return items, nil
		}
		ty.Rejected = append(ty.Rejected, Rejection{Value: v, Err: err})
	}
	return last, nil
}

// Reasons returns the rejection messages, one per refused value.
func (ty *Typing) Reasons() []string {
	var out []string
	for _, r := range ty.Rejected {
		out = append(out, r.Err.Error())
	}
	return out
}

// String describes the typing for failure messages.
func (ty *Typing) String() string {
	return fmt.Sprintf("typed %q, refused: %s", ty.Values, strings.Join(ty.Reasons(), " | "))
}
