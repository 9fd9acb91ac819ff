#!/usr/bin/env bash
# Prints the deb-src entry (deb822) that setup.sh adds so that `apt-get source` can fetch Dear
# ImGui's sources: the mirror, release and key of this machine's own entry for the release's
# main component, so it works behind any mirror (a proxy, a snapshot, a local copy). Reads both
# formats apt does: one-line (sources.list, sources.list.d/*.list) and deb822
# (sources.list.d/*.sources). Fails, printing nothing, when no entry serves `main`.
#
#   deb_src_entry.sh [APT_DIR (/etc/apt)] [OS_RELEASE (/etc/os-release)]
set -euo pipefail
apt=${1:-/etc/apt}
os_release=${2:-/etc/os-release}
codename=$( (. "$os_release" && echo "${VERSION_CODENAME:-}") 2>/dev/null || true)

files=()
for f in "$apt/sources.list" "$apt"/sources.list.d/*.list "$apt"/sources.list.d/*.sources; do
  [ -f "$f" ] && files+=("$f")
done
[ ${#files[@]} -gt 0 ] || exit 1

# Every binary entry, one line each: URI, suite, components, key file (- when none).
entries() {
  awk '
    function flush(   i, j, n, m, uri, suite) {
      if (types ~ /(^| )deb( |$)/ && enabled != "no") {
        n = split(uris, uri, " "); m = split(suites, suite, " ")
        for (i = 1; i <= n; ++i) for (j = 1; j <= m; ++j)
          print uri[i] "\t" suite[j] "\t" components "\t" (key == "" ? "-" : key)
      }
      types = uris = suites = components = key = enabled = ""; field = ""
    }
    FNR == 1 { if (NR > 1) flush(); deb822 = FILENAME ~ /\.sources$/ }
    /^[ \t]*#/ { next }
    deb822 && /^[ \t]*$/ { flush(); next }
    deb822 && /^[ \t]/ { if (field == "signed-by") key = "-"; next }  # an inline key: no file
    deb822 {
      field = tolower(substr($0, 1, index($0, ":") - 1)); value = substr($0, index($0, ":") + 1)
      gsub(/^[ \t]+|[ \t]+$/, "", value)
      if (field == "types") types = value; else if (field == "uris") uris = value
      else if (field == "suites") suites = value; else if (field == "components") components = value
      else if (field == "signed-by") key = value; else if (field == "enabled") enabled = tolower(value)
      next
    }
    $1 == "deb" {  # deb [option=value ...] URI SUITE COMPONENT...
      line = $0; options = ""
      sub(/^[ \t]+/, "", line); sub(/[ \t]+#.*/, "", line)
      if (match(line, /\[[^]]*\]/)) { options = substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, 1, RSTART - 1) substr(line, RSTART + RLENGTH) }
      n = split(line, word, /[ \t]+/)
      if (n < 4) next
      types = "deb"; uris = word[2]; suites = word[3]; components = word[4]
      for (i = 5; i <= n; ++i) components = components " " word[i]
      if (match(options, /signed-by=[^ \t]+/)) key = substr(options, RSTART + 10, RLENGTH - 10)
      flush()
    }
    END { flush() }
  ' "${files[@]}"
}

# The release's own entry (not -updates or -security) that serves main.
pick() {
  awk -F '\t' -v codename="$codename" '
    (" " $3 " ") !~ / main / { next }
    codename != "" && $2 == codename { print; found = 1; exit }
    codename == "" && $2 !~ /[-\/]/ { print; found = 1; exit }
    END { exit !found }'
}

IFS=$'\t' read -r uri suite _ key < <(entries | pick) || exit 1
printf '%s\n' 'Types: deb-src' "URIs: $uri" "Suites: $suite" 'Components: main'
[ "$key" = - ] || printf 'Signed-By: %s\n' "$key"
