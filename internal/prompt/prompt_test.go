//go:build !windows

package prompt_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/AlecAivazis/survey/v2/terminal"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
)

// These tests drive the survey Prompter through a pseudo-terminal, as a
// person would: they read what it shows and type keys.

func newSurvey(c *prompttest.Console) *prompt.Survey {
	return prompt.NewSurvey(c.Tty(), c.Tty(), c.Tty())
}

func TestPromptSurveyInputHelpRejectAccept(t *testing.T) {
	t.Parallel()
	c := prompttest.NewConsole(t)
	var checked []string
	validate := func(s string) error {
		checked = append(checked, s)
		if strings.ToLower(s) != s {
			return fmt.Errorf("name %q must be lowercase", s)
		}
		return nil
	}
	var got string
	var err error
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Project name")
		c.ExpectString("(webapp)")
		c.SendLine("?")
		c.ExpectString("Used as the prefix of every resource name.")
		c.SendLine("My_App")
		c.ExpectString(`Sorry, your reply was invalid: name "My_App" must be lowercase`)
		c.ExpectString("Project name")
		c.SendLine("shop")
	}, func() {
		got, err = newSurvey(c).Input("Project name", "Used as the prefix of every resource name.", "webapp", validate)
	})
	if err != nil || got != "shop" {
		t.Fatalf("Input = %q, %v; want \"shop\", nil", got, err)
	}
	if want := []string{"My_App", "shop"}; !slices.Equal(checked, want) {
		t.Errorf("validate saw %q, want %q (the help request must not be validated)", checked, want)
	}
}

func TestPromptSurveyInputEnterTakesDefault(t *testing.T) {
	t.Parallel()
	c := prompttest.NewConsole(t)
	var got string
	var err error
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("AWS region")
		c.ExpectString("(us-east-1)")
		c.SendLine("")
	}, func() {
		got, err = newSurvey(c).Input("AWS region", "", "us-east-1", func(s string) error {
			if s == "" {
				return errors.New("empty")
			}
			return nil
		})
	})
	if err != nil || got != "us-east-1" {
		t.Fatalf("Input = %q, %v; want the default \"us-east-1\"", got, err)
	}
}

func TestPromptSurveySelect(t *testing.T) {
	t.Parallel()
	options := []prompt.Option{
		{Value: "postgres", Help: "PostgreSQL 16"},
		{Value: "mysql", Help: "MySQL 8.0"},
		{Value: "none", Help: "no database"},
	}
	cases := []struct {
		name, def string
		keys      []string
		want      string
	}{
		{"enter takes the default", "mysql", nil, "mysql"},
		{"arrow down from the default", "postgres", []string{prompttest.KeyDown, prompttest.KeyDown}, "none"},
		{"arrow up from the default", "none", []string{prompttest.KeyUp}, "mysql"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := prompttest.NewConsole(t)
			var got string
			var err error
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("Database engine")
				c.ExpectString("no database") // each option with its help
				c.Send("?")
				c.ExpectString("The RDS engine.")
				for _, k := range tc.keys {
					c.Send(k)
				}
				c.Send(prompttest.KeyEnter)
			}, func() {
				got, err = newSurvey(c).Select("Database engine", "The RDS engine.", options, tc.def, nil)
			})
			if err != nil || got != tc.want {
				t.Fatalf("Select = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestPromptSurveyConfirm(t *testing.T) {
	t.Parallel()
	cases := []struct {
		def     bool
		shown   string
		typed   string
		want    bool
		helpful bool
	}{
		{def: true, shown: "(Y/n)", typed: "", want: true},
		{def: true, shown: "(Y/n)", typed: "n", want: false, helpful: true},
		{def: false, shown: "(y/N)", typed: "", want: false},
		{def: false, shown: "(y/N)", typed: "yes", want: true},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("default %v typed %q", tc.def, tc.typed), func(t *testing.T) {
			t.Parallel()
			c := prompttest.NewConsole(t)
			var got bool
			var err error
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("Put CloudFront in front?")
				c.ExpectString(tc.shown)
				if tc.helpful {
					c.SendLine("?")
					c.ExpectString("Caches at the edge.")
				}
				c.SendLine(tc.typed)
			}, func() {
				got, err = newSurvey(c).Confirm("Put CloudFront in front?", "Caches at the edge.", tc.def, nil)
			})
			if err != nil || got != tc.want {
				t.Fatalf("Confirm = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestPromptSurveyCtrlCIsInterrupted(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"Input", "Select", "Confirm", "List"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			c := prompttest.NewConsole(t)
			var err error
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("Question")
				c.SendKey(prompttest.KeyInterrupt)
			}, func() {
				s := newSurvey(c)
				switch kind {
				case "Input":
					_, err = s.Input("Question", "", "x", nil)
				case "Select":
					_, err = s.Select("Question", "", []prompt.Option{{Value: "a"}, {Value: "b"}}, "a", nil)
				case "Confirm":
					_, err = s.Confirm("Question", "", true, nil)
				case "List":
					_, err = s.List("Question", "", []string{"x"}, nil)
				}
			})
			if !errors.Is(err, prompt.ErrInterrupted) {
				t.Fatalf("%s after Ctrl-C returned %v, want prompt.ErrInterrupted", kind, err)
			}
		})
	}
}

