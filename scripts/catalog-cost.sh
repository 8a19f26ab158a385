#!/usr/bin/env bash
# `make catalog-cost`: what a large catalog costs a help-center build.
#
#   PAGES=2000 OFFERS=10000 RUNS=3 scripts/catalog-cost.sh
#
# Generates two corpora that differ only in the catalog (PAGES guides without a catalog, and the
# same PAGES guides with OFFERS offers), builds each RUNS times with the release binary, taking
# turns, and prints the medians: wall time, CPU time, and the steps of `kontor build --verbose`
# that make the help center (content, Markdown, search sections, help pages) next to the
# catalog's own steps — once for clean builds and once for a rebuild after editing one guide
# (the help center's editing loop, where an unchanged catalog is reused). KONTOR_BIN times an already built binary; SETTLE (seconds, default 370)
# is the pause after removing old outputs (see scripts/bench.sh for why).
set -euo pipefail

cd "$(dirname "$0")/.."
PAGES=${PAGES:-2000}
OFFERS=${OFFERS:-10000}
RUNS=${RUNS:-3}
OUT=bench-out/catalog-cost

die() { echo "catalog-cost: error: $*" >&2; exit 1; }
note() { echo "catalog-cost: $*" >&2; }

[[ $PAGES =~ ^[0-9]+$ ]] && ((PAGES >= 2)) || die "PAGES must be a whole number ≥ 2 (got '$PAGES')"
[[ $OFFERS =~ ^[0-9]+$ ]] && ((OFFERS >= 1)) || die "OFFERS must be a whole number ≥ 1 (got '$OFFERS')"
[[ $RUNS =~ ^[0-9]+$ ]] && ((RUNS >= 1 && RUNS <= 50)) || die "RUNS must be between 1 and 50 (got '$RUNS')"
[[ ${SETTLE:-370} =~ ^[0-9]+$ ]] || die "SETTLE must be a number of seconds (got '$SETTLE')"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) is missing; 'make bench' installs it"

if [[ -n ${KONTOR_BIN:-} ]]; then
    KONTOR=$KONTOR_BIN
else
    note "building kontor (release)"
    swift build -c release --product kontor >/dev/null
    KONTOR="$(swift build -c release --show-bin-path)/kontor"
fi

mkdir -p "$OUT"
for offers in 0 "$OFFERS"; do
    corpus=$OUT/corpus-$PAGES-$offers
    if [[ ! -d $corpus/docs ]]; then
        note "generating $PAGES pages with $offers offers"
        python3 scripts/gen-bench-corpus.py "$corpus" --pages "$PAGES" --offers "$offers" >/dev/null
    fi
done

rm -rf "$OUT"/site-* "$OUT"/.site-*
sync
note "waiting ${SETTLE:-370} s for the file system to settle after removing old outputs"
sleep "${SETTLE:-370}"

results=$OUT/results.tsv
: >"$results"
# One timed build: label, run, corpus, output. Appends a row of wall, CPU and verbose steps.
timed_build() {
    local label=$1 run=$2 corpus=$3 output=$4
    local log=$OUT/build-$label-$run.log
    local start=$EPOCHREALTIME
    /usr/bin/time -f 'cpu %U %S' -o "$log.time" "$KONTOR" build --content "$corpus" \
        --templates templates --output "$output" --verbose >"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "build failed (log: $log)"; }
    local end=$EPOCHREALTIME
    python3 - "$label" "$run" "$start" "$end" "$log" "$log.time" >>"$results" <<'EOF'
import re, sys
offers, run, start, end, log, timing = sys.argv[1:]
steps = {}
for line in open(log, encoding="utf-8"):
    match = re.match(r"kontor: +(.*) \((\d+) ms(?:, CPU [\d.]+ s)?\)$", line.rstrip())
    if match:
        # "search index of 12000 documents" → "search index"; "wrote site (unbranded): …" → "wrote site (unbranded)"
        name = re.split(r" (?:of|for) \d|:", match.group(1))[0].strip()
        # A reused catalog is the same step under a longer name.
        name = name.replace(" (linked from the previous build)", "")
        steps[name] = int(match.group(2)) / 1000
user, system = open(timing).read().split()[1:3]
fields = [offers, run, f"{float(end) - float(start):.3f}", f"{float(user) + float(system):.2f}"]
fields += [f"{name}={seconds:.3f}" for name, seconds in steps.items()]
print("\t".join(fields))
EOF
}

for run in $(seq 1 "$RUNS"); do
    for offers in 0 "$OFFERS"; do
        corpus=$OUT/corpus-$PAGES-$offers
        timed_build "$offers" "$run" "$corpus" "$OUT/site-$offers-$run"
        # The editing loop: one guide changed, rebuilt into the same output (caches in place).
        guide=$(find "$corpus/docs" -name '*.md' | sort | sed -n 2p)
        cp "$guide" "$OUT/edited-guide.orig"
        trap 'cp "$OUT/edited-guide.orig" "$guide"' EXIT
        printf '\nEin geänderter Absatz, Lauf %s.\n' "$run" >>"$guide"
        timed_build "$offers-edit" "$run" "$corpus" "$OUT/site-$offers-$run"
        cp "$OUT/edited-guide.orig" "$guide"
        trap - EXIT
        note "offers=$offers run $run done"
    done
done

python3 - "$results" "$PAGES" "$OFFERS" <<'EOF'
import statistics, sys
path, pages, offers = sys.argv[1:]
rows = {}
for line in open(path):
    fields = line.rstrip("\n").split("\t")
    rows.setdefault(fields[0], []).append(fields)
def medians(group):
    wall = statistics.median(float(f[2]) for f in group)
    cpu = statistics.median(float(f[3]) for f in group)
    steps = {}
    for f in group:
        for item in f[4:]:
            name, value = item.rsplit("=", 1)
            steps.setdefault(name, []).append(float(value))
    return wall, cpu, {name: statistics.median(values) for name, values in steps.items()}
for title, without_label, with_label in [("clean build", "0", offers), ("after editing one guide", "0-edit", offers + "-edit")]:
    without, with_ = medians(rows[without_label]), medians(rows[with_label])
    print(f"\n{title}\n")
    print(f"| {pages} guides | without catalog | with {offers} offers |")
    print("| --- | ---: | ---: |")
    print(f"| wall (median) | {without[0]:.2f} s | {with_[0]:.2f} s |")
    print(f"| CPU (user + sys) | {without[1]:.2f} s | {with_[1]:.2f} s |")
    for name in with_[2]:
        print(f"| {name} | {without[2].get(name, 0):.2f} s | {with_[2][name]:.2f} s |")
EOF
