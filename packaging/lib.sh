# lib.sh - what check-install.sh and check-package.sh share. Sourced, not run.
# shellcheck shell=bash

# shellcheck disable=SC2034 # used by the scripts that source this
id=dev.corepath.app

fail() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# validate_desktop FILE: desktop-file-validate, failing on its errors and warnings too. Its one
# hint is expected: Education and Office are both main categories, so menus list Corepath twice.
validate_desktop() {
	local out
	out=$(desktop-file-validate "$1" 2>&1) || fail "desktop-file-validate $1: $out"
	if grep -Eq ': (error|warning): ' <<<"$out"; then fail "desktop-file-validate $1: $out"; fi
	return 0
}

# check_png FILE SIZE: FILE is a SIZE×SIZE PNG (its IHDR chunk holds the width and height).
check_png() {
	local file=$1 size=$2 b w h
	[[ -f $file ]] || fail "no $file"
	read -ra b < <(od -An -tu1 -j16 -N8 "$file")
	w=$((b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]))
	h=$((b[4] << 24 | b[5] << 16 | b[6] << 8 | b[7]))
	((w == size && h == size)) || fail "$file is ${w}×$h, not ${size}×$size"
}

# check_version VERSION COMMAND...: COMMAND --version says "corepath VERSION", and the commit
# after it when built from git.
check_version() {
	local version=$1 out
	shift
	out=$("$@" --version | tr -d '\r') || fail "$* --version failed"
	[[ $out == "corepath $version" || $out == "corepath $version ("*")" ]] ||
		fail "$* --version says \"$out\", not corepath $version"
}
