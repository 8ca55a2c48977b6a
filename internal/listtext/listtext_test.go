package listtext

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"api,web", []string{"api", "web"}},
		{" api , web ", []string{"api", "web"}},
		{"api", []string{"api"}},
		{"", []string{}},
		{"  ", []string{}},
		{"[]", []string{}},
		{"a,,b", []string{"a", "", "b"}},
		{"a,", []string{"a", ""}},
		{`["a,b", "c"]`, []string{"a,b", "c"}},
		{`[""]`, []string{""}},
		{`["x"]`, []string{"x"}},
	} {
		got, err := Parse(c.in)
		if err != nil || !slices.Equal(got, c.want) || got == nil {
			t.Errorf("Parse(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{`[1, [2]]`, `["a"`, `[null]`, `[var.x]`} {
		if got, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %q, want an error", bad, got)
		}
	}
}

// Whatever Format writes, Parse reads back to the same items: a default
// shown at a prompt or a listed --set line can be typed again as it is.
func TestFormatRoundTrips(t *testing.T) {
	for _, items := range [][]string{
		{}, {"api"}, {"api", "web"}, {""}, {"a", ""}, {"", "a"}, {"a,b", "c"}, {" padded "}, {"[x]"}, {"[x", "y"}, {`quote"d`, "b,"},
	} {
		text := Format(items)
		got, err := Parse(text)
		if err != nil || !slices.Equal(got, items) {
			t.Errorf("Parse(Format(%q)) = Parse(%q) = %q, %v", items, text, got, err)
		}
	}
	if got := Format([]string{"api", "web"}); got != "api,web" {
		t.Errorf("Format = %q, want the plain comma form api,web", got)
	}
	if got := Format(nil); got != "[]" {
		t.Errorf("Format(nil) = %q, want []", got)
	}
}
