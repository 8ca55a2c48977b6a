package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// ErrNotEmpty is returned by Write when the target holds files and force is
// not set.
var ErrNotEmpty = errors.New("target directory is not empty")

// ErrFolderInTheWay is returned when a folder stands where scaffold writes
// (or reads, to merge) a file: the user's to move.
var ErrFolderInTheWay = errors.New("a folder where scaffold writes a file")

// folderInTheWay is ErrFolderInTheWay for one file: full is the folder on
// disk, p the file's slash path in the module.
type folderInTheWay struct{ full, p string }

func (e folderInTheWay) Error() string {
	return fmt.Sprintf("%s is a folder where scaffold writes the file %s; move it away first", e.full, e.p)
}

func (e folderInTheWay) Is(target error) bool { return target == ErrFolderInTheWay }

// ErrNotDir is returned when the target, or a folder on its path, is a file.
var ErrNotDir = errors.New("not a directory")

// ErrBrokenLink is returned when the target, or a folder on its path, is a
// symbolic link that leads to no folder: to a path that does not exist, or
// round a loop of links. (A link to a file is ErrNotDir.)
var ErrBrokenLink = errors.New("a symbolic link that leads to no folder")

// ErrLocked is returned when another scaffold run is writing the same target.
var ErrLocked = errors.New("target is being written by another scaffold run")

// ErrInterrupted is returned when SIGINT or SIGTERM arrived while writing;
// everything already replaced has been put back.
var ErrInterrupted = errors.New("interrupted")

// WriteOptions says how Write may treat a target that already holds files.
type WriteOptions struct {
	// Force allows writing into a non-empty target: generated files are
	// replaced, every other file is kept.
	Force bool
	// Previous is the file set the target's previous generation wrote, as
	// regenerated from its answers file (nil when unknown). A file in it that
	// this generation does not write, and whose bytes on disk are still the
	// previous bytes (the user did not change it), is removed.
	Previous []File
	// Kept, when set, is told each file of Previous that this generation
	// does not write but that was kept because the user changed it.
	Kept func(path string)
	// Dropped, when set, is told each file of Previous that this
	// generation does not write and that was removed, the user not having
	// changed it. A call is not undone if the write fails later: report
	// them once the write has succeeded.
	Dropped func(path string)
	// Overwritten, when set, is told each file of Previous that this
	// generation writes over although the user had changed it (its bytes
	// on disk are neither the previous generation's nor the new ones):
	// `scaffold new --force` replaces it as generated, and says so.
	// Reported like Dropped.
	Overwritten func(path string)
	// RemoveBeside removes, beside each file PATH written (other than
	// scaffold's answers file and snapshot), a regular file named
	// PATH.scaffold-new (ScaffoldNewSuffix): scaffold's version of a
	// binary file that an update left beside yours, a conflict not
	// resolved, which writing PATH as generated settles (`scaffold new
	// --force`; PlanReplace lists them). Like every other step, a removal
	// is undone if the write fails. Folders and symbolic links of that
	// name are left alone.
	RemoveBeside bool
	// Removed, when set, is told the slash path of each file RemoveBeside
	// removed.
	Removed func(path string)
	// Last, when set, gives one more file to WriteWith, whose bytes are
	// computed while the others are written (GenerateSnapshotLater's
	// snapshot): it is called once, on a goroutine of its own, as soon as
	// staging begins, and its file is written as safely as the others. Its
	// path must not be one of theirs. (Writing.Finish takes it as an
	// argument instead.)
	Last func() File
}

// Write puts files into dir without ever leaving a half-written module;
// force allows a non-empty dir (see WriteOptions).
//
// Every file is first written into a temporary folder beside dir, named
// .DIR.scaffold-*. A dir that does not exist is created by renaming that
// folder in one step. An existing dir (an empty one, or with opts.Force a
// non-empty one) is written in place: the folder itself, its mode, owner and
// a symlink to it are kept. Each generated file replaces its old copy by a
// rename, the old copy moved aside first; if any step fails, or SIGINT or
// SIGTERM arrives, every step already taken is undone. Files of the previous
// generation that this one does not write are removed (see
// WriteOptions.Previous); every other file (terraform.tfstate, .terraform/,
// your own files) is left alone.
//
// A lock file .DIR.scaffold.lock beside dir makes a second concurrent Write
// of the same target fail with ErrLocked. Temporary folders left by earlier
// runs that were killed are removed.
func Write(dir string, files []File, force bool) error {
	return WriteWith(dir, files, WriteOptions{Force: force})
}

