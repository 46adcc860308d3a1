#!/usr/bin/env bash
# build-deb.sh DEB - "make deb": the Debian package of the release build, in DEB
# (corepath_VERSION_ARCH.deb). Its files are "make install PREFIX=/usr"'s (both binaries, the
# desktop entry, the icons, the AppStream metadata) plus a manual page made from "corepath help",
# the changelog and the copyright file with the licence of every Go module linked in. Its
# dependencies are dpkg-shlibdeps's: the runtime libraries the app links, never -dev packages.
#   DEBFULLNAME, DEBEMAIL   the maintainer (default: the author of the commit built)
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(realpath -m "$1")
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
arch=$(dpkg --print-architecture)
homepage=$(sed -n 's/^Website *= *"\(.*\)"/\1/p' FyneApp.toml)
if [[ -n ${DEBEMAIL:-} ]]; then
	maintainer="${DEBFULLNAME:-Corepath developers} <$DEBEMAIL>"
else
	maintainer=$(git log -1 --format='%an <%ae>')
fi

work=build/deb
stage=$work/root
rm -rf "$work"
mkdir -p "$stage" "$(dirname "$deb")"
# The release build as position-independent executables (Debian's hardening), in a folder of
# its own so that dist/ keeps make release's.
GOFLAGS="-buildmode=pie" make --no-print-directory install DIST="$work/dist" DESTDIR="$stage" PREFIX=/usr >"$work/install.log"

doc=$stage/usr/share/doc/corepath
man=$stage/usr/share/man/man1
mkdir -p "$doc" "$man"
date=$(git log -1 --format=%aD 2>/dev/null || date -R)

# The manual page: "corepath help" as it is, under the sections man expects.
{
	echo ".TH COREPATH 1 \"$(date -d "$date" +%Y-%m-%d)\" \"corepath $version\" \"User Commands\""
	echo ".SH NAME"
	echo "corepath, corepath-app \\- track your path to Core Network Engineer"
	echo ".SH SYNOPSIS"
	echo ".B corepath"
	echo "[\\-\\-data DIR] [COMMAND [ARGS] [FLAGS]]"
	echo ".SH DESCRIPTION"
	echo ".nf"
	"$stage/usr/bin/corepath" help | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/"
	echo ".fi"
	echo ".SH FILES"
	echo "The data folder, ~/.config/fyne/dev.corepath.app, holds corepath.db and its backups;"
	echo "removing the package leaves it in place."
} | gzip -9n >"$man/corepath.1.gz"
echo ".so man1/corepath.1" | gzip -9n >"$man/corepath-app.1.gz"

printf '%s\n' "corepath ($version) unstable; urgency=medium" "" \
	"  * Corepath $version, built from $(git rev-parse --short HEAD 2>/dev/null || echo "a source tree")." "" \
	" -- $maintainer  $date" | gzip -9n >"$doc/changelog.gz"

# The copyright file: Corepath's, then each linked Go module's licence from the module cache.
modcache=$(go env GOMODCACHE)
{
	echo "Corepath: $homepage"
	echo "Copyright: the Corepath developers."
	echo
	echo "The corepath and corepath-app binaries are statically linked with these Go modules,"
	echo "whose licences follow."
	go version -m "$stage/usr/bin/corepath-app" "$stage/usr/bin/corepath" | awk '$1 == "dep" { print $2, $3 }' |
		sort -u | while read -r path modversion; do
		# The module cache spells an upper-case letter as ! and the letter in lower case.
		escaped=$(sed 's/[A-Z]/!\L&/g' <<<"$path")
		licence=$(find "$modcache/$escaped@$modversion" -maxdepth 1 -iname 'LICEN[CS]E*' -o -maxdepth 1 -iname 'COPYING*' | sort | head -n 1)
		[[ -n $licence ]] || { echo "build-deb: no licence file for $path $modversion in the module cache" >&2; exit 1; }
		echo
		echo "Files: $path $modversion"
		if grep -q 'Apache License' "$licence" && grep -q 'Version 2.0' "$licence"; then
			echo " Apache License 2.0: /usr/share/common-licenses/Apache-2.0"
		else
			sed 's/^/ /; s/^ $/ ./' "$licence"
		fi
	done
	echo
	echo "Files: the Go standard library and runtime, $(go env GOVERSION)"
	sed 's/^/ /; s/^ $/ ./' "$(go env GOROOT)/LICENSE"
} >"$doc/copyright"

# Dependencies: dpkg-shlibdeps wants a debian/control beside the files it looks at.
mkdir -p "$work/debian"
printf 'Source: corepath\n\nPackage: corepath\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O root/usr/bin/corepath-app root/usr/bin/corepath 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
[[ -n $depends ]] || { echo "build-deb: dpkg-shlibdeps found no dependencies for corepath-app" >&2; exit 1; }
# GLFW loads the X11 and Wayland client libraries at run time, where dpkg-shlibdeps cannot see
# them: name the packages that hold the libraries GLFW asks for (its src/*_init.c).
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for so in libX11.so.6 libX11-xcb.so.1 libXcursor.so.1 libXext.so.6 libXi.so.6 libXinerama.so.1 \
	libXrandr.so.2 libXrender.so.1 libXxf86vm.so.1 libxkbcommon.so.0 libwayland-cursor.so.0 \
	libwayland-egl.so.1 libEGL.so.1; do
	pkg=$(dpkg -S "/usr/lib/$multiarch/$so" 2>/dev/null | head -n 1 | cut -d: -f1) ||
		true
	[[ -n $pkg ]] || { echo "build-deb: no installed package holds $so; run scripts/setup.sh platforms" >&2; exit 1; }
	depends+=", $pkg"
done

install -Dm644 packaging/deb/lintian-overrides "$stage/usr/share/lintian/overrides/corepath"
mkdir -p "$stage/DEBIAN"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
cat >"$stage/DEBIAN/control" <<EOF
Package: corepath
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: education
Priority: optional
Homepage: $homepage
Description: track your path to Core Network Engineer
 Corepath tracks the study that leads to a Core Network Engineer role: a
 bachelor's degree (courses, credits, GPA), the skills the role needs (TCP/IP,
 OSPF, BGP, MPLS, design, troubleshooting, automation, security) and the Cisco
 CCIE Service Provider path, with the exam blueprints and their weights.
 .
 It has a desktop app (corepath-app) and a command line (corepath) that share
 one local store; the command line works while the app is open.
EOF
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
ls -l "$deb"
