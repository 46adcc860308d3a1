# Corepath. "make run" and "make test" set up a fresh Debian or Ubuntu machine first (see
# scripts/setup.sh), so each is one command from a clean clone.

export PATH := $(HOME)/.local/go/bin:/usr/local/go/bin:$(PATH)
GO ?= go
# FyneApp.toml opts in to fyne.Do; a plain go build must say so with this tag.
TAGS := migrated_fynedo
# Two binaries: corepath, the command line in pure Go (it starts quickly), and corepath-app, the
# desktop app, which also runs every command; corepath with no command starts corepath-app.
BIN := corepath
APP := corepath-app
APPID := dev.corepath.app
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
# Every build says which it is (corepath --version): FyneApp.toml's version, and the commit when
# built from git (-buildvcs=auto overrides a GOFLAGS that turns it off).
STAMP := -buildvcs=auto -ldflags "-X main.version=$(VERSION)"
DIST := dist

# make install: to ~/.local by default; as root, say PREFIX=/usr/local. DESTDIR stages it.
PREFIX ?= $(HOME)/.local
BINDIR := $(PREFIX)/bin
DATADIR := $(PREFIX)/share
ICON_SIZES := 16 32 48 64 128 256 512

.PHONY: run test build setup-run setup-test setup-bench vet unit smoke e2e check-install \
	release install uninstall package bench gobench clean windows deb setup-platforms test-platforms test-sync

run: setup-run build
	./$(BIN)

build:
	CGO_ENABLED=0 $(GO) build $(STAMP) -o $(BIN) ./cmd/corepath
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) $(STAMP) -o $(APP) .

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

setup-bench:
	@scripts/setup.sh bench

vet:
	$(GO) vet -tags $(TAGS) ./...
	scripts/check-imports.sh
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }

unit:
	$(GO) test -tags $(TAGS) -race -timeout 300s ./tracker/... ./storage/...
	$(GO) test -tags $(TAGS) -timeout 300s ./...

# The real binary under Xvfb on a demo store: it must draw a window and quit cleanly.
smoke: build
	scripts/smoke.sh ./$(BIN)

# The end-to-end suite on the real app (scripts/e2e/): every menu item, dialog, screen and
# window size, the keyboard, the tray and the notifications, under Xvfb in a D-Bus session.
# Screenshots go to build/e2e; E2E_DOCS=docs/screenshots refreshes the README's.
e2e: build
	scripts/e2e.sh ./$(APP) ./$(BIN) build/e2e

# make install and make uninstall into throwaway folders, with both validators on the result.
check-install:
	packaging/check-install.sh

# Every test: the Go tests, the real app end to end, install, sync against Syncthing, and the
# Windows build under Wine and the Debian package on a clean root (test-platforms).
test: setup-test vet unit smoke e2e check-install test-sync test-platforms

# Two Corepath stores kept in step by two real Syncthing instances on 127.0.0.1 only.
test-sync: setup-test build
	scripts/test-sync.sh ./$(BIN)

# The release build: stripped, trimmed, without Fyne's 4 MB emoji font (the no_emoji tag), in
# Fyne's release mode, with the version from FyneApp.toml stamped in (corepath --version), and
# the icon drawn at the hicolor theme's sizes. A file target, so that "sudo make install" after
# "make release" builds nothing as root.
release: $(DIST)/$(BIN) $(DIST)/$(APP) $(ICON_SIZES:%=build/icons/%.png)
	@ls -l $(DIST)/$(BIN) $(DIST)/$(APP)