// WriteWith is Write with every option; see Write.
func WriteWith(dir string, files []File, opts WriteOptions) error {
	wr, err := BeginWrite(dir, opts)
	if err != nil {
		return err
	}
	return wr.Finish(files, opts.Last)
}

// A Writing is a write begun before its files are all known (BeginWrite):
// the target is locked, SIGINT and SIGTERM are caught and the temporary
// folder exists. Finish writes the files, Abort leaves everything as it
// was; exactly one of them must be called.
type Writing struct {
	dir    string // as the caller gave it, for messages
	target string
	opts   WriteOptions
	w      *writer
	stop   func() // stops catching signals
	unlock func()
	tmp    string // the temporary folder beside the target
	staged string // where the files are staged: tmp, or tmp/new for an existing target
	exists bool   // the target exists (it is written in place)
}

// BeginWrite takes the steps of WriteWith that need no file: resolving
// dir, catching SIGINT and SIGTERM, taking the lock, removing temporary
// folders of killed runs, checking the target under the lock and creating
// the temporary folder. `scaffold new` takes them while it generates the
// files, so that a signal that arrives meanwhile makes Finish fail with
// ErrInterrupted rather than end the process. Its errors are WriteWith's;
// after one, nothing is left behind and nothing is to be called.
func BeginWrite(dir string, opts WriteOptions) (wr *Writing, err error) {
	target, err := resolveTarget(dir)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(target), filepath.Base(target)
	// Signals are caught from before the lock file exists until after it
	// is removed, so an interrupted run leaves neither it nor a temporary
	// folder.
	wr = &Writing{dir: dir, target: target, opts: opts, w: &writer{dir: target}}
	wr.stop = wr.w.catchSignals()
	defer func() {
		if err != nil {
			wr.release()
			wr = nil
		}
	}()
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return wr, notDirError(dir, err)
	}
	unlock, err := lockTarget(filepath.Join(parent, "."+base+".scaffold.lock"))
	if err != nil {
		if errors.Is(err, ErrLocked) {
			return wr, fmt.Errorf("%w: %s; wait for the other run to finish, then try again", ErrLocked, dir)
		}
		return wr, fmt.Errorf("scaffold keeps its lock file and temporary folder beside %s, in %s, and cannot write there: %w", dir, parent, err)
	}
	wr.unlock = unlock
	removeStale(parent, base)

	// Under the lock, look again: the target may have changed since the caller checked.
	exists, empty, err := inspectTarget(dir, target)
	if err != nil {
		return wr, err
	}
	if !empty && !opts.Force {
		return wr, fmt.Errorf("%w: %s; pass --force to overwrite the generated files in it (other files are kept)", ErrNotEmpty, dir)
	}
	if wr.tmp, err = mkdirTemp(parent, "."+base+".scaffold-"); err != nil {
		return wr, err
	}
	// A new target is the temporary folder itself, renamed into place once
	// every file in it is on disk (one folder fewer to create than staging
	// in a subfolder). An existing target takes the files one by one, and
	// the temporary folder holds both them and the old copies.
	wr.exists, wr.staged = exists, wr.tmp
	if exists {
		wr.staged = filepath.Join(wr.tmp, "new")
		if err := os.Mkdir(wr.staged, 0o755); err != nil {
			return wr, err
		}
	}
	return wr, nil
}

// Finish writes files, and the file last gives (nil for none; see
// WriteOptions.Last, which BeginWrite does not read), as WriteWith does,
// and ends the write whatever happens: the lock is released, signals are
// no longer caught and the temporary folder is gone.
func (wr *Writing) Finish(files []File, last func() File) error {
	defer wr.release()
	var lastFile chan File
	if last != nil {
		lastFile = make(chan File, 1)
		go func() { lastFile <- last() }()
	}
	files, err := stage(wr.staged, files, lastFile)
	if err != nil {
		return err
	}
	if err := wr.w.check(wr.staged); err != nil {
		return err
	}
	if !wr.exists {
		if err := os.Rename(wr.staged, wr.target); err != nil {
			// Something took the target's place since BeginWrite looked
			// (not a scaffold run: the lock keeps them out); a dangling
			// link or a file there is named as CheckTarget names it.
			if lerr := linkError(wr.dir); lerr != nil {
				return lerr
			}
			return notDirError(wr.dir, err)
		}
		wr.tmp = "" // it is the target now
		return nil
	}
	return wr.w.replace(wr.staged, filepath.Join(wr.tmp, "old"), files, wr.opts)
}

