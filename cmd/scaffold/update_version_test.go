package main

import "testing"

// TestNewerScaffold: update refuses a module whose answers file a later
// scaffold release wrote (a downgrade would take that release's template
// changes back out); dev builds and unrecorded versions are not compared.
func TestNewerScaffold(t *testing.T) {
	tests := []struct {
		recorded, this string
		want           bool
	}{
		{"v0.5.0", "v0.4.0", true},
		{"v0.4.1", "v0.4.1-0.20261130061500-abcdefabcdef", true}, // a pseudo-version before v0.4.1
		{"v0.4.0", "v0.4.0", false},
		{"v0.3.0", "v0.4.0", false},
		{"v0.5.0", "dev", false},
		{"dev", "v0.4.0", false},
		{"", "v0.4.0", false},
	}
	for _, tt := range tests {
		if got := newerScaffold(tt.recorded, tt.this); got != tt.want {
			t.Errorf("newerScaffold(%q, %q) = %v, want %v", tt.recorded, tt.this, got, tt.want)
		}
	}
}
