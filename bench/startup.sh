#!/usr/bin/env bash
# Start-to-ready and idle memory of the auth server, several ways of starting it, interleaved:
#
#   bash bench/startup.sh [--reps N] [--first-start] [--idle-wait S] [--out results.tsv] VARIANT...
#
# VARIANT is "label|how|JVM options|application arguments" (the last two may be empty), where how is
#   jar             java OPTS -jar auth-server/target/auth-server-*.jar ARGS   (the uber jar)
#   extracted=DIR   java OPTS -jar DIR/application.jar ARGS                    (infra/aot-cache.sh's layout)
#   aot=DIR         java -XX:AOTCache=DIR/app.aot OPTS -jar DIR/application.jar ARGS
#   image=DIR       the same with the image's run-time options as JAVA_TOOL_OPTIONS (read from
#                   infra/docker/auth-server.Dockerfile) and -XX:MaxRAM=$IMAGE_MEMORY (default 1g)
#                   for the container's memory limit: what a pod runs
# e.g.
#   bash bench/startup.sh --reps 5 'jar|jar||' 'extracted|extracted=bench/target/aot||' \
#     'aot|aot=bench/target/aot||' 'image|image=bench/target/aot||'
# (bash bench/run.sh aot makes bench/target/aot; BENCH_JAVA or Temurin 25 as in bench/run.sh.)
#
# Each start runs the embedded default in a fresh copy of one ./data made by a first start, so every
# rep is the same restart on existing data (--first-start: an empty directory each time, which
# also creates the schema, the signing keys and the demo data). Per start it prints
#   start to ready  process start -> first 200 of /actuator/health/readiness (polled every 25 ms)
#   CPU to ready    utime+stime of the server process at that moment (less sensitive than wall
#                   time to other work on a shared machine)
#   idle RSS        VmRSS after readiness, jcmd GC.run and 2 s (--idle-wait S), before any request
#   first requests  then 10 rounds of GET /login, GET discovery, POST a client_credentials token,
#                   one at a time: wall and server CPU ms of these 30 (the cold JVM's cost)
# and at the end the median of each per variant. Rounds alternate the variants (1, 2, 3, 1, 2, 3,
# ...) so that a busy minute on a shared machine hits all of them alike.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh

reps=5
idle_wait=2
first_start=0
out=bench/target/startup/results.tsv
variants=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --first-start) first_start=1; shift ;;
    --out) out=$2; shift 2 ;;
    --idle-wait) idle_wait=$2; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) variants+=("$1"); shift ;;
  esac
