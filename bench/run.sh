#!/usr/bin/env bash
# Benchmark paiban on the generated benchmark issues (issue 6), with public tools only.
#
#   bench/run.sh                 # 1/4/16/100 pages, 5 runs each, medians
#   RUNS=9 SIZES="16 100" bench/run.sh
#
# For each issue it reports the median wall time, CPU time and peak RSS over RUNS runs of
# `paiban build ISSUE -o DIR --timings` under GNU time (`/usr/bin/time -v`), and the
# median of each stage that `--timings` prints (load, layout = shape + break + compose,
# write-pdf, write). With hyperfine installed it also prints hyperfine's summary.
# With a `typst` binary on PATH (or TYPST=..., or else the typst Python package through
# bench/typst-py.py), it compiles ../shared/bench/news.typ on
# the same corpus the way ../shared/bench/run-peers.sh does, alternating paiban and typst
# run by run (A/B pairs), and prints the median of the per-pair ratios.
#
# Then it times watch rebuilds with bench/watch.sh (WATCH=0 skips them).
#
# Environment: PAIBAN (binary; default: cargo build --release, target/release/paiban),
# RUNS (5), SIZES ("1 4 16 100"), OUT (directory for outputs, default a temp dir),
# TYPST (typst binary), GNU_TIME (/usr/bin/time). bench-100 is generated on demand by
# samples/bench/make-bench.py (it is not committed: 3 MB of text).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1 4 16 100"}
GNU_TIME=${GNU_TIME:-/usr/bin/time}
OUT=${OUT:-$(mktemp -d /tmp/paiban-bench.XXXXXX)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
SHARED=${SHARED:-../shared/bench}
if [ -z "${PAIBAN:-}" ]; then
  cargo build --release --quiet
  PAIBAN=target/release/paiban
fi
TYPST=${TYPST:-$(command -v typst || true)}
# No typst binary: the typst Python package (pip install typst) bundles the same compiler.
if [ -z "$TYPST" ] && python3 -c 'import typst' 2>/dev/null; then TYPST=$PWD/bench/typst-py.py; fi
# The peers' sources name Noto Serif/Sans CJK SC: the fonts in fonts/ unless told otherwise.
export TYPST_FONT_PATHS=${TYPST_FONT_PATHS:-$PWD/fonts}
# An older paiban without --timings (e.g. main before issue 6) is timed as a whole.
TIMINGS=--timings
"$PAIBAN" build --help 2>/dev/null | grep -q -- --timings || TIMINGS=
for n in $SIZES; do
  [ -f "samples/bench-$n/issue.toml" ] || { PAIBAN=$PAIBAN python3 samples/bench/make-bench.py >/dev/null; break; }
done

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# time_run LOG CMD...: runs CMD under GNU time; prints "wall cpu rss_mb"
time_run() {
  local log=$1; shift
  "$GNU_TIME" -v -o "$OUT/time.txt" "$@" >"$log" 2>&1 || { echo "FAILED: $* (see $log)" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; w = s}
              /User time|System time/ {c += $2}
              /Maximum resident set size/ {r = $2 / 1024}
              END {printf "%.3f %.3f %.1f\n", w, c, r}' "$OUT/time.txt"
}
stage() { awk -v k="$1" '$1 == k {print $2}' "$2"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); date: $(date -u +%FT%TZ)"
echo "paiban: $($PAIBAN --version 2>/dev/null || echo "$PAIBAN"); runs: $RUNS (medians); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| issue | pages | wall s | CPU s | peak RSS MB | load | layout | (shape cpu | break cpu | compose cpu) | write-pdf | write | PDF MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  issue=samples/bench-$n/issue.toml
  "$PAIBAN" build "$issue" -o "$OUT/b$n" >/dev/null 2>&1   # warm the page cache
  : >"$OUT/runs-$n.txt"; : >"$OUT/stages-$n.txt"
  for ((i = 1; i <= RUNS; i++)); do
    time_run "$OUT/log-$n.txt" "$PAIBAN" build "$issue" -o "$OUT/b$n" $TIMINGS >>"$OUT/runs-$n.txt"
    for k in load layout shape break compose write-pdf write; do
      echo "$k $(stage "$k" "$OUT/log-$n.txt")"
    done >>"$OUT/stages-$n.txt"
  done
  col() { awk -v c="$1" '{print $c}' "$OUT/runs-$n.txt" | median; }
  st() { awk -v k="$1" '$1 == k {print $2}' "$OUT/stages-$n.txt" | median; }
  pages=$(python3 -c "import tomllib,sys; print(len(tomllib.load(open(sys.argv[1],'rb'))['pages']))" "$issue")
  mb=$(du -cb "$OUT/b$n"/*.pdf | awk 'END {printf "%.1f", $1/1048576}')
  printf "| bench-%s | %s | %.3f | %.3f | %.0f | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$n" "$pages" \
    "$(col 1)" "$(col 2)" "$(col 3)" "$(st load)" "$(st layout)" "$(st shape)" "$(st break)" \
    "$(st compose)" "$(st write-pdf)" "$(st write)" "$mb"
done
echo "(stage columns: milliseconds, medians; shape/break/compose are CPU time summed over threads)"

if command -v hyperfine >/dev/null; then
  echo
  args=()
  for n in $SIZES; do args+=(-n "bench-$n" "$PAIBAN build samples/bench-$n/issue.toml -o $OUT/h$n"); done
  hyperfine --warmup 1 --runs "$RUNS" --style basic "${args[@]}" 2>&1 | grep -v '^$'
fi

if [ -n "$TYPST" ]; then
  echo
  echo "typst: $($TYPST --version); A/B pairs, $RUNS runs each (run-peers.sh's command line)"
  case $TYPST in *typst-py.py)
    "$GNU_TIME" -f "%e" -o "$OUT/py.txt" python3 -c 'import typst'
    echo "(through the Python package: starting Python and loading it takes $(cat "$OUT/py.txt") s of each typst run)" ;;
  esac
  echo "| doc | paiban issue | paiban wall s | typst wall s | typst RSS MB | median ratio typst/paiban |"
  echo "|---|---|---:|---:|---:|---:|"
  for n in $SIZES; do
    case $n in 16) doc=p16 ;; 100) doc=p100 ;; 1) doc=p1 ;; *) continue ;; esac
    : >"$OUT/ab-$n.txt"
    for ((i = 1; i <= RUNS; i++)); do
      a=$(time_run "$OUT/ab.log" "$PAIBAN" build "samples/bench-$n/issue.toml" -o "$OUT/ab$n")
      b=$(cd "$SHARED" && "$GNU_TIME" -v -o "$OUT/tt.txt" "$TYPST" compile --root . --input "doc=docs/$doc.txt" news.typ "$OUT/$doc-typst.pdf" >"$OUT/typst.log" 2>&1; \
          awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; w = s}
                      /Maximum resident set size/ {r = $2 / 1024} END {printf "%.3f %.1f\n", w, r}' "$OUT/tt.txt")
      echo "${a%% *} $b" >>"$OUT/ab-$n.txt"
    done
    printf "| %s | bench-%s | %.3f | %.3f | %.0f | %.1f× |\n" "$doc" "$n" \
      "$(awk '{print $1}' "$OUT/ab-$n.txt" | median)" "$(awk '{print $2}' "$OUT/ab-$n.txt" | median)" \
      "$(awk '{print $3}' "$OUT/ab-$n.txt" | median)" "$(awk '{print $2 / $1}' "$OUT/ab-$n.txt" | median)"
  done
else
  echo
  echo "typst: not on PATH (set TYPST=/path/to/typst for the side-by-side comparison)"
fi
if [ "${WATCH:-1}" != 0 ] && [ -f samples/bench-16/issue.toml ]; then
  echo
  echo "watch (bench/watch.sh): one article of bench-16 edited, rebuild times as watch prints them"
  PAIBAN=$PAIBAN bench/watch.sh
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); outputs in $OUT"
