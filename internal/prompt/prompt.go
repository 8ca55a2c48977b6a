// Package prompt is the narrow interface the wizard asks questions through.
//
// The wizard never talks to a terminal library directly: tests script a
// Prompter by message, and the survey implementation here can be swapped for
// another library (survey is no longer maintained) without touching the
// wizard.
package prompt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
	"golang.org/x/term"

	"github.com/scaffold-tf/scaffold/internal/listtext"
)

// ErrInterrupted is returned when the user presses Ctrl-C or Ctrl-D.
var ErrInterrupted = errors.New("interrupted")

// ErrEndOfInput is returned when the user presses Ctrl-D (end of input) at a
// prompt; it is an ErrInterrupted, never a request for the default.
var ErrEndOfInput = fmt.Errorf("end of input (Ctrl-D): %w", ErrInterrupted)

// ErrBack is returned when the user asks to go back to the previous
// question: by answering BackAnswer, or choosing the back entry of a list.
var ErrBack = errors.New("back to the previous question")

// BackAnswer is what a user types at a prompt to go back a question.
const BackAnswer = "<"

// backOption is the last entry of every select list.
const backOption = "< back"

// Option is one entry of a select list.
type Option struct {
	Value string
	Help  string
}

// Prompter asks one thing at a time. help is shown when the user types `?`.
// Each method returns ErrBack when the user asks to go back, and
// ErrInterrupted (or ErrEndOfInput) when the user cancels.
type Prompter interface {
	// Input asks for free text; validate is called on each candidate and
	// a non-nil error re-asks with the error shown.
	Input(message, help, def string, validate func(string) error) (string, error)
	// Select asks for one of options; def must be one of their values.
	// validate (may be nil) re-asks, as for Input.
	Select(message, help string, options []Option, def string, validate func(string) error) (string, error)
	// Confirm asks a yes/no question; validate (may be nil) re-asks, as for
	// Input.
	Confirm(message, help string, def bool, validate func(bool) error) (bool, error)
	// List asks for a list of strings on one line, items separated by
	// commas (read by listtext: `[]` is the empty list); enter takes def.
	// validate (may be nil) is called on the items of each candidate, and
	// re-asks, as for Input; text that is not a list is re-asked without
	// calling it.
	List(message, help string, def []string, validate func([]string) error) ([]string, error)
}

// Survey is a Prompter on a terminal, built on github.com/AlecAivazis/survey.
type Survey struct {
	opts []survey.AskOpt
	eot  *atomic.Bool // Ctrl-D was typed during the current prompt
	out  terminal.FileWriter
	// shown is the refusal survey shows now, "" when none: survey leaves
	// the last one on screen when an answer is finally accepted.
	shown string
}

// NewSurvey prompts on in/out; errors and hints are written to out too.
func NewSurvey(in terminal.FileReader, out terminal.FileWriter, errOut io.Writer) *Survey {
	eot := &atomic.Bool{}
	in = eotReader{FileReader: in, seen: eot}
	return &Survey{opts: []survey.AskOpt{survey.WithStdio(in, out, errOut), survey.WithShowCursor(true)}, eot: eot, out: out}
}

// eotReader notes a Ctrl-D (EOT) typed at the terminal: survey reads it as
// enter, which would take the default.
type eotReader struct {
	terminal.FileReader
	seen *atomic.Bool
}

func (r eotReader) Read(p []byte) (int, error) {
	n, err := r.FileReader.Read(p)
	if bytes.IndexByte(p[:n], 0x04) >= 0 {
		r.seen.Store(true)
	}
	return n, err
}

// Width is the width of the terminal prompts are shown on; 80 when unknown.
func (s *Survey) Width() int {
	if w, _, err := term.GetSize(int(s.out.Fd())); err == nil && w > 20 {
		return w
	}
	return 80
}

// validator wraps validate for survey: the back answer and Ctrl-D end the
// prompt without being checked, and a refusal is wrapped to the terminal so
// survey can clear it when the user answers again.
func (s *Survey) validator(validate func(string) error) survey.AskOpt {
	return survey.WithValidator(func(ans interface{}) error {
		var str string
		switch a := ans.(type) {
		case string:
			str = a
		case survey.OptionAnswer:
			str = a.Value
		}
		if s.eot.Load() || strings.TrimSpace(str) == BackAnswer || str == backOption || validate == nil {
			return nil
		}
		if err := validate(str); err != nil {
			s.shown = wrapAfter(len([]rune(errorPrefix)), err.Error(), s.Width()-1)
			return errors.New(s.shown)
		}
		return nil
	})
}

