package templates

import "testing"

func TestStudyComments(t *testing.T) {
	src := "# kept\n" +
		"#study: The load balancer spreads requests over the instances of every zone, so losing one instance or one zone does not stop the application (P1, F25).\n" +
		"resource \"aws_lb\" \"main\" {\n" +
		"  #study: Short.\n" +
		"  name = \"x\"\n" +
		"}\n"
	minimal := "# kept\nresource \"aws_lb\" \"main\" {\n  name = \"x\"\n}\n"
	if got := string(StudyComments([]byte(src), false)); got != minimal {
		t.Errorf("minimal:\n%s\nwant:\n%s", got, minimal)
	}
	// The study comment goes first: a maintainer's comment, or a directive,
	// stays right above the block.
	study := "# The load balancer spreads requests over the instances of every zone, so\n" +
		"# losing one instance or one zone does not stop the application (P1, F25).\n" +
		"#\n" +
		"# kept\n" +
		"resource \"aws_lb\" \"main\" {\n" +
		"  # Short.\n" +
		"  name = \"x\"\n" +
		"}\n"
	if got := string(StudyComments([]byte(src), true)); got != study {
		t.Errorf("study:\n%s\nwant:\n%s", got, study)
	}
	// The last line needs no newline, kept or removed.
	if got := string(StudyComments([]byte("a = 1\n  #study: x\nb = 2"), false)); got != "a = 1\nb = 2" {
		t.Errorf("minimal, no final newline: %q", got)
	}
	if got := string(StudyComments([]byte("a = 1\n  #study: x"), false)); got != "a = 1\n" {
		t.Errorf("minimal, a study line last: %q", got)
	}
	plain := []byte("resource \"a\" \"b\" {}\n")
	if got := StudyComments(plain, true); string(got) != string(plain) {
		t.Errorf("a file without study comments changed: %q", got)
	}
}

func TestStudyCommentsKeepDirectivesAboveTheirBlock(t *testing.T) {
	src := "#trivy:ignore:AVD-AWS-0104 reason\n#study: A rule.\nresource \"a\" \"b\" {}\n"
	want := "# A rule.\n#\n#trivy:ignore:AVD-AWS-0104 reason\nresource \"a\" \"b\" {}\n"
	if got := string(StudyComments([]byte(src), true)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
