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

// partials returns every partial of templateFS (see perProcess); callers
// clone it before adding a template of their own.
var partials = perProcess(parsePartials)

// perProcess is parse of templateFS: parsed once per process for the
// embedded templates, which cannot change while it runs, and on each call
// for another templateFS (the mutation tests').
func perProcess(parse func(fs.FS) (*template.Template, error)) func() (*template.Template, error) {
	embedded := sync.OnceValues(func() (*template.Template, error) { return parse(templates.FS) })
	return func() (*template.Template, error) {
		if templateFS != fs.FS(templates.FS) {
			return parse(templateFS)
		}
		return embedded()
	}
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