SOURCES := $(shell find . -name '*.go' -not -name '*_test.go' -not -path './bench/*' -not -path './scripts/*') go.mod go.sum FyneApp.toml $(wildcard resources/*) Makefile

$(DIST)/$(BIN): $(SOURCES)
	CGO_ENABLED=0 $(GO) build -trimpath -buildvcs=auto -ldflags "-s -w -X main.version=$(VERSION)" -o $@ ./cmd/corepath

$(DIST)/$(APP): $(SOURCES)
	@scripts/setup.sh run
	CGO_ENABLED=1 $(GO) build -trimpath -buildvcs=auto -tags $(TAGS),no_emoji,release -ldflags "-s -w -X main.version=$(VERSION)" -o $@ .

build/icons/%.png: resources/icon.svg
	@command -v rsvg-convert >/dev/null || scripts/setup.sh install
	@mkdir -p $(@D)
	rsvg-convert -w $* -h $* -o $@ $<

install: release
	install -Dm755 $(DIST)/$(BIN) $(DESTDIR)$(BINDIR)/$(BIN)
	install -Dm755 $(DIST)/$(APP) $(DESTDIR)$(BINDIR)/$(APP)
	install -d $(DESTDIR)$(DATADIR)/applications
	sed -e '/^#/d' -e 's|^Exec=corepath$$|Exec=$(BINDIR)/$(BIN)|' packaging/$(APPID).desktop >$(DESTDIR)$(DATADIR)/applications/$(APPID).desktop
	chmod 644 $(DESTDIR)$(DATADIR)/applications/$(APPID).desktop
	install -Dm644 packaging/$(APPID).metainfo.xml $(DESTDIR)$(DATADIR)/metainfo/$(APPID).metainfo.xml
	for s in $(ICON_SIZES); do \
		install -Dm644 build/icons/$$s.png $(DESTDIR)$(DATADIR)/icons/hicolor/$${s}x$$s/apps/$(APPID).png || exit 1; \
	done
	install -Dm644 resources/icon.svg $(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/$(APPID).svg
	@# A theme cache that predates the new icons would hide them; refresh one if there is one.
	@if [ -z "$(DESTDIR)" ] && [ -f $(DATADIR)/icons/hicolor/icon-theme.cache ] && command -v gtk-update-icon-cache >/dev/null; then \
		gtk-update-icon-cache -q $(DATADIR)/icons/hicolor || true; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(BIN) $(DESTDIR)$(BINDIR)/$(APP) $(DESTDIR)$(DATADIR)/applications/$(APPID).desktop \
		$(DESTDIR)$(DATADIR)/metainfo/$(APPID).metainfo.xml \
		$(foreach s,$(ICON_SIZES),$(DESTDIR)$(DATADIR)/icons/hicolor/$(s)x$(s)/apps/$(APPID).png) \
		$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/$(APPID).svg

# Fyne's Linux archive of the release build (binary, desktop entry, icon and a Makefile), with
# the fyne tool pinned in go.mod; then unpack it and check that it installs. Fyne's archive holds
# one binary: the app, named corepath, since it runs every command as well.
package: release
	@# fyne package rewrites FyneApp.toml to raise its build number, and drops its comments: keep
	@# the file as it is (mtime too, so that the release is not rebuilt); a release is numbered by hand.
	@mkdir -p build/package && cp -p FyneApp.toml build/FyneApp.toml && cp -p $(DIST)/$(APP) build/package/$(BIN)
	$(GO) tool fyne package -os linux -executable build/package/$(BIN); status=$$?; cp -p build/FyneApp.toml FyneApp.toml; exit $$status
	mv Corepath.tar.xz $(DIST)/corepath-$(VERSION)-linux-$$($(GO) env GOARCH).tar.xz
	packaging/check-package.sh $(DIST)/corepath-$(VERSION)-linux-$$($(GO) env GOARCH).tar.xz

# Windows, cross-built here: a zip with corepath-app.exe (GUI, icon, version resource),
# corepath.exe and a README, and an installer of the same (packaging/build-windows.sh).
WINZIP := $(DIST)/corepath-$(VERSION)-windows-amd64.zip
WINSETUP := $(DIST)/corepath-$(VERSION)-windows-amd64-setup.exe
windows: $(WINZIP)
$(WINZIP): $(SOURCES) packaging/build-windows.sh $(wildcard packaging/windows/*)
	@scripts/setup.sh platforms
	packaging/build-windows.sh $@ $(WINSETUP)

# The Debian package, corepath_VERSION_ARCH.deb: make install's files under /usr, a manual page,
# the licences, and its dependencies (packaging/build-deb.sh).
DEB := $(DIST)/corepath_$(VERSION)_$(shell dpkg --print-architecture 2>/dev/null || echo amd64).deb
deb: $(DEB)
$(DEB): $(SOURCES) $(wildcard resources/* packaging/*.desktop packaging/*.xml packaging/deb/*) packaging/build-deb.sh
	@scripts/setup.sh platforms
	packaging/build-deb.sh $@

setup-platforms:
	@scripts/setup.sh platforms

# The other platforms' checks, apart from make test (slower; .ci/run runs both): the same
# command-line test on Linux and, under Wine, on Windows with the same transcript; the Windows
# app under Wine and Xvfb; the package installed, used and removed on a clean Debian root.
# Screenshots and logs are kept in build/platforms. The Debian roots for Wine and for the
# package are made once in /var/cache/corepath-ci. Needs root.
# The Wine and Debian checks work in chroots, so they run as root (through sudo for a user).
AS_ROOT := $(if $(filter 0,$(shell id -u)),,sudo)
test-platforms: setup-platforms build $(WINZIP) $(DEB)
	packaging/check-cli.sh build/platforms/linux-cli.txt ./$(BIN)
	$(AS_ROOT) packaging/check-windows.sh $(WINZIP) $(WINSETUP) build/platforms/linux-cli.txt build/platforms
	$(AS_ROOT) packaging/check-deb.sh $(DEB) build/platforms

# Corepath against Timewarrior on 100,000 sessions, and the app's start (bench/README.md). Slow.
bench: setup-bench $(DIST)/$(BIN) $(DIST)/$(APP)
	$(GO) run -tags $(TAGS) ./bench -corepath $(DIST)/$(BIN) -out $(DIST)/bench.md

# The Go benchmarks of the store, the report, the exports (and the export command), sync and the
# app at 100,000 sessions.
gobench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -timeout 600s ./storage/ ./tracker/ ./exchange/
	$(GO) test -tags $(TAGS) -run '^$$' -bench 'Sync|Export|Report' -benchmem -benchtime 3x -timeout 600s ./cli/
	$(GO) test -tags $(TAGS) -run '^$$' -bench 100k -benchmem -benchtime 30x -timeout 600s ./app/

clean:
	rm -rf $(BIN) $(APP) $(DIST) build
