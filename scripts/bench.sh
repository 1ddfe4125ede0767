#!/usr/bin/env bash
# ContactSync benchmarks: figures against bounds measured in the same run (see docs/benchmarks.md).
#
#   scripts/bench.sh           the full run (about 15 minutes on 2 cores)
#   scripts/bench.sh --quick   the same figures at smaller sizes (a few minutes)
#   scripts/bench.sh --keep    keep .bench/ (sources, logs, the database) afterwards
#   scripts/bench.sh --only register   one scenario (backlog, large-source, live-account, register, crm, sumsub, records-page, loaded-dashboard)
#
# Builds Release, starts a throwaway PostgreSQL (scripts/pg-local.sh) in .bench/, then runs
# tests/ContactSync.Benchmarks, which starts the Sandbox and runs the worker's sync-once as separate processes.
# Exits 0 when every target is met, 1 when one is missed, 2 when the benchmark could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=()
keep=no
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode+=(--quick) ;;
    --keep) keep=yes ;;
    --only) shift; mode+=(--only "${1:-}") ;;
    *) echo "usage: $0 [--quick] [--keep] [--only SCENARIO]" >&2; exit 2 ;;
  esac
  shift
done

state=.bench
config=Release
bin() { echo "$1/bin/$config/net10.0/$(basename "$1").dll"; }

cleanup() {
  scripts/pg-local.sh stop "$state/pg" >/dev/null 2>&1 || true
  if [ "$keep" = no ]; then rm -rf "$state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ($config)..." >&2
dotnet build ContactSync.sln -c "$config" -nologo -v quiet -clp:ErrorsOnly >&2

rm -rf "$state"
mkdir -p "$state/work"
postgres="$(scripts/pg-local.sh start "$state/pg" 2>"$state/pg-start.log")" || { cat "$state/pg-start.log" >&2; exit 2; }

set +e
dotnet "$(bin tests/ContactSync.Benchmarks)" "${mode[@]}" \
  --worker "$(bin src/ContactSync.Worker)" \
  --sandbox "$(bin src/ContactSync.Sandbox)" \
  --postgres "$postgres" \
  --work-dir "$state/work"
code=$?
set -e
exit "$code"
