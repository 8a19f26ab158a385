#!/usr/bin/env bash
# `make bench`: times `kontor build` on a generated corpus against cmark, Hugo and Pagefind.
#
#   N=10000 RUNS=3 scripts/bench.sh      (environment: N pages, OFFERS in the price list (default N,
#                                          0 for a help center without catalog), RUNS per tool,
#                                          SEED of the corpus, TIMEOUT seconds per command,
#                                          KONTOR_BIN to time an already built binary, SETTLE
#                                          seconds to wait after removing old outputs, default 370)
#
# Steps: install missing tools (cmark, hugo, GNU time via apt; Pagefind via pip's pagefind-bin),
# build the release binary, generate the corpus into bench-out/ (kept while N and SEED and the
# generator are unchanged), then time each tool RUNS times, printing a Markdown table and
# writing bench-out/bench.json. Wall times are medians; peak memory is the largest resident set
# of any single process of the command (GNU time's "Maximum resident set size").
#
# What is compared:
#   kontor       `kontor build` of the corpus into an empty output folder: help pages, catalog
#                (N offers), search index, link check.
#   cmark        the floor: cmark parses and renders every Markdown file exactly once, on both
#                cores. One process per file would mostly time process start-up, so files go in
#                batches of 200 per cmark process (cmark concatenates its inputs into one
#                document), two processes at a time (xargs -P "$(nproc)"), HTML written to disk.
#   hugo         Hugo building the same Markdown (Hugo front matter, trivial single/list layouts).
#   pagefind     Pagefind indexing Hugo's output (Hugo + Pagefind is what Kontor's build does).
#   incremental  append one sentence to one page, run `kontor build` again over the previous output.
#
# Nothing here listens on a port or talks to the network except the package installs.
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-10000}
OFFERS=${OFFERS:-$N}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
TIMEOUT=${TIMEOUT:-1800}
OUT=bench-out
CORPUS=$OUT/corpus
HUGO_SITE=$OUT/hugo-site
LOGS=$OUT/logs
RESULTS=$OUT/results.tsv

die() { echo "bench: error: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

[[ $N =~ ^[0-9]+$ ]] && ((N >= 2)) || die "N must be a whole number ≥ 2 (got '$N')"
[[ $RUNS =~ ^[0-9]+$ ]] && ((RUNS >= 1 && RUNS <= 50)) || die "RUNS must be between 1 and 50 (got '$RUNS')"
[[ $OFFERS =~ ^[0-9]+$ ]] || die "OFFERS must be a whole number (got '$OFFERS')"
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a whole number (got '$SEED')"
[[ ${SETTLE:-370} =~ ^[0-9]+$ ]] || die "SETTLE must be a number of seconds (got '$SETTLE')"
[[ $TIMEOUT =~ ^[0-9]+$ ]] || die "TIMEOUT must be a number of seconds (got '$TIMEOUT')"

# ---------------------------------------------------------------------------------------------
# Tools

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root (or sudo) to run: $*"
    fi
}

