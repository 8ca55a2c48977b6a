package generator

import (
	"fmt"
	"io/fs"
	"sync"
	"text/template"

	"github.com/scaffold-tf/scaffold/templates"
)

// partialsDir holds the partials (see templates.PartialsDir).
const partialsDir = templates.PartialsDir

func init() {
	for name, f := range templates.PartialFuncs() {
		funcs[name] = f
	}
}

var (
	partialsOnce sync.Once
	partialsTmpl *template.Template
	partialsErr  error
)

// partials returns every partial of templateFS, parsed once per process
// for the embedded templates; callers clone it before adding a template of
// their own. Another templateFS (the mutation tests) is parsed on each call.
func partials() (*template.Template, error) {
	if templateFS != fs.FS(templates.FS) {
		return parsePartials(templateFS)
	}
	partialsOnce.Do(func() { partialsTmpl, partialsErr = parsePartials(templates.FS) })
	return partialsTmpl, partialsErr
}

func parsePartials(fsys fs.FS) (*template.Template, error) {
	t := template.New(partialsDir).Funcs(funcs).Option("missingkey=error")
	names, err := fs.Glob(fsys, partialsDir+"/*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		src, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(n).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("partial %s: %w", n, err)
		}
	}
	return t, nil
}