// Abort ends a write that will not happen: the temporary folder is
// removed, the lock released and signals no longer caught. The target was
// not touched.
func (wr *Writing) Abort() { wr.release() }

// release undoes what BeginWrite set up, in reverse order.
func (wr *Writing) release() {
	if wr.tmp != "" {
		os.RemoveAll(wr.tmp)
		wr.tmp = ""
	}
	if wr.unlock != nil {
		wr.unlock()
		wr.unlock = nil
	}
	if wr.stop != nil {
		wr.stop()
		wr.stop = nil
	}
}

// mkdirTemp creates a new folder in parent named prefix and a random
// number, as os.MkdirTemp does, but with the mode os.Mkdir gives (0755
// less the umask) rather than 0700: a new target is this folder, renamed.
func mkdirTemp(parent, prefix string) (string, error) {
	for try := 0; ; try++ {
		p := filepath.Join(parent, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := os.Mkdir(p, 0o755)
		if err == nil {
			return p, nil
		}
		if !os.IsExist(err) || try == 10000 {
			return "", err
		}
	}
}

// CheckTarget reports, before anything is asked or generated, whether dir
// can be written: ErrNotDir when it or a folder on its path is a file (or a
// symbolic link to one), ErrBrokenLink when it or a folder on its path is a
// symbolic link to nothing or in a loop, ErrNotEmpty when it holds files and
// force is not set. BeginWrite checks the same again under the lock.
func CheckTarget(dir string, force bool) error {
	target, err := resolveTarget(dir)
	if err != nil {
		return err
	}
	_, empty, err := inspectTarget(dir, target)
	if err != nil {
		return err
	}
	if !empty && !force {
		return fmt.Errorf("%w: %s", ErrNotEmpty, dir)
	}
	return nil
}

// resolveTarget makes dir absolute and follows a symlink to a folder, so the
// link is kept and the folder it points to is written. A symlink that leads
// to no folder, as dir or on its path, is refused: a missing dir is created,
// but not where a dangling link stands.
func resolveTarget(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err == nil {
		return real, nil
	}
	if lerr := linkError(dir); lerr != nil {
		return "", lerr
	}
	if !os.IsNotExist(err) {
		return "", notDirError(dir, err)
	}
	return abs, nil
}

// inspectTarget reports whether target exists and whether it is empty (a
// missing target counts as empty). It looks at dir's symbolic links again:
// a dangling link made at dir since resolveTarget would be taken for a
// missing target, and the final rename onto it would fail.
func inspectTarget(dir, target string) (exists, empty bool, err error) {
	fi, err := os.Stat(target)
	if err != nil {
		if lerr := linkError(dir); lerr != nil {
			return false, false, lerr
		}
	}
	if os.IsNotExist(err) {
		return false, true, nil
	}
	if err != nil {
		return false, false, notDirError(dir, err)
	}
	if !fi.IsDir() {
		return true, false, notDir(dir)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return true, false, err
	}
	return true, len(entries) == 0, nil
}

// notDir says that p is a file where a folder must be (or a symbolic link
// to one); it matches ErrNotDir.
func notDir(p string) error {
	// A trailing slash (tofile/) makes the lookup follow the link, so
	// Readlink would not see it: the link is named as for tofile.
	p = filepath.Clean(p)
	if to, err := os.Readlink(p); err == nil {
		return targetError{ErrNotDir, fmt.Sprintf("%s is a symbolic link to %s, which is not a directory; choose another DIR", p, to)}
	}
	return targetError{ErrNotDir, p + " exists and is not a directory; choose another DIR"}
}

// linkError finds, on dir's path as the user wrote it, the deepest part
// that exists; when that is a symbolic link that leads to no folder, it
// says so (ErrBrokenLink), naming the link and where it points, or, for a
// link to a file, ErrNotDir. nil when the path holds no such link.
func linkError(dir string) error {
	for p := filepath.Clean(dir); ; {
		if fi, err := os.Lstat(p); err == nil {
			if fi.Mode()&os.ModeSymlink == 0 {
				return nil
			}
			to, _ := os.Readlink(p)
			target, err := os.Stat(p)
			switch {
			case err == nil && !target.IsDir():
				return notDir(p)
			case os.IsNotExist(err):
				if end := linkEnd(p); end != filepath.Join(filepath.Dir(p), to) && end != to {
					return targetError{ErrBrokenLink, fmt.Sprintf("%s is a symbolic link to %s, which leads to %s, which does not exist; create that folder or choose another DIR", p, to, end)}
				}
				if dir := filepath.Dir(p); !filepath.IsAbs(to) && dir != "." {
					// The link's target is read from the link's folder, not
					// from where scaffold runs: say which folder to create.
					return targetError{ErrBrokenLink, fmt.Sprintf("%s is a symbolic link to %s (that is, %s), which does not exist; create that folder or choose another DIR", p, to, filepath.Join(dir, to))}
				}
				return targetError{ErrBrokenLink, fmt.Sprintf("%s is a symbolic link to %s, which does not exist; create that folder or choose another DIR", p, to)}
			case errors.Is(err, syscall.ELOOP):
				return targetError{ErrBrokenLink, fmt.Sprintf("%s is a symbolic link to %s, and the links go round in a loop that never reaches a folder; remove the link or choose another DIR", p, to)}
			case errors.Is(err, syscall.ENOTDIR):
				// It points to a path under a file (afile/x): name the file.
				if file := fileOnPath(linkEnd(p)); file != "" {
					return targetError{ErrNotDir, fmt.Sprintf("%s is a symbolic link to %s, and %s is a file, not a folder; choose another DIR", p, to, file)}
				}
				return targetError{ErrNotDir, fmt.Sprintf("%s is a symbolic link to %s, which leads through a file, not a folder; choose another DIR", p, to)}
			}
			return nil
		}
		next := filepath.Dir(p)
		if next == p {
			return nil
		}
		p = next
	}
}

// targetError is an error with its own message that matches a sentinel.
type targetError struct {
	sentinel error
	msg      string
}

func (e targetError) Error() string        { return e.msg }
func (e targetError) Is(target error) bool { return target == e.sentinel }

// notDirError turns "not a directory" from a path lookup into the message a
// user reads for a DIR that is a file, naming the file on the path.
func notDirError(dir string, err error) error {
	if !errors.Is(err, syscall.ENOTDIR) {
		return err
	}
	// A symbolic link on the path to a path under a file (underfile ->
	// afile/x) is named with where it points, as CheckTarget names it.
	if lerr := linkError(dir); lerr != nil {
		return lerr
	}
	if file := fileOnPath(dir); file != "" {
		return notDir(file)
	}
	return fmt.Errorf("%w: %s: %v", ErrNotDir, dir, err)
}

// fileOnPath is the deepest part of path p that exists and is not a folder
// (a file, or a symbolic link to one); "" when there is none.
func fileOnPath(p string) string {
	for p = filepath.Clean(p); ; {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
		next := filepath.Dir(p)
		if next == p {
			return ""
		}
		p = next
	}
}

// linkEnd follows the chain of symbolic links that starts at p to the
// first path that is not a link (a missing one, for a dangling chain).
func linkEnd(p string) string {
	for range 40 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		to, err := os.Readlink(p)
		if err != nil {
			break
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(p), to)
		}
		p = to
	}
	return p
}