install_tools() {
    local missing=()
    command -v cmark >/dev/null || missing+=(cmark)
    command -v hugo >/dev/null || missing+=(hugo)
    [[ -x /usr/bin/time ]] || missing+=(time)
    if ((${#missing[@]})); then
        command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
        note "installing ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
    fi
    if ! python3 -c "import pagefind_bin" 2>/dev/null; then
        note "installing pagefind-bin (pip)"
        python3 -m pip install --quiet --disable-pip-version-check pagefind-bin
    fi
    PAGEFIND=$(python3 -c "import pagefind_bin; print(pagefind_bin.get_executable())") \
        || die "pagefind-bin is installed but ships no pagefind executable"
    for tool in python3 swift cmark hugo "$PAGEFIND"; do
        command -v "$tool" >/dev/null || die "'$tool' not found"
    done
}

# ---------------------------------------------------------------------------------------------
# Timing: wall time from bash's microsecond clock; peak RSS and CPU time (user + sys of the
# command and its children) from GNU time; the command's output goes to a log.

# run_timed NAME RUN LOG COMMAND... → appends "NAME RUN WALL_SECONDS RSS_KB CPU_SECONDS" to $RESULTS
run_timed() {
    local name=$1 run=$2 log=$3
    shift 3
    local rss_file=$LOGS/$name-$run.rss start end
    start=$EPOCHREALTIME
    if ! /usr/bin/time -f '%M %U %S' -o "$rss_file" timeout "$TIMEOUT" "$@" >"$log" 2>&1; then
        echo "bench: error: $name (run $run) failed; last lines of $log:" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
    end=$EPOCHREALTIME
    local seconds
    seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.4f}')" "$start" "$end")
    local rss user sys
    read -r rss user sys < <(tail -n 1 "$rss_file")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$seconds" "$rss" "$(python3 -c "print(round($user + $sys, 2))")" >>"$RESULTS"
    note "$name run $run: ${seconds}s wall, $((rss / 1024)) MB"
}

# record_index_step RUN LOG → appends the search index step of a verbose `kontor build` log
# ("  search index of N documents, … (T ms, CPU C s)") as the row "index RUN SECONDS 0 0": the index has a
# budget of its own (cmark's wall time), and only the build knows where the step begins and ends.
record_index_step() {
    local run=$1 log=$2 ms
    ms=$(sed -n 's/^kontor: *search index of [0-9]* documents.* (\([0-9]*\) ms[^()]*)$/\1/p' "$log" | head -n 1)
    [[ -n $ms ]] || die "no search index step in $log"
    printf 'index\t%s\t%s\t0\t0\n' "$run" "$(python3 -c "print($ms / 1000)")" >>"$RESULTS"
}

# ---------------------------------------------------------------------------------------------
# The steps

install_tools
mkdir -p "$OUT" "$LOGS"

if [[ -n ${KONTOR_BIN:-} ]]; then
    KONTOR=$KONTOR_BIN
else
    note "building kontor (release)"
    swift build -c release --product kontor >"$LOGS/swift-build.log" 2>&1 \
        || { tail -n 30 "$LOGS/swift-build.log" >&2; die "swift build -c release failed (log: $LOGS/swift-build.log)"; }
    KONTOR="$(swift build -c release --show-bin-path)/kontor"
fi
[[ -x $KONTOR ]] || die "no kontor binary at $KONTOR"

stamp="N=$N OFFERS=$OFFERS SEED=$SEED $(sha256sum scripts/gen-bench-corpus.py | cut -c1-16)"
if [[ ! -f $CORPUS/.stamp || $(cat "$CORPUS/.stamp") != "$stamp" ]]; then
    note "generating corpus: $N pages, $OFFERS offers"
    rm -rf "$CORPUS" "$HUGO_SITE"
    python3 scripts/gen-bench-corpus.py "$CORPUS" --pages "$N" --offers "$OFFERS" --seed "$SEED" --hugo-site "$HUGO_SITE"
    echo "$stamp" >"$CORPUS/.stamp"
fi
file_list=$OUT/markdown-files.txt
find "$CORPUS/docs" -name '*.md' | LC_ALL=C sort >"$file_list"
markdown_count=$(wc -l <"$file_list")
markdown_bytes=$(xargs -a "$file_list" -d '\n' cat | wc -c)

: >"$RESULTS"
read -r load_at_start _ </proc/loadavg
cores=$(nproc)
export CMARK_OUT=$PWD/$OUT/cmark-out

# The page edited for the incremental build is restored however the script ends.
edit_page=$(sed -n "$((markdown_count / 2 + 1))p" "$file_list")
cp "$edit_page" "$OUT/edit-page.orig"
trap 'cp "$OUT/edit-page.orig" "$edit_page"' EXIT

# Outputs of earlier bench runs go first, then the file system gets a quiet six minutes: ext4
# without a journal (as on the machines this runs on) skips an inode freed in the last 60 seconds
# when it allocates new ones, and one freed in the last 360 seconds while the block of the inode
# table that holds it is dirty — which the next file created beside it makes it. Each allocation
# scans past all such inodes again, so creating tens of thousands of files within six minutes of
# deleting as many is several times slower (measured: 40,000 files in 2.8 s, or 19.6 s just after
# an rm -rf of 40,000; with a 240 s wait the index step of a 10k + 10k build still took 2.8 s
# instead of 0.9 s, most of it in the kernel's inode allocator). That would time the deletion,
# not the tool. So every run of every tool writes into a folder of its own and nothing is
# deleted between the timed commands.
rm -rf "$OUT"/kontor-site* "$OUT"/.kontor-site* "$OUT"/hugo-public* "$OUT"/pagefind* "$CMARK_OUT"*
sync
note "waiting ${SETTLE:-370} s for the file system to settle after removing old outputs (SETTLE=0 skips)"
sleep "${SETTLE:-370}"

for run in $(seq 1 "$RUNS"); do
    # kontor: full build into an empty output folder.
    run_timed kontor "$run" "$LOGS/kontor-$run.log" \
        "$KONTOR" build --content "$CORPUS" --templates templates --output "$OUT/kontor-site-$run" --verbose
    record_index_step "$run" "$LOGS/kontor-$run.log"

    # incremental: one page changed, previous output in place.
    printf '\nDieser Satz wurde für den inkrementellen Lauf %s angehängt.\n' "$run" >>"$edit_page"
    run_timed incremental "$run" "$LOGS/incremental-$run.log" \
        "$KONTOR" build --content "$CORPUS" --templates templates --output "$OUT/kontor-site-$run"
    cp "$OUT/edit-page.orig" "$edit_page"

    # cmark: every file once, batches of 200 per process, one process per core.
    export CMARK_RUN_OUT=$CMARK_OUT-$run
    mkdir -p "$CMARK_RUN_OUT"
    run_timed cmark "$run" "$LOGS/cmark-$run.log" \
        xargs -a "$file_list" -d '\n' -n 200 -P "$cores" sh -c 'cmark "$@" >"$CMARK_RUN_OUT/$$.html"' sh

    # hugo: same Markdown, minimal layouts.
    run_timed hugo "$run" "$LOGS/hugo-$run.log" \
        hugo --quiet --source "$HUGO_SITE" --destination "$PWD/$OUT/hugo-public-$run"

    # pagefind: index Hugo's output.
    run_timed pagefind "$run" "$LOGS/pagefind-$run.log" \
        "$PAGEFIND" --site "$OUT/hugo-public-$run" --output-path "$OUT/pagefind-$run"
done

# ---------------------------------------------------------------------------------------------
# Report

python3 - "$RESULTS" "$OUT/bench.json" "$N" "$OFFERS" "$RUNS" "$markdown_count" "$markdown_bytes" "$load_at_start" <<'PY'
import datetime, json, os, statistics, sys

results_path, json_path, n, offers, runs, files, markdown_bytes, load_at_start = sys.argv[1:]
rows = [line.split("\t") for line in open(results_path, encoding="utf-8") if line.strip()]
tools = ["kontor", "index", "cmark", "hugo", "pagefind", "incremental"]
times = {tool: [float(r[2]) for r in rows if r[0] == tool] for tool in tools}
rss_kb = {tool: max(int(r[3]) for r in rows if r[0] == tool) for tool in tools}
median = {tool: statistics.median(values) for tool, values in times.items()}
cpu = {tool: statistics.median(float(r[4]) for r in rows if r[0] == tool) for tool in tools}

def cpu_model():
    for line in open("/proc/cpuinfo", encoding="utf-8"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"

def memory_mb():
    for line in open("/proc/meminfo", encoding="utf-8"):
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    return 0

kontor = median["kontor"]
ratios = {
    "kontor_over_cmark": kontor / median["cmark"],
    "hugo_over_kontor": median["hugo"] / kontor,
    "hugo_pagefind_over_kontor": (median["hugo"] + median["pagefind"]) / kontor,
    "cpu_kontor_over_cmark": cpu["kontor"] / max(cpu["cmark"], 0.01),
    "cpu_hugo_over_kontor": cpu["hugo"] / max(cpu["kontor"], 0.01),
}
targets = {
    "kontor_le_cmark": kontor <= median["cmark"],
    "hugo_ge_4x_kontor": ratios["hugo_over_kontor"] >= 4,
    "kontor_peak_rss_lt_400mb": rss_kb["kontor"] < 400 * 1024,
    "incremental_lt_0_3s": median["incremental"] < 0.3,
    "index_step_le_cmark": median["index"] <= median["cmark"],
}
report = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "machine": {"nproc": os.cpu_count(), "memory_mb": memory_mb(), "cpu": cpu_model(),
                "load_average_1m_start": float(load_at_start), "load_average_1m_end": os.getloadavg()[0]},
    "n": int(n), "offers": int(offers), "runs": int(runs), "markdown_files": int(files), "markdown_bytes": int(markdown_bytes),
    "median_seconds": median, "all_seconds": times, "median_cpu_seconds": cpu,
    "peak_rss_mb": {tool: round(kb / 1024, 1) for tool, kb in rss_kb.items()},
    "ratios": ratios, "incremental_seconds": median["incremental"], "targets": targets,
}
with open(json_path, "w", encoding="utf-8") as file:
    json.dump(report, file, indent=2, sort_keys=True)
    file.write("\n")

def mark(ok):
    return "pass" if ok else "FAIL"

label = {"kontor": "kontor build (pages + search" + (" + catalog)" if int(offers) else ")"),
         "index": "… of which the search index step", "cmark": "cmark, every file once (floor)",
         "hugo": "Hugo, minimal layout", "pagefind": "Pagefind over Hugo's output",
         "incremental": "kontor build after editing one page"}
print(f"\n## Benchmark: N = {n} pages ({int(markdown_bytes) / 1e6:.1f} MB Markdown), {offers} offers, {runs} runs, "
      f"{report['machine']['nproc']} cores, {report['machine']['cpu']}\n")
print("| step | median wall s | min s | max s | median CPU s | peak RSS MB |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for tool in tools:
    values = times[tool]
    if tool == "index":  # a step inside the kontor build: no process of its own to measure
        print(f"| {label[tool]} | {median[tool]:.3f} | {min(values):.3f} | {max(values):.3f} | — | — |")
        continue
    print(f"| {label[tool]} | {median[tool]:.3f} | {min(values):.3f} | {max(values):.3f} | {cpu[tool]:.2f} "
          f"| {rss_kb[tool] / 1024:.0f} |")
print("\n| target | value | result |")
print("| --- | ---: | --- |")
print(f"| kontor ≤ cmark wall time | kontor/cmark = {ratios['kontor_over_cmark']:.2f} "
      f"(CPU time: {ratios['cpu_kontor_over_cmark']:.2f}) | {mark(targets['kontor_le_cmark'])} |")
print(f"| ≥ 4× faster than Hugo | hugo/kontor = {ratios['hugo_over_kontor']:.2f} "
      f"(Hugo + Pagefind: {ratios['hugo_pagefind_over_kontor']:.2f}; CPU time: {ratios['cpu_hugo_over_kontor']:.2f}) "
      f"| {mark(targets['hugo_ge_4x_kontor'])} |")
print(f"| peak memory < 400 MB | {rss_kb['kontor'] / 1024:.0f} MB | {mark(targets['kontor_peak_rss_lt_400mb'])} |")
print(f"| incremental < 0.3 s | {median['incremental']:.3f} s | {mark(targets['incremental_lt_0_3s'])} |")
print(f"| search index step ≤ cmark wall time | index/cmark = {median['index'] / median['cmark']:.2f} "
      f"| {mark(targets['index_step_le_cmark'])} |")
print(f"\n(written to {json_path}; 1-minute load average {float(load_at_start):.2f} at the start, "
      f"{report['machine']['load_average_1m_end']:.2f} at the end: other work on the machine skews the times)")
PY
