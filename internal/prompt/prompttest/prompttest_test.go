package prompttest_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
)

// fakeT records failures instead of failing, so the tests can check that
// the Prompter fails a test when it should.
type fakeT struct {
	errors   []string
	cleanups []func()
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func (f *fakeT) wantOneError(t *testing.T, contains string) {
	t.Helper()
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], contains) {
		t.Errorf("test failures = %q, want exactly one containing %q", f.errors, contains)
	}
}

func TestPrompttestAnswersByMessageInOrder(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterInput("Name", prompttest.Value("first"))
	p.RegisterInput("Name", prompttest.Value("second"))
	p.RegisterSelect("Env", prompttest.Choose("prod"))
	p.RegisterConfirm("Go?", prompttest.Answer(false))

	a, _ := p.Input("Name", "h1", "d", nil)
	e, _ := p.Select("Env", "h2", []prompt.Option{{Value: "dev"}, {Value: "prod"}}, "dev", nil)
	b, _ := p.Input("Name", "h3", "d", nil)
	c, _ := p.Confirm("Go?", "h4", true, nil)
	ft.end()

	if a != "first" || b != "second" || e != "prod" || c != false {
		t.Errorf("answers = %q %q %q %v, want first second prod false", a, b, e, c)
	}
	if len(ft.errors) != 0 {
		t.Errorf("unexpected failures: %q", ft.errors)
	}
	want := []prompttest.Call{
		{Kind: prompttest.Input, Message: "Name", Help: "h1", Default: "d"},
		{Kind: prompttest.Select, Message: "Env", Help: "h2", Default: "dev", Options: []prompt.Option{{Value: "dev"}, {Value: "prod"}}},
		{Kind: prompttest.Input, Message: "Name", Help: "h3", Default: "d"},
		{Kind: prompttest.Confirm, Message: "Go?", Help: "h4", Default: "true"},
	}
	if got := p.Calls(); !slices.EqualFunc(got, want, func(x, y prompttest.Call) bool {
		return x.Kind == y.Kind && x.Message == y.Message && x.Help == y.Help && x.Default == y.Default && slices.Equal(x.Options, y.Options)
	}) {
		t.Errorf("calls = %+v\nwant %+v", got, want)
	}
}

func TestPrompttestUnexpectedPromptFails(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	_, err := p.Input("Surprise", "", "", nil)
	if !errors.Is(err, prompttest.ErrUnexpected) {
		t.Errorf("err = %v, want ErrUnexpected", err)
	}
	ft.wantOneError(t, `unexpected Input prompt "Surprise"`)
}

func TestPrompttestWrongKindFails(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterConfirm("Env", prompttest.Answer(true))
	_, err := p.Select("Env", "", []prompt.Option{{Value: "dev"}}, "dev", nil)
	if !errors.Is(err, prompttest.ErrUnexpected) {
		t.Errorf("err = %v, want ErrUnexpected", err)
	}
	if len(ft.errors) != 1 || !strings.Contains(ft.errors[0], "is a Confirm") {
		t.Errorf("failures = %q, want one naming the Confirm stub", ft.errors)
	}
}

func TestPrompttestUnusedStubFailsAtCleanup(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterInput("Never asked", prompttest.Default())
	if len(ft.errors) != 0 {
		t.Fatalf("failed before cleanup: %q", ft.errors)
	}
	ft.end()
	ft.wantOneError(t, `Input stub for "Never asked" was never used`)
}

func TestPrompttestInputReturnsValueValidateRefuses(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterInput("Port", prompttest.Value("http"))
	_, _ = p.Input("Port", "", "80", func(s string) error {
		if s != "80" {
			return errors.New("must be a number")
		}
		return nil
	})
	ft.wantOneError(t, `returned "http", which the prompt would refuse and re-ask: must be a number`)
}

