#!/usr/bin/env bash
# setup.sh run|install|test|bench - install what Corepath needs on Debian or Ubuntu, and nothing
# already there.
#   run:     a C compiler and the X11/OpenGL/Wayland headers that Fyne's cgo driver builds against,
#            and Go if it is missing or older than go.mod asks for.
#   install: the same, plus rsvg-convert to draw the icon at the desktop's sizes.
#   test:    the same, plus Xvfb and friends to start the real app without a display (and a
#            D-Bus session bus for its tray and notifications), and the validators of the desktop
#            entry and the AppStream metadata.
#   bench:   run's, Xvfb's, and Timewarrior to measure against.
# It uses apt-get as root, or through sudo when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(gcc libc6-dev pkg-config libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev
	libxxf86vm-dev libgl-dev libwayland-dev libxkbcommon-dev libegl-dev)
install_pkgs=(librsvg2-bin)
xvfb_pkgs=(xvfb xauth x11-apps x11-utils netpbm xdotool dbus dbus-x11)
validate_pkgs=(desktop-file-utils appstream)
go_pkgs=(curl unzip ca-certificates)

want=("${build_pkgs[@]}")
case ${1:-run} in
run) ;;
install) want+=("${install_pkgs[@]}") ;;
test) want+=("${install_pkgs[@]}" "${xvfb_pkgs[@]}" "${validate_pkgs[@]}") ;;
bench) want+=("${xvfb_pkgs[@]}" timewarrior) ;;
*)
	echo "usage: setup.sh run|install|test|bench" >&2
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
	# Go publishes its toolchains as modules on the Go module proxy; fetch the one go.mod names.
	arch=$(dpkg --print-architecture)
	version=$go_version
	[[ $version == *.*.* ]] || version=$version.0
	url="https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go$version.linux-$arch.zip"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	echo "setup: installing Go $version into ~/.local/go" >&2
	curl -fsSL -o "$tmp/go.zip" "$url"
	unzip -q "$tmp/go.zip" -d "$tmp"
	rm -rf "$HOME/.local/go"
	mkdir -p "$HOME/.local"
	mv "$tmp/golang.org/toolchain@v0.0.1-go$version.linux-$arch" "$HOME/.local/go"
	chmod +x "$HOME/.local/go/bin/"* "$HOME/.local/go/pkg/tool/"*/* 2>/dev/null || true
	go version >&2
fi
