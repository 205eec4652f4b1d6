#!/usr/bin/env bash
# Time `paiban watch` rebuilds on bench-16 (issue 6: one changed page ≤ 100 ms).
#
#   bench/watch.sh            # 9 edits, prints each rebuild and the median
#   EDITS=15 ISSUE=bench-16 PAIBAN=target/release/paiban bench/watch.sh
#
# Copies the issue (and the sample photo it places, the layouts, fonts and profile as
# links) into a temporary tree, starts `paiban watch` there, then edits one article
# EDITS times: alternately adds and removes a comma the issue already uses (so the font
# subsets stay the same and only that article's page is rebuilt). Every few edits it also
# adds a character the issue has never used (every page is rebuilt: the subsets are
# issue-wide). The times are the ones watch prints ("rebuilt … in N ms").
set -euo pipefail
cd "$(dirname "$0")/.."
EDITS=${EDITS:-9}
ISSUE=${ISSUE:-bench-16}
if [ -z "${PAIBAN:-}" ]; then cargo build --release --quiet; PAIBAN=target/release/paiban; fi
PAIBAN=$(cd "$(dirname "$PAIBAN")" && pwd)/$(basename "$PAIBAN")
TMP=$(mktemp -d /tmp/paiban-watch.XXXXXX)
trap 'kill "$WPID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
mkdir -p "$TMP/samples" "$TMP/layouts"
cp -r "samples/$ISSUE" samples/zhangzhou-2022-10 "$TMP/samples/"
cp layouts/*.toml "$TMP/layouts/"
ln -s "$PWD/fonts" "$TMP/fonts"; ln -s "$PWD/icc" "$TMP/icc"
cd "$TMP/samples/$ISSUE"
art=$(ls articles | sed -n 3p)
"$PAIBAN" watch issue.toml -o "$TMP/out" >"$TMP/watch.log" 2>&1 &
WPID=$!
wait_for() {  # n: waits until the log holds n rebuild lines
  for _ in $(seq 100); do
    [ "$(grep -ac 'rebuilt' "$TMP/watch.log")" -ge "$1" ] && return 0; sleep 0.1
  done
  echo "watch did not rebuild (log: $TMP/watch.log)" >&2; exit 1
}
wait_for 1
line=$(grep -n '，' "articles/$art" | tail -1 | cut -d: -f1)
for ((i = 1; i <= EDITS; i++)); do
  sleep 0.6   # past the watcher's debounce
  if (( i % 2 )); then sed -i "${line}s/，/，，/" "articles/$art"; else sed -i "${line}s/，，/，/" "articles/$art"; fi
  wait_for $((i + 1))
done
sleep 0.6; echo "龘" >>"articles/$art"; wait_for $((EDITS + 2))
kill "$WPID" 2>/dev/null || true
times=$(tr -d '\r' <"$TMP/watch.log" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' | grep -ao 'rebuilt.*' )
echo "$times" | sed -n "2,$((EDITS + 1))p" | sed 's/^rebuilt \([^,]*\), .* in \([0-9]*\) ms/\1 \2 ms/' | sed 's/^/edit: /'
echo "$times" | tail -1 | sed 's/^rebuilt .*(all pages).* in \([0-9]*\) ms/new character (all pages): \1 ms/'
med=$(echo "$times" | sed -n "2,$((EDITS + 1))p" | grep -o '[0-9]* ms$' | cut -d' ' -f1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median one-page rebuild: $med ms ($EDITS edits of $ISSUE/articles/$art; load $(cut -d' ' -f1 /proc/loadavg))"
