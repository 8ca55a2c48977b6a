//go:build darwin || dragonfly || freebsd || netbsd || openbsd

package prompttest

import "golang.org/x/sys/unix"

const ioctlReadTermios = unix.TIOCGETA
