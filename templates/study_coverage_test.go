package templates

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// resourceLine opens a resource block in a template.
var resourceLine = regexp.MustCompile(`^\s*resource "`)

// TestEveryResourceHasAStudyComment: with --comments study, each resource
// of every module carries its role and its reason from the source, so each
// resource block of every template and partial has a study comment among
// the comment and template-action lines just above it.
func TestEveryResourceHasAStudyComment(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimSuffix(p, ".tmpl")
		if !strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tftest.hcl") {
			if !strings.HasPrefix(p, PartialsDir+"/") {
				return nil
			}
		}
		src, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		lines := strings.Split(string(src), "\n")
		for i, line := range lines {
			if !resourceLine.MatchString(line) {
				continue
			}
			found := false
			for j := i - 1; j >= 0; j-- {
				above := strings.TrimSpace(lines[j])
				if strings.HasPrefix(above, StudyMarker) {
					found = true
					break
				}
				if !strings.HasPrefix(above, "#") && !strings.HasPrefix(above, "{{") {
					break
				}
			}
			if !found {
				t.Errorf("%s:%d: %s: no %s line above it saying what it is for and why (with the source's code where the source says it)", p, i+1, strings.TrimSpace(line), StudyMarker)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
