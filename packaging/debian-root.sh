#!/usr/bin/env bash
# debian-root.sh SUITE NAME [PACKAGE...] - print the path of a Debian SUITE root (debootstrap's
# minbase) with PACKAGEs installed, kept in the CI cache folder under NAME so that a second run
# reuses it; make it when it is missing or was made with other packages. Needs root.
#   COREPATH_CI_CACHE   the cache folder (default /var/cache/corepath-ci)
#   COREPATH_MIRROR     the Debian mirror (default: the one apt on this machine uses for Debian)
# Sourced by the other scripts for in_root (run a command inside a root with /proc mounted).
set -euo pipefail

cache=${COREPATH_CI_CACHE:-/var/cache/corepath-ci}

# debian_mirror: the mirror that this machine's apt sources name for the Debian archive itself
# (not its security or update suites), so that no address is written in the project.
debian_mirror() {
	if [[ -n ${COREPATH_MIRROR:-} ]]; then
		echo "$COREPATH_MIRROR"
		return
	fi
	local codename site
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	site=$(apt-get indextargets --format '$(RELEASE) $(REPO_URI)' 'Created-By: Packages' 2>/dev/null |
		awk -v c="$codename" '$1 == c { print $2; exit }')
	[[ -n $site ]] || {
		echo "debian-root: apt names no mirror for this machine's release ($codename); set COREPATH_MIRROR" >&2
		return 1
	}
	echo "$site"
}

# in_root DIR [--bind HOSTDIR]... COMMAND...: run COMMAND inside DIR with /proc mounted (and
# HOSTDIRs bound at the same path), then unmount what this call mounted (a call running beside
# it may have mounted the rest), whatever COMMAND does.
in_root() {
	local dir=$1 binds=() mounted=() status=0 b m
	shift
	while [[ ${1:-} == --bind ]]; do
		binds+=("$2")
		shift 2
	done
	if ! mountpoint -q "$dir/proc"; then
		mount -t proc proc "$dir/proc" && mounted+=("$dir/proc")
	fi
	for b in "${binds[@]}"; do
		if ! mountpoint -q "$dir$b"; then
			mkdir -p "$dir$b"
			mount --bind "$b" "$dir$b" && mounted+=("$dir$b")
		fi
	done
	chroot "$dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@" || status=$?
	for m in "${mounted[@]}"; do
		umount "$m" 2>/dev/null || umount -l "$m"
		[[ $m == */proc ]] || rmdir "$m" 2>/dev/null || true # a bind's mount point, if empty
	done
	return "$status"
}

# unmount_under DIR: unmount whatever is still mounted inside DIR (a run that was killed leaves
# its binds), so that deleting DIR never deletes through a bind into the host.
unmount_under() {
	findmnt -rn -o TARGET | { grep "^$1/" || true; } | sort -r | while read -r m; do umount -l "$m"; done
}

# make_root SUITE NAME PACKAGE...: the root's path on stdout; everything else on stderr.
make_root() {
	local suite=$1 name=$2
	shift 2
	local dir=$cache/roots/$name want
	want="$suite ${*:-}"
	if [[ -f $dir/.corepath-root && $(cat "$dir/.corepath-root") == "$want" ]]; then
		echo "$dir"
		return
	fi
	command -v debootstrap >/dev/null || {
		echo "debian-root: installing debootstrap" >&2
		apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
	}
	local mirror tmp
	mirror=$(debian_mirror)
	tmp=$dir.new
	unmount_under "$tmp"
	unmount_under "$dir"
	rm -rf --one-file-system "$tmp" "$dir"
	mkdir -p "$cache/roots"
	echo "debian-root: making a Debian $suite root in $dir (once: later runs reuse it)" >&2
	debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >"$cache/roots/$name.log" 2>&1 || {
		tail -n 20 "$cache/roots/$name.log" >&2
		echo "debian-root: debootstrap $suite failed; its log is $cache/roots/$name.log" >&2
		return 1
	}
	if (($#)); then
		echo "debian-root: installing $* in it" >&2
		in_root "$tmp" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"' \
			sh "$@" >>"$cache/roots/$name.log" 2>&1 || {
			tail -n 20 "$cache/roots/$name.log" >&2
			echo "debian-root: installing $* failed; the log is $cache/roots/$name.log" >&2
			return 1
		}
	fi
	in_root "$tmp" apt-get clean
	echo "$want" >"$tmp/.corepath-root"
	mv "$tmp" "$dir"
	echo "$dir"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	(($# >= 2)) || {
		sed -n '2,7p' "$0" >&2
		exit 2
	}
	((EUID == 0)) || {
		echo "debian-root: needs root (debootstrap and chroot)" >&2
		exit 1
	}
	make_root "$@"
fi
