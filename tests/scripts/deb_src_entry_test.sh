#!/usr/bin/env bash
# scripts/deb_src_entry.sh on scratch apt folders (never the machine's): the deb-src entry copies
# the mirror, release and key of the release's main entry, from either format apt reads.
#   deb_src_entry_test.sh SOURCE_DIR
set -u
script=$1/scripts/deb_src_entry.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# case NAME OS_CODENAME EXPECTED: runs the script on $work/NAME (its files written beforehand).
case_() {
  local name=$1 codename=$2 expected=$3 got
  printf 'VERSION_CODENAME=%s\n' "$codename" >"$work/$name/os-release"
  got=$(bash "$script" "$work/$name" "$work/$name/os-release" 2>&1)
  if [ "$got" != "$expected" ]; then
    printf 'FAIL %s\n  expected:\n%s\n  got:\n%s\n' "$name" "$expected" "$got"
    failures=$((failures + 1))
  else
    echo "ok: $name"
  fi
}
apt_dir() { mkdir -p "$work/$1/sources.list.d"; }

# deb822, as Debian 12 installs it, behind a snapshot mirror: security and updates are skipped,
# as are a disabled stanza and an existing deb-src one.
apt_dir deb822
cat >"$work/deb822/sources.list.d/debian.sources" <<'S'
Types: deb-src
URIs: http://elsewhere.example/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
Enabled: no
URIs: http://disabled.example/debian
Suites: bookworm
Components: main

# the release itself
types: deb
uris: http://snapshot.example/archive/debian/20250520T000000Z http://second.example/debian
suites: bookworm-updates bookworm
components: main contrib
signed-by: /usr/share/keyrings/debian-archive-keyring.gpg
S
case_ deb822 bookworm "$(printf '%s\n' 'Types: deb-src' \
  'URIs: http://snapshot.example/archive/debian/20250520T000000Z' 'Suites: bookworm' \
  'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg')"

# One-line format in sources.list, options in brackets, no key for the release's entry.
apt_dir oneline
cat >"$work/oneline/sources.list" <<'S'
# deb http://commented.example/debian bookworm main
deb [arch=amd64 signed-by=/etc/apt/keyrings/other.gpg] http://mirror.example/debian-security bookworm-security main
  deb [ arch=amd64 ] http://proxy.example:3142/debian bookworm main non-free  # apt-cacher
S
case_ oneline bookworm "$(printf '%s\n' 'Types: deb-src' 'URIs: http://proxy.example:3142/debian' \
  'Suites: bookworm' 'Components: main')"

# One-line in sources.list.d/*.list with signed-by; another release's name (trixie).
apt_dir listd
printf 'deb [signed-by=/k.gpg] https://local.example/debian trixie main\n' \
  >"$work/listd/sources.list.d/local.list"
printf 'deb https://other.example/debian trixie contrib\n' >"$work/listd/sources.list"
case_ listd trixie "$(printf '%s\n' 'Types: deb-src' 'URIs: https://local.example/debian' \
  'Suites: trixie' 'Components: main' 'Signed-By: /k.gpg')"

# No codename known: the first entry that is no -updates or -security suite.
apt_dir nocodename
printf 'deb http://a.example/debian stable-updates main\ndeb http://b.example/debian stable main\n' \
  >"$work/nocodename/sources.list"
case_ nocodename "" "$(printf '%s\n' 'Types: deb-src' 'URIs: http://b.example/debian' \
  'Suites: stable' 'Components: main')"

# Nothing serves main: no entry, and a failure.
apt_dir nomain
printf 'deb http://a.example/debian bookworm contrib\n' >"$work/nomain/sources.list"
printf 'VERSION_CODENAME=bookworm\n' >"$work/nomain/os-release"
if out=$(bash "$script" "$work/nomain" "$work/nomain/os-release") || [ -n "$out" ]; then
  echo "FAIL nomain: expected a failure and no output, got: $out"; failures=$((failures + 1))
else
  echo "ok: nomain"
fi
[ $failures -eq 0 ]