done
[ ${#variants[@]} -gt 0 ] || { sed -n '2,16p' "$0" >&2; exit 64; }

jar=$(ls auth-server/target/auth-server-*.jar | grep -v -- '-plain\|original' | head -n 1)
jar=$PWD/$jar
jcmd=$(dirname "$BENCH_JAVA")/jcmd
root=$PWD/bench/target/startup
mkdir -p "$root" "$(dirname "$out")"
hz=$(getconf CLK_TCK)

# command for a variant, into the array cmd
command_for() {
  local how=$1 opts=$2 args=$3 dir
  cmd=("$BENCH_JAVA")
  case "$how" in
    jar) cmd+=($opts -jar "$jar") ;;
    extracted=*) dir=$(cd "${how#extracted=}" && pwd); cmd+=($opts -jar "$dir/application.jar") ;;
    aot=*) dir=$(cd "${how#aot=}" && pwd); cmd+=(-XX:AOTCache="$dir/app.aot" $opts -jar "$dir/application.jar") ;;
    image=*) dir=$(cd "${how#image=}" && pwd)
      cmd=(env JAVA_TOOL_OPTIONS="$(image_java_options)" "$BENCH_JAVA" -XX:AOTCache="$dir/app.aot" $opts -jar "$dir/application.jar") ;;
    *) echo "unknown way to start: $how" >&2; exit 64 ;;
  esac
  cmd+=(--server.port="$port" $args)
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# one start: prints "wall_ms cpu_ms rss_idle_kb first_requests_ms first_requests_cpu_ms"
measure() {
  local how=$1 opts=$2 args=$3 work=$4 pid start ready cpu rss
  port=$(free_port)
  command_for "$how" "$opts" "$args"
  start=$(date +%s%N)
  (cd "$work" && exec "${cmd[@]}" >"$work/server.log" 2>&1) &
  pid=$!
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "server exited; log: $work/server.log" >&2; tail -n 30 "$work/server.log" >&2; exit 1; fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null)" = 200 ]; then
      ready=$(date +%s%N)
      break
    fi
    sleep 0.025
  done
  cpu=$(cpu_ms "$pid")
  "$jcmd" "$pid" GC.run >/dev/null 2>&1 || true
  sleep "$idle_wait"
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  # The first requests after that: 10 rounds of the sign-in page, discovery and a client_credentials
  # token (the embedded default's management client), one at a time: what a cold JVM costs them.
  local first=$(date +%s%N) cpu0 cpu1 base="http://127.0.0.1:$port" i
  cpu0=$(cpu_ms "$pid")
  for i in 1 2 3 4 5 6 7 8 9 10; do
    curl -s -o /dev/null "$base/login"
    curl -s -o /dev/null "$base/.well-known/openid-configuration"
    curl -s -o /dev/null -u management-cli:management-secret -d grant_type=client_credentials -d scope=management "$base/oauth2/token"
  done
  first=$(( ($(date +%s%N) - first) / 1000000 ))
  cpu1=$(cpu_ms "$pid")
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$(( (ready - start) / 1000000 )) $cpu $rss $first $((cpu1 - cpu0))"
}

cpu_ms() { awk -v hz="$hz" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"; }

template=$root/data-template
if [ "$first_start" = 0 ] && [ ! -d "$template/data" ]; then
  rm -rf "$template" && mkdir -p "$template"
  echo "making the data every restart copies: one first start of the uber jar" >&2
  measure jar "" "" "$template" >/dev/null
fi

echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null) $("$BENCH_JAVA" -version 2>&1 | head -n 1); $(nproc) CPUs; $(uptime)" | tee -a "$out"
printf 'label\trep\tstart_to_ready_ms\tcpu_to_ready_ms\tidle_rss_mb\tfirst_30_requests_ms\tfirst_30_requests_cpu_ms\n' | tee -a "$out"
results=$(mktemp)
for rep in $(seq 1 "$reps"); do
  for variant in "${variants[@]}"; do
    IFS='|' read -r label how opts args <<<"$variant"
    work=$(mktemp -d "$root/run.XXXXXX")
    [ "$first_start" = 1 ] || cp -r "$template/data" "$work/data"
    read -r wall cpu rss first first_cpu < <(measure "$how" "${opts:-}" "${args:-}" "$work")
    rm -rf "$work"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$rep" "$wall" "$cpu" "$((rss / 1024))" "$first" "$first_cpu" | tee -a "$out" "$results"
  done
done
echo "# medians over $reps starts ($(uptime | sed 's/.*load/load/'))"
printf '| variant | start to ready, s | CPU to ready, s | idle RSS, MB | first 30 requests, ms | their CPU, ms |\n|---|--:|--:|--:|--:|--:|\n'
for variant in "${variants[@]}"; do
  label=${variant%%|*}
  # n starts at 0 (an unset awk variable is "" as a subscript, which put the first rep out of the
  # median's reach and a 0 in its place)
  awk -F'\t' -v l="$label" '
    BEGIN { n = 0 }
    $1 == l { w[n] = $3; c[n] = $4; r[n] = $5; f[n] = $6; fc[n] = $7; n++ }
    function median(a, n,   i, j, t) {
      for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2
    }
    END { printf "| %s | %.2f | %.2f | %d | %d | %d |\n", l, median(w, n) / 1000, median(c, n) / 1000, median(r, n), median(f, n), median(fc, n) }' "$results"
done | tee -a "$out"
rm -f "$results"
