package app

import (
	"runtime"
	"syscall"
	"testing"
)

// niceness is the calling thread's nice value (the raw system call gives 20 minus it).
func niceness(t *testing.T) int {
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
	if err != nil {
		t.Fatal(err)
	}
	return 20 - p
}

func TestInBackgroundRunsOnAThreadOfLowerPriority(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if niceness(t) >= 10 {
		t.Skip("the test already runs at nice 10 or more")
	}
	got := make(chan int)
	inBackground(func() { got <- niceness(t) })
	if n := <-got; n != 10 {
		t.Errorf("the background ran at nice %d, want 10", n)
	}
	if n := niceness(t); n >= 10 {
		t.Errorf("the caller's thread went to nice %d", n)
	}
}
