#!/usr/bin/env bash
# Kohtaamo load benchmark (see bench/README.md).
#
# Builds kohtaamo, the hello-world reference and the load tool; generates
# national-scale data into a fresh SQLite database; starts
# `kohtaamo serve --no-demo` and bench/hello on 127.0.0.1; signs in as the
# bench user and measures, with CONNS connections for DURATION each:
# hello-world, the 50-member network page, a meeting page (the benchmark
# network's latest meeting with minutes) and the home page (which is
# "My tasks"). Prints a table (req/s, p50/p95/p99, server RSS), the
# network/hello ratio and the goals.
#
# Settings (environment): CONNS=64 DURATION=10s WARMUP=2s LOG_LEVEL=warn
# KEEP=1 keeps the work directory (database, logs, results).
# PROFILE=1 (with KEEP=1) saves a server CPU profile of each page's run.
# REUSE=DIR measures on the database of a kept work directory DIR (its
# bench.db and demo.log) instead of generating a new one.
set -euo pipefail

CONNS=${CONNS:-64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
LOG_LEVEL=${LOG_LEVEL:-warn}
BENCH_EMAIL=bench@kohtaamo.example
BENCH_PASSWORD=kohtaamo-bench

cd "$(dirname "$0")/.."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kohtaamo-bench.XXXXXX")
PIDS=()

cleanup() {
	# Stop only the processes this script started, by their ids.
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [[ "${KEEP:-}" == 1 ]]; then
		echo "work directory kept: $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# listening_addr FILE PID: the host:port a server printed as
# "... listening on http://HOST:PORT", waiting at most 30 s.
listening_addr() {
	local file=$1 pid=$2 addr=""
	for _ in $(seq 1 300); do
		addr=$(grep -o 'listening on http://[0-9.:]*' "$file" 2>/dev/null | head -1 | sed 's|.*http://||') || true
		if [[ -n "$addr" ]]; then
			echo "$addr"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "server exited; its output:" >&2
			cat "$file" "$file.err" >&2 2>/dev/null || true
			return 1
		fi
		sleep 0.1
	done
	echo "no listening address in $file after 30 s" >&2
	return 1
}

echo "== building (work directory $WORK)"
go build -o "$WORK/kohtaamo" ./cmd/kohtaamo
go build -o "$WORK/hello" ./bench/hello
go build -o "$WORK/load" ./bench/load

DB="$WORK/bench.db"
DEMO_LOG="$WORK/demo.log"
if [[ -n "${REUSE:-}" ]]; then
	if [[ ! -f "$REUSE/bench.db" || ! -f "$REUSE/demo.log" ]]; then
		echo "REUSE=$REUSE: want a kept work directory with bench.db and demo.log" >&2
		exit 1
	fi
	echo "== reusing the national data in $REUSE"
	DB="$REUSE/bench.db"
	DEMO_LOG="$REUSE/demo.log"
	tail -6 "$DEMO_LOG"
else
	echo "== generating national data"
	"$WORK/kohtaamo" demo --scale national --db "$DB" | tee "$DEMO_LOG"
fi
NETWORK_PATH=$(grep -o '/networks/[0-9][0-9]*' "$DEMO_LOG" | head -1)
if [[ -z "$NETWORK_PATH" ]]; then
	echo "the generator did not name the benchmark network" >&2
	exit 1
fi
MEETING_PATH=$(grep -o '/meetings/[0-9][0-9]*' "$DEMO_LOG" | head -1)
if [[ -z "$MEETING_PATH" ]]; then
	echo "the generator did not name the benchmark meeting" >&2
	exit 1
fi

echo "== starting servers"
DEBUG_FLAGS=()
if [[ "${PROFILE:-}" == 1 ]]; then
	DEBUG_FLAGS=(--debug-addr 127.0.0.1:0)
fi
"$WORK/kohtaamo" serve --no-demo --db "$DB" --addr 127.0.0.1:0 --log-level "$LOG_LEVEL" "${DEBUG_FLAGS[@]}" \
	>"$WORK/server.out" 2>"$WORK/server.out.err" &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
"$WORK/hello" --addr 127.0.0.1:0 >"$WORK/hello.out" 2>"$WORK/hello.out.err" &
HELLO_PID=$!
PIDS+=("$HELLO_PID")
SERVER=$(listening_addr "$WORK/server.out" "$SERVER_PID")
HELLO=$(listening_addr "$WORK/hello.out" "$HELLO_PID")
"$WORK/load" -wait 30s "http://$SERVER/healthz"
"$WORK/load" -wait 30s "http://$HELLO/"
echo "kohtaamo on http://$SERVER (pid $SERVER_PID), hello on http://$HELLO (pid $HELLO_PID)"

echo "== measuring: $CONNS connections, ${DURATION} each after ${WARMUP} warm-up"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
LOAD=("$WORK/load" -c "$CONNS" -d "$DURATION" -warmup "$WARMUP" -tsv "$RESULTS")
# profile LABEL: with PROFILE=1, a CPU profile of the server during the
# measurement of LABEL (after the warm-up) goes to $WORK/LABEL.pprof.
profile() {
	if [[ "${PROFILE:-}" == 1 ]]; then
		local debug secs
		debug=$(grep -o 'profiles on http://[0-9.:]*' "$WORK/server.out" | head -1 | sed 's|.*http://||')
		secs=$(( ${DURATION%s} > 2 ? ${DURATION%s} - 1 : 1 ))
		(sleep "${WARMUP%s}"; curl -s -o "$WORK/$1.pprof" "http://$debug/debug/pprof/profile?seconds=$secs") &
	fi
}
"${LOAD[@]}" -label hello -pid "$HELLO_PID" "http://$HELLO/"
profile network
"${LOAD[@]}" -label network -pid "$SERVER_PID" -email "$BENCH_EMAIL" -password "$BENCH_PASSWORD" "http://$SERVER$NETWORK_PATH"
profile meeting
"${LOAD[@]}" -label meeting -pid "$SERVER_PID" -email "$BENCH_EMAIL" -password "$BENCH_PASSWORD" "http://$SERVER$MEETING_PATH"
profile home
"${LOAD[@]}" -label home -pid "$SERVER_PID" -email "$BENCH_EMAIL" -password "$BENCH_PASSWORD" "http://$SERVER/"
# The JSON API's lists of 50 (issue 7): public ones anonymously, the
# directory of people and a network's memberships and meetings signed in.
API_LISTS=(
	"api-networks|/api/v1/networks?per_page=50"
	"api-projects|/api/v1/projects?per_page=50"
	"api-organisations|/api/v1/organisations?per_page=50"
	"api-people|/api/v1/people?per_page=50"
	"api-memberships|/api/v1$NETWORK_PATH/memberships?per_page=50"
	"api-meetings|/api/v1$NETWORK_PATH/meetings?per_page=50"
)
for entry in "${API_LISTS[@]}"; do
	label=${entry%%|*}
	profile "$label"
	"${LOAD[@]}" -label "$label" -pid "$SERVER_PID" -email "$BENCH_EMAIL" -password "$BENCH_PASSWORD" "http://$SERVER${entry#*|}"
done
wait_profiles() { if [[ "${PROFILE:-}" == 1 ]]; then sleep 1; echo "CPU profiles: $WORK/{network,meeting,home,api-*}.pprof (go tool pprof -top $WORK/kohtaamo FILE)"; fi; }
wait_profiles

echo
echo "== results ($(nproc) CPUs shared by server and load tool; $(date -u +%Y-%m-%dT%H:%MZ))"
awk -F'\t' -v conns="$CONNS" -v path="$NETWORK_PATH" -v mpath="$MEETING_PATH" '
BEGIN {
	printf "| %-38s | %9s | %8s | %8s | %8s | %6s | %13s |\n", "page (" conns " connections)", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "server RSS MB"
	printf "|%s|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------", "-----------", "----------", "----------", "----------", "--------", "---------------"
}
{
	name = $1
	if (name == "network") name = "network " path " (50 members)"
	if (name == "meeting") name = "meeting " mpath " (with minutes)"
	if (name == "home") name = "home / = My tasks (signed in)"
	if (name == "hello") name = "net/http hello world"
	if (name ~ /^api-/) name = "API list of 50: " substr(name, 5)
	printf "| %-38s | %9.1f | %8.2f | %8.2f | %8.2f | %6d | %13.1f |\n", name, $2, $3, $4, $5, $7, $8
	rps[$1] = $2; p95[$1] = $4; p99[$1] = $5; rss[$1] = $8; hwm[$1] = $9; errs[$1] = $7
}
END {
	if (rps["hello"] > 0) {
		ratio = rps["network"] / rps["hello"]
		printf "\nnetwork / hello req/s ratio: %.3f (goal >= 0.05): %s\n", ratio, (ratio >= 0.05 ? "met" : "MISSED")
	}
	if (rps["hello"] > 0) {
		for (k in rps) if (k ~ /^api-/) {
			r = rps[k] / rps["hello"]
			printf "%s / hello req/s ratio: %.3f (goal >= 0.07): %s\n", k, r, (r >= 0.07 ? "met" : "MISSED")
		}
	}
	printf "network p99 %.2f ms (goal <= 100 ms): %s\n", p99["network"], (p99["network"] <= 100 ? "met" : "MISSED")
	printf "home p99 %.2f ms (goal <= 100 ms): %s\n", p99["home"], (p99["home"] <= 100 ? "met" : "MISSED")
	# Issue 3: on the data with 200,000 meetings and 500,000 action items.
	split("network meeting home", pages, " ")
	for (i = 1; i <= 3; i++) {
		p = pages[i]
		printf "%s p95 %.2f ms (goal <= 50 ms): %s\n", p, p95[p], (p95[p] <= 50 ? "met" : "MISSED")
	}
	peak = rss["network"]
	if (rss["meeting"] > peak) peak = rss["meeting"]
	if (rss["home"] > peak) peak = rss["home"]
	printf "server RSS under load %.1f MB, VmHWM %.1f MB (goal <= 60 MB): %s\n", peak, hwm["home"], (peak <= 60 ? "met" : "MISSED")
	if (errs["network"] + errs["meeting"] + errs["home"] > 0) print "WARNING: some requests failed; see the status counts above"
}' "$RESULTS"