func TestPrompttestSelectChecksDefaultAndAnswer(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterSelect("Env", prompttest.Choose("staging"))
	_, _ = p.Select("Env", "", []prompt.Option{{Value: "dev"}, {Value: "prod"}}, "qa", nil)
	if len(ft.errors) != 2 ||
		!strings.Contains(ft.errors[0], `default "qa", which is not one of its options`) ||
		!strings.Contains(ft.errors[1], `returned "staging", which is not one of the options`) {
		t.Errorf("failures = %q, want the bad default and the bad answer reported", ft.errors)
	}
}

func TestPrompttestTypingRecordsRejections(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	ty := prompttest.Type("My_App", "", "shop")
	p.RegisterInput("Name", ty.Input)
	got, err := p.Input("Name", "", "webapp", func(s string) error {
		switch {
		case s == "":
			return errors.New("must not be empty")
		case strings.ToLower(s) != s:
			return errors.New("must be lowercase")
		}
		return nil
	})
	ft.end()
	if got != "shop" || err != nil || len(ft.errors) != 0 {
		t.Fatalf("Input = %q, %v (failures %q); want shop", got, err, ft.errors)
	}
	if want := []string{"must be lowercase", "must not be empty"}; !slices.Equal(ty.Reasons(), want) {
		t.Errorf("reasons = %q, want %q", ty.Reasons(), want)
	}
}

func TestPrompttestStubErrorIsReturned(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterConfirm("Go?", func(bool) (bool, error) { return false, prompt.ErrInterrupted })
	if _, err := p.Confirm("Go?", "", true, nil); !errors.Is(err, prompt.ErrInterrupted) {
		t.Errorf("err = %v, want the stub's ErrInterrupted", err)
	}
	ft.end()
	if len(ft.errors) != 0 {
		t.Errorf("failures = %q", ft.errors)
	}
}

func TestPrompttestList(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterList("Services", prompttest.ItemsOf("api", "web"))
	p.RegisterList("Services", prompttest.DefaultItems())
	a, _ := p.List("Services", "h", []string{"app"}, nil)
	b, _ := p.List("Services", "h", []string{"x", "y"}, nil)
	ft.end()
	if !slices.Equal(a, []string{"api", "web"}) || !slices.Equal(b, []string{"x", "y"}) || len(ft.errors) != 0 {
		t.Errorf("answers %q %q (failures %q), want [api web] and the default [x y]", a, b, ft.errors)
	}
	if c := p.Calls()[1]; c.Kind != prompttest.List || c.Default != "x,y" {
		t.Errorf("call = %+v, want a List showing its default as typed, x,y", c)
	}
}

func TestPrompttestListReturnsValueValidateRefuses(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	p.RegisterList("Services", prompttest.ItemsOf("API"))
	_, _ = p.List("Services", "", nil, func(items []string) error {
		if strings.ToLower(items[0]) != items[0] {
			return errors.New("must be lowercase")
		}
		return nil
	})
	ft.wantOneError(t, `returned ["API"], which the prompt would refuse and re-ask: must be lowercase`)
}

// Typing.List reads each line as the survey prompt does: an empty line is
// the default, text that is no list is refused like a refused list.
func TestPrompttestTypingList(t *testing.T) {
	ft := &fakeT{}
	p := prompttest.New(ft)
	ty := prompttest.Type(`["a`, "a,a", "")
	p.RegisterList("Services", ty.List)
	got, err := p.List("Services", "", []string{"app"}, func(items []string) error {
		if len(items) == 2 && items[0] == items[1] {
			return errors.New("must not repeat")
		}
		return nil
	})
	ft.end()
	if err != nil || !slices.Equal(got, []string{"app"}) || len(ft.errors) != 0 {
		t.Fatalf("List = %q, %v (failures %q); want the default [app]", got, err, ft.errors)
	}
	if r := ty.Reasons(); len(r) != 2 || !strings.Contains(r[0], "is not a list of strings") || r[1] != "must not repeat" {
		t.Errorf("reasons = %q", r)
	}
}