// Ctrl-D (end of input) at any prompt cancels; it never takes the default.
func TestPromptSurveyCtrlDCancels(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"Input", "Select", "Confirm", "List"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			c := prompttest.NewConsole(t)
			var err error
			var validated bool
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("Question")
				c.SendKey("\x04")
			}, func() {
				s := newSurvey(c)
				switch kind {
				case "Input":
					_, err = s.Input("Question", "", "x", func(string) error { validated = true; return nil })
				case "Select":
					_, err = s.Select("Question", "", []prompt.Option{{Value: "a"}, {Value: "b"}}, "a", nil)
				case "Confirm":
					_, err = s.Confirm("Question", "", true, nil)
				case "List":
					_, err = s.List("Question", "", []string{"x"}, func([]string) error { validated = true; return nil })
				}
			})
			if !errors.Is(err, prompt.ErrEndOfInput) || !errors.Is(err, prompt.ErrInterrupted) {
				t.Fatalf("%s after Ctrl-D returned %v, want prompt.ErrEndOfInput", kind, err)
			}
			if validated {
				t.Errorf("%s: the default was validated as an answer after Ctrl-D", kind)
			}
		})
	}
}

// `<` (or the back entry of a list) asks to go back a question.
func TestPromptSurveyBack(t *testing.T) {
	t.Parallel()
	for _, kind := range []string{"Input", "Select", "Confirm", "List"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			c := prompttest.NewConsole(t)
			var err error
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("Question")
				if kind == "Select" {
					c.ExpectString("< back")
					c.SendKey(prompttest.KeyDown)
					c.Send(prompttest.KeyDown)
					c.Send(prompttest.KeyEnter)
					return
				}
				c.SendLine("<")
			}, func() {
				s := newSurvey(c)
				refuse := func(string) error { return errors.New("the validator must not see <") }
				switch kind {
				case "Input":
					_, err = s.Input("Question", "", "x", refuse)
				case "Select":
					_, err = s.Select("Question", "", []prompt.Option{{Value: "a"}, {Value: "b"}}, "a", refuse)
				case "Confirm":
					_, err = s.Confirm("Question", "", true, func(bool) error { return errors.New("the validator must not see <") })
				case "List":
					_, err = s.List("Question", "", []string{"x"}, func([]string) error { return errors.New("the validator must not see <") })
				}
			})
			if !errors.Is(err, prompt.ErrBack) {
				t.Fatalf("%s after < returned %v, want prompt.ErrBack", kind, err)
			}
		})
	}
}

// A select or yes/no answer its validator refuses is asked again, the
// reason shown by the prompt itself.
func TestPromptSurveySelectValidates(t *testing.T) {
	t.Parallel()
	c := prompttest.NewConsole(t)
	var got string
	var err error
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Question")
		c.SendKey(prompttest.KeyDown)
		c.Send(prompttest.KeyEnter)
		c.ExpectString("b does not fit")
		c.SendKey(prompttest.KeyEnter)
	}, func() {
		got, err = newSurvey(c).Select("Question", "", []prompt.Option{{Value: "a"}, {Value: "b"}}, "a", func(s string) error {
			if s == "b" {
				return errors.New("b does not fit the other answers")
			}
			return nil
		})
	})
	if err != nil || got == "b" {
		t.Fatalf("Select = %q, %v; want anything but b", got, err)
	}
	if screen := c.Screen(); strings.Contains(screen, "does not fit") {
		t.Errorf("the refusal stays on screen after a good answer:\n%s", screen)
	}
}

// A long refusal, wrapped to the terminal, is cleared from the screen once
// the answer is accepted: no old error lines stay. The script types as soon
// as the prompt shows; "slow to read keys" holds the program after the
// refusal is drawn and before the prompt reads keys again, so a script that
// typed before the terminal stopped echoing (the terminal's own echo adds a
// line survey does not know of) would fail every time.
func TestPromptSurveyLongErrorIsCleared(t *testing.T) {
	t.Parallel()
	for _, slow := range []bool{false, true} {
		name := "prompt reads keys at once"
		if slow {
			name = "slow to read keys"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := prompttest.NewConsole(t)
			c.SetSize(80, 24)
			long := "asg_desired = 5 does not fit asg_max = 3 from --set: asg_max = 3 is not accepted: asg_max must be at least asg_desired (asg_desired is 5), so type a smaller value or go back"
			c.Drive(func(c *prompttest.Console) {
				c.ExpectString("Desired")
				c.SendLine("5")
				c.ExpectString("type a smaller")
				c.SendLine("3")
			}, func() {
				var out terminal.FileWriter = c.Tty()
				if slow {
					out = pauseAfter{File: c.Tty(), text: "type a smaller", pause: 200 * time.Millisecond}
				}
				_, _ = prompt.NewSurvey(c.Tty(), out, c.Tty()).Input("Desired", "", "2", func(s string) error {
					if s == "5" {
						return errors.New(long)
					}
					return nil
				})
			})
			screen := c.Screen()
			if strings.Contains(screen, "asg_max") || strings.Contains(screen, "go back") {
				t.Errorf("old error lines stay on screen:\n%s", screen)
			}
			if !strings.HasSuffix(screen, "? Desired 3") {
				t.Errorf("the screen does not end with the accepted answer:\n%s", screen)
			}
		})
	}
}

