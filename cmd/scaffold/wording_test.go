package main

import "testing"

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"name=shop":                  "name=shop",
		"schedule=cron(0 2 * * ? *)": "'schedule=cron(0 2 * * ? *)'",
		"x=it's":                     `'x=it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
