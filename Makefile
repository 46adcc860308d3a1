# Corepath. "make run" and "make test" set up a fresh Debian or Ubuntu machine first (see
# scripts/setup.sh), so each is one command from a clean clone.

export PATH := $(HOME)/.local/go/bin:/usr/local/go/bin:$(PATH)
GO ?= go
# FyneApp.toml opts in to fyne.Do; a plain go build must say so with this tag.
TAGS := migrated_fynedo
BIN := corepath

.PHONY: run test build setup-run setup-test vet unit smoke bench clean

run: setup-run build
	./$(BIN)

build:
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -o $(BIN) .

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

vet:
	$(GO) vet -tags $(TAGS) ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt would change:"; gofmt -l .; exit 1; }

unit:
	$(GO) test -tags $(TAGS) -race -timeout 300s ./tracker/... ./storage/...
	$(GO) test -tags $(TAGS) -timeout 300s ./...

# The real binary under Xvfb on a demo store: it must draw a window and quit cleanly.
smoke: build
	scripts/smoke.sh ./$(BIN)

test: setup-test vet unit smoke

bench:
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./storage/ ./tracker/

clean:
	rm -f $(BIN)
