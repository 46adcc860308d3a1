#!/usr/bin/env bash
# setup.sh run|install|test|bench|platforms - install what Corepath needs on Debian or Ubuntu, and nothing
# already there.
#   run:     a C compiler and the X11/OpenGL/Wayland headers that Fyne's cgo driver builds against,
#            and Go if it is missing or older than go.mod asks for.
#   install: the same, plus rsvg-convert to draw the icon at the desktop's sizes.
#   test:    the same, plus Xvfb and friends to start the real app without a display (and a
#            D-Bus session bus for its tray and notifications), the validators of the desktop
#            entry and the AppStream metadata, and Syncthing (with curl for its API) for the sync
#            test.
#   bench:   run's, Xvfb's, and Timewarrior to measure against.
#   platforms: test's, plus the MinGW-w64 C compiler, zip and NSIS for the Windows build, debootstrap
#            for the Debian roots that run Wine and the package's install test, and lintian.
# It uses apt-get as root, or through sudo when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(gcc libc6-dev pkg-config libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev
	libxxf86vm-dev libgl-dev libwayland-dev libxkbcommon-dev libegl-dev)
install_pkgs=(librsvg2-bin)
xvfb_pkgs=(xvfb xauth x11-apps x11-utils netpbm xdotool dbus dbus-x11)
validate_pkgs=(desktop-file-utils appstream)
platform_pkgs=(gcc-mingw-w64-x86-64 zip unzip nsis debootstrap lintian dpkg-dev)
sync_pkgs=(syncthing curl)
go_pkgs=(golang-go ca-certificates)

want=("${build_pkgs[@]}")
case ${1:-run} in
run) ;;
install) want+=("${install_pkgs[@]}") ;;
test) want+=("${install_pkgs[@]}" "${xvfb_pkgs[@]}" "${validate_pkgs[@]}" "${sync_pkgs[@]}") ;;
bench) want+=("${xvfb_pkgs[@]}" timewarrior) ;;
platforms) want+=("${install_pkgs[@]}" "${xvfb_pkgs[@]}" "${validate_pkgs[@]}" "${platform_pkgs[@]}") ;;
*)
	echo "usage: setup.sh run|install|test|bench|platforms" >&2
	exit 2
	;;
esac

go_version=$(sed -n 's/^go \([0-9.]*\).*/\1/p' go.mod)
go_ok() {
	local have
	have=$(go env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
	[[ -n $have ]] && printf '%s\n%s\n' "$go_version" "$have" | sort -V -C
}
export PATH="$HOME/.local/go/bin:/usr/local/go/bin:$PATH"
need_go=false
if ! go_ok; then
	need_go=true
	want+=("${go_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=()
	if ((EUID != 0)); then
		if ! command -v sudo >/dev/null; then
			echo "setup: these packages are missing: ${missing[*]}" >&2
			echo "setup: install them as root: apt-get install ${missing[*]}" >&2
			exit 1
		fi
		sudo=(sudo)
	fi
	echo "setup: installing ${missing[*]}" >&2
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if $need_go; then
	# The distribution's Go (golang-go, installed above) fetches the toolchain go.mod names, as a
	# module, through whatever GOPROXY says (go env GOPROXY); it goes to ~/.local/go, which the
	# Makefile puts first on PATH.
	arch=$(dpkg --print-architecture)
	version=$go_version
	[[ $version == *.*.* ]] || version=$version.0
	tmp=$(mktemp -d) # outside the project: a Go older than go.mod cannot read go.mod
	trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
	echo "setup: fetching Go $version with the distribution's Go, into ~/.local/go" >&2
	goroot=$(cd "$tmp" && GOTOOLCHAIN=go$version GOFLAGS= /usr/bin/go env GOROOT) || goroot=
	why=
	if [[ $goroot != */golang.org/toolchain@* ]]; then
		# A Go before 1.21 (Debian 12 has 1.19) knows no GOTOOLCHAIN: download the module it would.
		download=$(cd "$tmp" && GO111MODULE=on GOFLAGS= GOMODCACHE="$tmp/mod" /usr/bin/go mod download -json \
			"golang.org/toolchain@v0.0.1-go$version.linux-$arch") || true
		goroot=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' <<<"$download")
		why=$(sed -n 's/^\t"Error": "\(.*\)"$/: \1/p' <<<"$download")
	fi
	[[ -f $goroot/bin/go ]] || {
		echo "setup: the Go tool could not fetch Go $version$why" >&2
		echo "setup: check that GOPROXY (go env GOPROXY) is reachable, or install Go $version yourself" >&2
		exit 1
	}
	rm -rf "$HOME/.local/go"
	mkdir -p "$HOME/.local"
	cp -R "$goroot" "$HOME/.local/go"
	chmod -R u+w "$HOME/.local/go"
	# A toolchain module's zip keeps no file modes.
	chmod +x "$HOME/.local/go/bin/"* "$HOME/.local/go/pkg/tool/"*/* 2>/dev/null || true
	go version >&2
fi