// removeStale removes temporary folders of earlier runs into parent/base
// that were killed before they could clean up. The caller holds the lock, so
// no live run owns them.
func removeStale(parent, base string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+globEscape(base)+".scaffold-*"))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err == nil && fi.IsDir() {
			_ = os.RemoveAll(m)
		}
	}
}

func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stage writes every file under root and flushes each to disk (fsync)
// before it returns; with last set, also the file it receives from last,
// waited for while the others are being created. It returns every file it
// wrote.
//
// Creating a file is the costly step on some file systems (ext4 without a
// journal first skips every inode of the block group freed in the last
// half minute), and creations in one folder take turns on its lock, so
// each folder's files are created by a goroutine of their own, beside the
// other folders'. Each file's writeback starts as soon as it is written
// (startWriteback); once all are written, all are fsynced side by side: by
// then the data of every file is on its way to the disk and the blocks of
// inodes they share have been allocated, so the fsyncs mostly wait for
// writes already under way instead of each writing the shared blocks again
// in turn. Every file is still fsynced, so what stage guarantees is
// unchanged: when it returns without error, every file's data and metadata
// are on disk.
func stage(root string, files []File, last <-chan File) (all []File, err error) {
	n := len(files)
	if last != nil {
		n++
	}
	all = make([]File, len(files), n)
	copy(all, files)
	byDir := map[string][]int{} // folder → indexes of its files
	var dirs []string
	for i, f := range files {
		dir := filepath.Dir(filepath.Join(root, filepath.FromSlash(f.Path)))
		if _, seen := byDir[dir]; !seen {
			dirs = append(dirs, dir)
		}
		byDir[dir] = append(byDir[dir], i)
	}
	open := make([]*os.File, n)
	defer func() {
		for _, f := range open {
			if f == nil {
				continue
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}()
	errs := make([]error, n)
	// create writes file i into its folder, which exists, and starts its
	// writeback.
	create := func(i int, f File) error {
		fh, err := os.OpenFile(filepath.Join(root, filepath.FromSlash(f.Path)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		open[i] = fh
		if _, err := fh.Write(f.Data); err != nil {
			return err
		}
		startWriteback(fh)
		return nil
	}
	var wg sync.WaitGroup
	for _, dir := range dirs {
		wg.Go(func() {
			idx := byDir[dir]
			if dir != root {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					errs[idx[0]] = err
					return
				}
			}
			for _, i := range idx {
				if errs[i] = create(i, files[i]); errs[i] != nil {
					return
				}
			}
		})
	}
	if last != nil {
		// Waited for here, while the folders' goroutines create the rest.
		f := <-last
		all = append(all, f)
		i := n - 1
		if dir := filepath.Dir(filepath.Join(root, filepath.FromSlash(f.Path))); dir != root {
			errs[i] = os.MkdirAll(dir, 0o755)
		}
		if errs[i] == nil {
			errs[i] = create(i, f)
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, fh := range open {
		wg.Go(func() {
			errs[i] = fh.Sync()
			if errs[i] == nil && testHookSynced != nil {
				testHookSynced(fh.Name())
			}
		})
	}
	wg.Wait()
	return all, errors.Join(errs...)
}

// testHookSynced, when set (by tests), is called with the path of each
// staged file once its fsync has succeeded, from the goroutine that ran it.
var testHookSynced func(path string)

// writer replaces files in an existing target and can undo what it did.
type writer struct {
	dir         string
	interrupted atomic.Bool
	undo        []func() error // in the order the steps were taken
}

// testHookStep, when set (by tests), runs after each step of a replacement
// or staging; an error it returns fails the write there.
var testHookStep func(w *writer, path string) error

// catchSignals records SIGINT and SIGTERM instead of dying of them, until
// the returned stop is called; the write stops at its next step and undoes
// what it did.
func (w *writer) catchSignals() (stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				w.interrupted.Store(true)
			case <-done:
				return
			}
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// check is called after each step: it fails the write on a signal (or a
// test's injected failure).
func (w *writer) check(path string) error {
	if testHookStep != nil {
		if err := testHookStep(w, path); err != nil {
			return err
		}
	}
	if w.interrupted.Load() {
		return fmt.Errorf("%w; %s is as it was", ErrInterrupted, w.dir)
	}
	return nil
}

// replace moves the staged files into w.dir, each old copy moved into
// backup first, then removes the files beside them that opts.RemoveBeside
// names, and unchanged files of the previous generation (opts.Previous)
// that this one does not write. On any failure every step is undone.
func (w *writer) replace(staged, backup string, files []File, opts WriteOptions) (err error) {
	defer func() {
		if err != nil {
			if uerr := w.rollback(); uerr != nil {
				err = fmt.Errorf("%w; undoing the partial write also failed, check %s: %v", err, w.dir, uerr)
			}
		}
	}()
	writes := map[string]bool{}
	var previous map[string][]byte
	if opts.Overwritten != nil {
		previous = make(map[string][]byte, len(opts.Previous))
		for _, f := range opts.Previous {
			previous[f.Path] = f.Data
		}
	}
	for _, f := range files {
		writes[f.Path] = true
		dst := filepath.Join(w.dir, filepath.FromSlash(f.Path))
		if err := w.mkdirs(filepath.Dir(dst)); err != nil {
			return err
		}
		fi, err := os.Lstat(dst)
		if err == nil && fi.IsDir() {
			return folderInTheWay{dst, f.Path}
		}
		if was, ok := previous[f.Path]; ok && err == nil && fi.Mode().IsRegular() {
			if onDisk, rerr := os.ReadFile(dst); rerr == nil && !bytes.Equal(onDisk, was) && !bytes.Equal(onDisk, f.Data) {
				opts.Overwritten(f.Path)
			}
		}
		src := filepath.Join(staged, filepath.FromSlash(f.Path))
		// The permissions of the file it replaces are kept: a mode the
		// user set (a script made executable, a file made read-only) is
		// their change too, as git keeps it.
		if err == nil && fi.Mode().IsRegular() {
			if err := os.Chmod(src, fi.Mode().Perm()); err != nil {
				return err
			}
		}
		if err := w.moveAside(dst, filepath.Join(backup, filepath.FromSlash(f.Path))); err != nil {
			return err
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
		w.undo = append(w.undo, func() error { return os.Remove(dst) })
		if err := w.check(dst); err != nil {
			return err
		}
	}
	if opts.RemoveBeside {
		for _, f := range files {
			b, ok := scaffoldNewBeside(f.Path, writes)
			if !ok {
				continue
			}
			p := filepath.Join(w.dir, filepath.FromSlash(b))
			if !isRegular(p) {
				continue
			}
			if err := w.moveAside(p, filepath.Join(backup, filepath.FromSlash(b))); err != nil {
				return err
			}
			if opts.Removed != nil {
				opts.Removed(b)
			}
			if err := w.check(p); err != nil {
				return err
			}
		}
	}
	var stale []string
	for _, f := range opts.Previous {
		if writes[f.Path] {
			continue
		}
		p := filepath.Join(w.dir, filepath.FromSlash(f.Path))
		onDisk, err := os.ReadFile(p)
		if err != nil {
			continue // gone already
		}
		if !bytes.Equal(onDisk, f.Data) {
			if opts.Kept != nil {
				opts.Kept(f.Path) // changed by the user: keep it, and say so
			}
			continue
		}
		if err := w.moveAside(p, filepath.Join(backup, filepath.FromSlash(f.Path))); err != nil {
			return err
		}
		stale = append(stale, p)
		if opts.Dropped != nil {
			opts.Dropped(f.Path)
		}
		if err := w.check(p); err != nil {
			return err
		}
	}
	// Folders only the removed files were in go too (best effort: a folder
	// that still holds anything stays).
	sort.Sort(sort.Reverse(sort.StringSlice(stale)))
	for _, p := range stale {
		for d := filepath.Dir(p); d != w.dir && strings.HasPrefix(d, w.dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}

// mkdirs creates dir and its missing parents inside w.dir, recording each
// for undo.
func (w *writer) mkdirs(dir string) error {
	var missing []string
	for d := dir; d != w.dir && strings.HasPrefix(d, w.dir); d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		d := missing[i]
		if err := os.Mkdir(d, 0o755); err != nil {
			return err
		}
		w.undo = append(w.undo, func() error { return os.Remove(d) })
	}
	return nil
}

// moveAside moves an existing path into the backup folder, recording how to
// put it back; a missing path is nothing to move.
func (w *writer) moveAside(p, to string) error {
	if _, err := os.Lstat(p); os.IsNotExist(err) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if err := os.Rename(p, to); err != nil {
		return err
	}
	w.undo = append(w.undo, func() error { return os.Rename(to, p) })
	return nil
}

// rollback undoes every recorded step, newest first.
func (w *writer) rollback() error {
	var errs []error
	for i := len(w.undo) - 1; i >= 0; i-- {
		if err := w.undo[i](); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	w.undo = nil
	return errors.Join(errs...)
}
