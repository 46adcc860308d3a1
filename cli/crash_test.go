package cli

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"corepath/storage"
	"corepath/tracker"
)

// crashBase is where the crash test's sessions start: far enough in the past that none ends
// in the future.
var crashBase = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// logLoop is the child of TestCrashWhileLogging: it logs one session after another, each
// through the whole "corepath log" command, and after each success prints its number. A
// printed number is a promise that the session is stored.
func logLoop(first int) {
	quiet := DefaultEnv("test")
	quiet.Stdout, quiet.Stderr = io.Discard, io.Discard
	for k := first; ; k++ {
		at := crashBase.Add(time.Duration(k) * time.Minute).Format(time.RFC3339)
		if Run([]string{"log", "1m", "--topic", "BGP", "--at", at, "--note", strconv.Itoa(k)}, quiet) == 0 {
			fmt.Println(k)
		}
	}
}

func init() {
	if first := os.Getenv("COREPATH_TEST_LOG_LOOP"); first != "" {
		n, _ := strconv.Atoi(first)
		logLoop(n)
	}
}

// TestCrashWhileLogging kills a process that is logging sessions with SIGKILL at a random
// moment, 50 times: every session it reported is there afterwards, and bbolt finds the file
// consistent every time.
func TestCrashWhileLogging(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 50 processes")
	}
	dir := t.TempDir()
	if out, err := subprocess(dir, "where").CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	promised := map[int]bool{}
	for run := 0; run < 50; run++ {
		cmd := subprocess(dir)
		cmd.Env = append(cmd.Env, "COREPATH_TEST_LOG_LOOP="+strconv.Itoa(run*100000))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan int, 1000)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if k, err := strconv.Atoi(sc.Text()); err == nil {
					lines <- k
				}
			}
			close(lines)
		}()
		time.Sleep(time.Duration(20+rng.IntN(180)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for k := range lines {
			promised[k] = true
		}
		cmd.Wait()

		if err := storage.Verify(filepath.Join(dir, storage.FileName)); err != nil {
			t.Fatalf("run %d: the store fails its check: %v", run, err)
		}
	}
	db, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int]bool{}
	db.Sessions(tracker.Query{}, func(s *tracker.Session) error {
		k, _ := strconv.Atoi(s.Note)
		stored[k] = true
		return nil
	})
	missing := 0
	for k := range promised {
		if !stored[k] {
			missing++
		}
	}
	if len(promised) < 50 || missing > 0 {
		t.Fatalf("%d sessions reported logged, %d of them missing", len(promised), missing)
	}
	t.Logf("%d sessions reported and all present after 50 kills", len(promised))
}
