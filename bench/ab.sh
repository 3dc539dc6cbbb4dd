#!/usr/bin/env bash
# A/B of two or more server jars in one run window: the variants alternate, rep after rep, with the
# same benchmark options, each with a JFR recording, so a change is compared under the same machine
# state (docs/performance.md, "Where the sign-in's CPU goes"). Build the bench module first
# (bash bench/run.sh --help builds it) and keep each variant's jar under its own name.
#
#   bash bench/ab.sh <out-dir> <reps> "<bench options>" "label|jar[|extra options]" ...
#   bash bench/ab.sh bench/target/ab 3 "--scenarios password_sign_in,sms_sign_in --warmup 30 --duration 20" \
#       "before|/tmp/before.jar" "after|auth-server/target/auth-server-0.1.0-SNAPSHOT.jar"
#
# Output: <out-dir>/<label>-<rep>.{txt,json}, <out-dir>/jfr-<label>-<rep>/<scenario>.jfr, and
# <out-dir>/log.txt with every table row and the load average when each run started. JAVA (default
# Temurin 25 where installed, else java on the PATH) runs the benchmark, hence the server too.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1 reps=$2 options=$3
shift 3
java_bin=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$java_bin" ] || java_bin=java
mkdir -p "$out"
for rep in $(seq 1 "$reps"); do
  for variant in "$@"; do
    IFS='|' read -r label jar extra <<< "$variant"
    echo "== $(date -u +%FT%TZ) rep $rep $label load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/log.txt"
    # shellcheck disable=SC2086 # options are words on purpose
    "$java_bin" -jar bench/target/bench.jar --jar "$jar" $options ${extra:-} --jfr "$out/jfr-$label-$rep" \
      --json "$out/$label-$rep.json" > "$out/$label-$rep.txt" 2>&1 || echo "   (exit $?)" >> "$out/log.txt"
    grep -E '^\| [a-z_]+ \|' "$out/$label-$rep.txt" | grep -v '^| scenario' | sort -u >> "$out/log.txt" || true
    grep -E 'beyond the password hash|server CPU by thread' "$out/$label-$rep.txt" >> "$out/log.txt" || true
  done
done
echo "== done $(date -u +%FT%TZ)" >> "$out/log.txt"