func (s *Survey) ask(p survey.Prompt, answer any, validate func(string) error) error {
	s.eot.Store(false)
	s.shown = ""
	err := survey.AskOne(p, answer, append(append([]survey.AskOpt{}, s.opts...), s.validator(validate))...)
	if s.shown != "" && err == nil {
		// The last refusal sits just above the answer line survey printed:
		// delete its lines, so the answer moves up and no old error stays.
		n := strings.Count(s.shown, "\n") + 1
		fmt.Fprintf(s.out, "\x1b[%dA\x1b[%dM\x1b[1B\r", n+1, n)
		s.shown = ""
	}
	if s.eot.Load() {
		return ErrEndOfInput
	}
	return mapErr(err)
}

// Input asks for free text on the terminal; `<` goes back, Ctrl-D cancels.
func (s *Survey) Input(message, help, def string, validate func(string) error) (string, error) {
	var answer string
	p := &survey.Input{Message: message, Help: s.help(help), Default: def}
	if err := s.ask(p, &answer, validate); err != nil {
		return "", err
	}
	if strings.TrimSpace(answer) == BackAnswer {
		return "", ErrBack
	}
	return answer, nil
}

// Select asks for one of options with the arrow keys; the last entry,
// "< back", goes back, Ctrl-D cancels.
func (s *Survey) Select(message, help string, options []Option, def string, validate func(string) error) (string, error) {
	values := make([]string, len(options), len(options)+1)
	helps := map[string]string{backOption: "to the previous question"}
	for i, o := range options {
		values[i] = o.Value
		helps[o.Value] = o.Help
	}
	values = append(values, backOption)
	p := &survey.Select{
		Message: message, Help: s.help(help), Options: values, Default: def,
		Description: func(value string, _ int) string { return helps[value] },
	}
	var answer string
	if err := s.ask(p, &answer, validate); err != nil {
		return "", err
	}
	if answer == backOption {
		return "", ErrBack
	}
	return answer, nil
}

// Confirm asks a yes/no question shown as "(Y/n)" or "(y/N)"; besides yes and
// no it takes BackAnswer.
func (s *Survey) Confirm(message, help string, def bool, validate func(bool) error) (bool, error) {
	shown := "y/N"
	if def {
		shown = "Y/n"
	}
	parse := func(str string) (bool, bool) {
		switch strings.ToLower(strings.TrimSpace(str)) {
		case "y", "yes", "true":
			return true, true
		case "n", "no", "false":
			return false, true
		case strings.ToLower(shown), "":
			return def, true
		}
		return false, false
	}
	var answer string
	p := &survey.Input{Message: message, Help: s.help(help), Default: shown}
	err := s.ask(p, &answer, func(str string) error {
		b, ok := parse(str)
		if !ok {
			return fmt.Errorf("%q is not an answer: type y or n (or %s to go back)", str, BackAnswer)
		}
		if validate != nil {
			return validate(b)
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(answer) == BackAnswer {
		return false, ErrBack
	}
	b, _ := parse(answer)
	return b, nil
}

// List asks for a list on one line: "api, web", shown with its default in
// the same form; `[]` is the empty list, `<` goes back, Ctrl-D cancels.
// One line, rather than one item per line, keeps the prompt the same
// Input as every other, with its help, back and cancel, and reads as the
// `--set` flag does.
func (s *Survey) List(message, help string, def []string, validate func([]string) error) ([]string, error) {
	var answer string
	p := &survey.Input{Message: message + " (comma-separated)", Help: s.help(help), Default: listtext.Format(def)}
	err := s.ask(p, &answer, func(str string) error {
		items, err := listtext.Parse(str)
		if err != nil {
			return err
		}
		if validate != nil {
			return validate(items)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(answer) == BackAnswer {
		return nil, ErrBack
	}
	items, err := listtext.Parse(answer)
	if err != nil {
		return nil, err
	}
	return items, nil
}

// help wraps a help text to the terminal, leaving room for survey's marker.
func (s *Survey) help(text string) string {
	if text == "" {
		return ""
	}
	return Wrap(text, s.Width()-3)
}

// errorPrefix is what survey shows before a refusal.
const errorPrefix = "✘ Sorry, your reply was invalid: "

// wrapAfter wraps text to width when its first line starts at column
// offset.
func wrapAfter(offset int, text string, width int) string {
	pad := strings.Repeat("#", offset)
	out := Wrap(pad+" "+text, width)
	return strings.TrimPrefix(strings.TrimPrefix(out, pad), " ")
}

// Wrap fills each paragraph (line) of text to width columns, breaking
// between words; a word longer than width (an ARN, a URL) stands alone on
// its line.
func Wrap(text string, width int) string {
	if width < 20 {
		width = 20
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			switch {
			case line == "":
				line = word
			case len([]rune(line))+1+len([]rune(word)) > width:
				out = append(out, line)
				line = word
			default:
				line += " " + word
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func mapErr(err error) error {
	if errors.Is(err, terminal.InterruptErr) {
		return ErrInterrupted
	}
	if errors.Is(err, io.EOF) {
		return ErrEndOfInput
	}
	return err
}
