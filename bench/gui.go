package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"corepath/app"
)

// startup is one start of the desktop app: the time from launching the process to its first
// painted frame, and its memory then (app.StartupReport).
type startup struct {
	firstFrame time.Duration
	loaded     time.Duration // launch to every session read and shown
	app.StartupReport
}

// xvfb is a virtual X display.
type xvfb struct {
	display string
	cmd     *exec.Cmd
}

// startXvfb starts Xvfb on a free display number.
func startXvfb() (*xvfb, error) {
	for d := 150; d < 200; d++ {
		lock, sock := fmt.Sprintf("/tmp/.X%d-lock", d), fmt.Sprintf("/tmp/.X11-unix/X%d", d)
		if exists(lock) || exists(sock) {
			continue
		}
		x := &xvfb{display: fmt.Sprintf(":%d", d)}
		x.cmd = exec.Command("Xvfb", x.display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := x.cmd.Start(); err != nil {
			return nil, fmt.Errorf("cannot start Xvfb (scripts/setup.sh test installs it): %v", err)
		}
		for i := 0; i < 100 && !exists(sock); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if !exists(sock) {
			x.stop()
			return nil, fmt.Errorf("Xvfb %s did not start", x.display)
		}
		return x, nil
	}
	return nil, errors.New("no free X display between :150 and :199")
}

func (x *xvfb) stop() {
	x.cmd.Process.Signal(syscall.SIGTERM)
	x.cmd.Wait()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// startApp starts the app over the store in data and waits for its startup report. home is
// the user's home folder, which keeps Fyne's preferences between starts as a real one would.
func startApp(bin, data, home, display, report string) (startup, error) {
	cmd := exec.Command(bin, "--data", data)
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "COREPATH_REPORT_STARTUP="+report)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	os.Remove(report)
	launched := time.Now()
	if err := cmd.Start(); err != nil {
		return startup{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		// The app quits cleanly on SIGTERM; give it a moment, then make sure.
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case err := <-exited:
			exited <- err // for the deferred wait
			return startup{}, fmt.Errorf("the app exited before drawing (%v):\n%s", err, log.Bytes())
		case <-deadline:
			return startup{}, fmt.Errorf("the app drew nothing in 30 s:\n%s", log.Bytes())
		case <-time.After(5 * time.Millisecond):
		}
		data, err := os.ReadFile(report)
		if err != nil {
			continue
		}
		var s startup
		if err := json.Unmarshal(data, &s.StartupReport); err != nil {
			return startup{}, fmt.Errorf("%s: %v", report, err)
		}
		s.firstFrame = time.Unix(0, s.FirstFrame).Sub(launched)
		s.loaded = time.Unix(0, s.Loaded).Sub(launched)
		return s, nil
	}
}

// measureGUI starts the app runs times (after one warm-up start) under Xvfb.
func measureGUI(bin, data, work string, runs int) ([]startup, error) {
	x, err := startXvfb()
	if err != nil {
		return nil, err
	}
	defer x.stop()
	home := filepath.Join(work, "home")
	for _, d := range []string{".config", ".cache"} {
		if err := os.MkdirAll(filepath.Join(home, d), 0o700); err != nil {
			return nil, err
		}
	}
	var out []startup
	for i := 0; i <= runs; i++ {
		s, err := startApp(bin, data, home, x.display, filepath.Join(work, "startup.json"))
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out = append(out, s)
		}
	}
	return out, nil
}
