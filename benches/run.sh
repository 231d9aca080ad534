#!/usr/bin/env bash
# Batch benchmark: casefile against pandoc and against its own parse floor, on synthetic
# corpora of 10, 100 and 1000 cases. Needs hyperfine and pandoc (Debian packages; this
# script installs them as root when they are missing). Writes benches/BENCHMARKS.md.
#
#   bash benches/run.sh            # the whole run (a few minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/bench
mkdir -p "$work"

missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --release --quiet
cargo build --release --quiet --example corpus --example floor
bin=$root/target/release/casefile
gen=$root/target/release/examples/corpus
floor=$root/target/release/examples/floor

build() { # N [extra args...]
  local n=$1; shift
  echo "$bin build --quiet --cases $work/c$n --templates $root/templates --output $work/out$n $*"
}

for n in 10 100 1000; do
  "$gen" --cases "$n" --out "$work/c$n" --seed 7 >/dev/null
done

runs() { case $1 in 10) echo 10;; 100) echo 5;; *) echo 3;; esac; }
# A cold build writes into a folder that does not exist. The previous output is moved
# aside (a rename) rather than deleted: on this machine's ext4 (mounted with `discard`)
# deleting tens of thousands of files slows the next seconds of file creation, which
# would measure the disk, not casefile. The moved folders are deleted at the end, and
# `sync` before each run flushes the previous run's writes, so that a run is not slowed
# by the kernel writing back its predecessor's output.
trash=$work/trash
mkdir -p "$trash"
cold() { echo "mkdir -p $trash && if [ -e $work/out$1 ]; then mv $work/out$1 $trash/\$(date +%s%N); fi; sync"; }
for n in 10 100 1000; do
  hyperfine --style basic --warmup 1 --runs "$(runs $n)" --prepare "$(cold $n)" \
    --export-json "$work/full-$n.json" "$(build $n)"
  hyperfine --style basic --warmup 1 --runs "$(runs $n)" --prepare sync \
    --export-json "$work/noop-$n.json" "$(build $n)"
  hyperfine --style basic --warmup 1 --runs "$(runs $n)" --prepare sync \
    --export-json "$work/floor-$n.json" "$floor $work/c$n $work/out$n"
done

# The same cold builds with the output on tmpfs (/dev/shm): what casefile costs without
# the disk's file-creation cost.
shm=/dev/shm/casefile-bench
for n in 100 1000; do
  hyperfine --style basic --warmup 1 --runs "$(runs $n)" --prepare "rm -rf $shm$n" \
    --export-json "$work/shm-$n.json" \
    "$bin build --quiet --cases $work/c$n --templates $root/templates --output $shm$n"
done
hyperfine --style basic --warmup 1 --runs 3 --prepare "rm -rf ${shm}t" \
  --export-json "$work/shm-threads.json" \
  "$bin build --quiet --jobs 1 --cases $work/c1000 --templates $root/templates --output ${shm}t" \
  "$bin build --quiet --jobs 2 --cases $work/c1000 --templates $root/templates --output ${shm}t"
# The Word export against the HTML of the same 100 cases (output on tmpfs): Markdown
# alone, Markdown and HTML, Markdown and Word, on one thread (two threads make the
# difference noisier than the row); the format's cost is the difference.
hyperfine --style basic --warmup 2 --runs 20 --prepare "rm -rf ${shm}f" \
  --export-json "$work/formats.json" \
  "$bin build --quiet --jobs 1 --formats md --cases $work/c100 --templates $root/templates --output ${shm}f" \
  "$bin build --quiet --jobs 1 --formats md,html --cases $work/c100 --templates $root/templates --output ${shm}f" \
  "$bin build --quiet --jobs 1 --formats md,docx --cases $work/c100 --templates $root/templates --output ${shm}f"
rm -rf "$shm"*

hyperfine --style basic --warmup 1 --runs 3 --prepare "$(cold 1000)" \
  --export-json "$work/threads.json" "$(build 1000 --jobs 1)" "$(build 1000 --jobs 2)"

# pandoc converts the Markdown casefile produced for the 100-case corpus, in one run (at
# pandoc's speed this takes about half a minute); casefile's full build of the same
# corpus is the comparison.
$bin build --quiet --cases "$work/c100" --templates "$root/templates" --output "$work/out100"
find "$work/out100" -name '*.md' | sort | xargs cat > "$work/all100.md"
hyperfine --style basic --runs 1 \
  --export-json "$work/pandoc-100.json" "pandoc --from markdown --to html --output /dev/null $work/all100.md"
rm -rf "$trash"

python3 "$root/benches/report.py" "$work" "$root/benches/BENCHMARKS.md"
cat "$root/benches/BENCHMARKS.md"