// pauseAfter is a terminal the program writes to that stalls the program
// for pause once it has written text, as a loaded machine may.
type pauseAfter struct {
	*os.File
	text  string
	pause time.Duration
}

func (p pauseAfter) Write(b []byte) (int, error) {
	n, err := p.File.Write(b)
	if strings.Contains(string(b), p.text) {
		time.Sleep(p.pause)
	}
	return n, err
}

// Help is wrapped between words to the terminal (80 columns when it cannot
// tell), never cut mid-word.
func TestWrap(t *testing.T) {
	text := strings.Repeat("The region to deploy to, e.g. eu-west-3; every resource lives there. ", 4) + "\nFlag: --set region=VALUE " + strings.Repeat("x", 100)
	for _, width := range []int{40, 77} {
		got := prompt.Wrap(text, width)
		for _, line := range strings.Split(got, "\n") {
			if len([]rune(line)) > width && strings.Contains(line, " ") {
				t.Errorf("width %d: line of %d columns: %q", width, len([]rune(line)), line)
			}
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
			t.Errorf("width %d: words changed:\n%s", width, got)
		}
		if !strings.Contains(got, "\nFlag: --set") {
			t.Errorf("width %d: a line break of the text was lost:\n%s", width, got)
		}
	}
}

// On a terminal of 60 columns the help shown on `?` is wrapped between
// words to fit, instead of being cut by the terminal mid-word.
func TestPromptSurveyHelpFitsTerminal(t *testing.T) {
	t.Parallel()
	c := prompttest.NewConsole(t)
	c.SetSize(60, 40)
	help := strings.Repeat("Every resource of the module lives in this region, which CloudFront does not need. ", 3)
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Region")
		c.SendLine("?")
		c.ExpectString("Flag: --set")
		c.SendLine("eu-west-3")
	}, func() {
		_, _ = newSurvey(c).Input("Region", help+"\nFlag: --set region=VALUE", "us-east-1", nil)
	})
	out := c.Output()
	i := strings.Index(out, "Every resource")
	j := strings.Index(out, "Flag: --set")
	if i < 0 || j < i {
		t.Fatalf("help not shown:\n%s", out)
	}
	for _, line := range strings.Split(out[i:j], "\n") {
		if n := len([]rune(line)); n > 60 {
			t.Errorf("help line of %d columns on a 60-column terminal: %q", n, line)
		}
	}
}

// A list is typed on one line, comma-separated: the default is shown in
// the same form, `?` shows the help, a refused list is asked again with
// the reason, and text that is not a list is refused before validate sees
// it.
func TestPromptSurveyList(t *testing.T) {
	t.Parallel()
	c := prompttest.NewConsole(t)
	var checked [][]string
	validate := func(items []string) error {
		checked = append(checked, items)
		for i, it := range items {
			if strings.ToLower(it) != it {
				return fmt.Errorf("item %d, %q, must be lowercase", i+1, it)
			}
		}
		return nil
	}
	var got []string
	var err error
	c.Drive(func(c *prompttest.Console) {
		c.ExpectString("Services (comma-separated)")
		c.ExpectString("(app)")
		c.SendLine("?")
		c.ExpectString("One ECS service each.")
		c.SendLine("api,Web")
		c.ExpectString(`Sorry, your reply was invalid: item 2, "Web", must be lowercase`)
		c.SendLine(`["a`)
		c.ExpectString(`is not a list of strings`)
		c.SendLine(" api , web ")
	}, func() {
		got, err = newSurvey(c).List("Services", "One ECS service each.", []string{"app"}, validate)
	})
	if err != nil || !slices.Equal(got, []string{"api", "web"}) {
		t.Fatalf("List = %q, %v; want [api web]", got, err)
	}
	if want := [][]string{{"api", "Web"}, {"api", "web"}}; !slices.EqualFunc(checked, want, slices.Equal) {
		t.Errorf("validate saw %q, want %q (help and text that is no list are not validated)", checked, want)
	}
}

// Enter takes the default list; [] is the empty list.
func TestPromptSurveyListDefaultAndEmpty(t *testing.T) {
	t.Parallel()
	for typed, want := range map[string][]string{"": {"api", "web"}, "[]": {}} {
		c := prompttest.NewConsole(t)
		var got []string
		var err error
		c.Drive(func(c *prompttest.Console) {
			c.ExpectString("(api,web)")
			c.SendLine(typed)
		}, func() {
			got, err = newSurvey(c).List("Services", "", []string{"api", "web"}, nil)
		})
		if err != nil || got == nil || !slices.Equal(got, want) {
			t.Errorf("typing %q: List = %#v, %v; want %q", typed, got, err, want)
		}
	}
}
