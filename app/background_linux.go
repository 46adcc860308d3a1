package app

import (
	"runtime"
	"syscall"
)

// inBackground runs fn on a goroutine whose thread has a lower CPU priority (nice 10), so that
// on a busy machine the window's thread and the display server come first. The thread is never
// unlocked, so it ends with the goroutine instead of going back to run others at that priority.
func inBackground(fn func()) {
	go func() {
		runtime.LockOSThread()
		_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 10)
		fn()
	}()
}
