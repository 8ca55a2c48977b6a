//go:build !windows

package prompttest

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	pseudotty "github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"golang.org/x/sys/unix"
)

// ExpectTimeout bounds how long the console waits for output that should
// come: a broken prompt fails the test instead of hanging it.
const ExpectTimeout = 10 * time.Second

// runTimeout bounds a whole Drive.
const runTimeout = 2 * time.Minute

// Console is a pseudo-terminal for driving the real survey prompts, wired
// as survey's own tests do: the program reads and writes Tty(), the test
// reads its output with Expect* and types with Send*, and a vt10x terminal
// emulator answers the program's cursor-position queries.
//
// The Expect methods fail the test on a timeout and stop the script, so a
// script reads as a plain list of steps.
type Console struct {
	t    testing.TB
	c    *expect.Console
	term vt10x.Terminal
	raw  *lockedBuffer
}

// NewConsole opens a console; it is closed when the test ends.
func NewConsole(t testing.TB) *Console {
	t.Helper()
	pty, tty, err := pseudotty.Open()
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	term := vt10x.New(vt10x.WithWriter(tty))
	raw := &lockedBuffer{}
	c, err := expect.NewConsole(
		expect.WithStdin(pty),
		expect.WithStdout(term, raw),
		expect.WithCloser(pty, tty),
		expect.WithDefaultTimeout(ExpectTimeout),
	)
	if err != nil {
		t.Fatalf("creating the console: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return &Console{t: t, c: c, term: term, raw: raw}
}

// SetSize sets the size of the terminal, as the program reads it and as the
// emulator behind Screen lays text out (80 by 24 until set). Call it before
// Drive.
func (c *Console) SetSize(cols, rows int) {
	c.t.Helper()
	if err := pseudotty.Setsize(c.c.Tty(), &pseudotty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		c.t.Fatalf("setting the terminal size: %v", err)
	}
	c.term.Resize(cols, rows)
}

// Tty is the terminal the program under test uses as stdin, stdout and stderr.
func (c *Console) Tty() *os.File { return c.c.Tty() }

// ExpectString waits for s in the output.
func (c *Console) ExpectString(s string) {
	c.t.Helper()
	if _, err := c.c.ExpectString(s); err != nil {
		c.fail("waiting for %q: %v", s, err)
	}
}

// ExpectRegexp waits for output matching the regular expression re.
func (c *Console) ExpectRegexp(re string) {
	c.t.Helper()
	if _, err := c.c.Expect(expect.Regexp(regexp.MustCompile(re))); err != nil {
		c.fail("waiting for /%s/: %v", re, err)
	}
}

// Send waits until the program reads keys one at a time (WaitForKeys),
// then types s. Typing earlier is not what a person does, and it changes
// what the screen shows: see WaitForKeys.
func (c *Console) Send(s string) {
	c.t.Helper()
	c.WaitForKeys()
	if _, err := c.c.Send(s); err != nil {
		c.fail("typing %q: %v", s, err)
	}
}

// SendLine types s and presses enter, as Send.
func (c *Console) SendLine(s string) { c.t.Helper(); c.Send(s + "\n") }

// SendKey sends a key, as Send does (Send waits for the program to read
// keys, which control keys such as Ctrl-C need).
func (c *Console) SendKey(key string) { c.t.Helper(); c.Send(key) }

// Keys a user presses, as a terminal sends them.
const (
	KeyDown      = "\x1b[B"
	KeyUp        = "\x1b[A"
	KeyEnter     = "\r"
	KeyInterrupt = "\x03"
)

// WaitForKeys waits until the program reads keys one at a time, as survey
// does while a prompt is open (it takes the terminal out of line mode and
// turns its echo off). A prompt is drawn just before that happens, so text
// typed as soon as it shows would reach the terminal in line mode, where
// the terminal itself echoes it, enter included: the typed line and a line
// break land on the screen beside what survey draws, and survey (and the
// Survey prompter clearing a refusal) count lines that are no longer where
// they were drawn. In line mode the terminal also turns Ctrl-C into a
// signal instead of passing it on. Send calls WaitForKeys; a script only
// calls it itself to wait without typing.
func (c *Console) WaitForKeys() {
	c.t.Helper()
	if err := c.waitForKeys(ExpectTimeout); err != nil {
		c.fail("%v", err)
	}
}

func (c *Console) waitForKeys(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		keys, err := c.keyMode()
		if err != nil {
			return fmt.Errorf("reading the terminal mode: %w", err)
		}
		if keys {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the program did not start reading keys within %v", timeout)
		}
		time.Sleep(time.Millisecond) // polling the terminal mode: there is nothing to wait on
	}
}

// keyMode reports whether the terminal is out of line (canonical) mode and
// does not echo what is typed.
func (c *Console) keyMode() (bool, error) {
	rc, err := c.c.Tty().SyscallConn()
	if err != nil {
		return false, err
	}
	var tio *unix.Termios
	var ierr error
	if err := rc.Control(func(fd uintptr) { tio, ierr = unix.IoctlGetTermios(int(fd), ioctlReadTermios) }); err != nil {
		return false, err
	}
	if ierr != nil {
		return false, ierr
	}
	return tio.Lflag&(unix.ICANON|unix.ECHO) == 0, nil
}

// Screen is what the terminal shows now.
func (c *Console) Screen() string {
	var lines []string
	for _, l := range strings.Split(c.term.String(), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// Output is everything the program wrote so far, with terminal control
// sequences removed.
func (c *Console) Output() string { return StripANSI(c.raw.String()) }

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[78]|\r`)

// StripANSI removes terminal control sequences and carriage returns.
func StripANSI(s string) string { return ansi.ReplaceAllString(s, "") }

// fail reports a script step that did not happen, presses Ctrl-C so the
// program stops waiting for input, and ends the script goroutine.
func (c *Console) fail(format string, args ...any) {
	c.t.Helper()
	out := c.Output()
	if len(out) > 3000 {
		out = "..." + out[len(out)-3000:]
	}
	c.t.Errorf("console: "+format+"\n--- output so far (control sequences removed):\n%s\n--- screen:\n%s", append(args, out, c.Screen())...)
	_ = c.waitForKeys(time.Second)
	_, _ = c.c.Send(KeyInterrupt)
	runtime.Goexit()
}

// Drive runs program while script types into the
// console on another, and returns when both are done. program must use
// Tty() as its terminal. After the script, the console keeps reading (and
// answering cursor queries) until the program is done. Drive fails the test
// when program has not returned within a bounded time.
func (c *Console) Drive(script func(*Console), program func()) {
	c.t.Helper()
	scriptDone := make(chan struct{})
	go func() {
		defer close(scriptDone)
		defer c.drain()
		script(c)
	}()
	programDone := make(chan struct{})
	go func() {
		defer close(programDone)
		program()
	}()
	select {
	case <-programDone:
	case <-time.After(runTimeout):
		c.t.Fatalf("console: the program did not return within %v\n--- screen:\n%s", runTimeout, c.Screen())
	}
	// Closing the program's side ends the drain with EOF.
	_ = c.c.Tty().Close()
	select {
	case <-scriptDone:
	case <-time.After(runTimeout):
		c.t.Fatalf("console: the script did not finish within %v", runTimeout)
	}
}

// drain reads output until the program's side of the terminal is closed.
func (c *Console) drain() {
	_, _ = c.c.Expect(expect.EOF, expect.PTSClosed, expect.WithTimeout(runTimeout))
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
