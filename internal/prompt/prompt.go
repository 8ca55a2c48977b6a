// Package prompt is the narrow interface the wizard asks questions through.
//
// The wizard never talks to a terminal library directly: tests script a
// Prompter by message, and the survey implementation here can be swapped for
// another library (survey is no longer maintained) without touching the
// wizard.
package prompt

import (
	"errors"
	"io"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
)

// ErrInterrupted is returned when the user presses Ctrl-C or Ctrl-D.
var ErrInterrupted = errors.New("interrupted")

// Option is one entry of a select list.
type Option struct {
	Value string
	Help  string
}

// Prompter asks one thing at a time. help is shown when the user types `?`.
type Prompter interface {
	// Input asks for free text; validate is called on each candidate and
	// a non-nil error re-asks with the error shown.
	Input(message, help, def string, validate func(string) error) (string, error)
	// Select asks for one of options; def must be one of their values.
	Select(message, help string, options []Option, def string) (string, error)
	// Confirm asks a yes/no question.
	Confirm(message, help string, def bool) (bool, error)
}

// Survey is a Prompter on a terminal, built on github.com/AlecAivazis/survey.
type Survey struct {
	opts []survey.AskOpt
}

// NewSurvey prompts on in/out; errors and hints are written to out too.
func NewSurvey(in terminal.FileReader, out terminal.FileWriter, errOut io.Writer) *Survey {
	return &Survey{opts: []survey.AskOpt{survey.WithStdio(in, out, errOut), survey.WithShowCursor(true)}}
}

func (s *Survey) Input(message, help, def string, validate func(string) error) (string, error) {
	var answer string
	p := &survey.Input{Message: message, Help: help, Default: def}
	opts := append([]survey.AskOpt{}, s.opts...)
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(ans interface{}) error {
			str, _ := ans.(string)
			return validate(str)
		}))
	}
	err := survey.AskOne(p, &answer, opts...)
	return answer, mapErr(err)
}

func (s *Survey) Select(message, help string, options []Option, def string) (string, error) {
	values := make([]string, len(options))
	helps := map[string]string{}
	for i, o := range options {
		values[i] = o.Value
		helps[o.Value] = o.Help
	}
	p := &survey.Select{
		Message: message, Help: help, Options: values, Default: def,
		Description: func(value string, _ int) string { return helps[value] },
	}
	var answer string
	err := survey.AskOne(p, &answer, s.opts...)
	return answer, mapErr(err)
}

func (s *Survey) Confirm(message, help string, def bool) (bool, error) {
	var answer bool
	err := survey.AskOne(&survey.Confirm{Message: message, Help: help, Default: def}, &answer, s.opts...)
	return answer, mapErr(err)
}

func mapErr(err error) error {
	if errors.Is(err, terminal.InterruptErr) || errors.Is(err, io.EOF) {
		return ErrInterrupted
	}
	return err
}
