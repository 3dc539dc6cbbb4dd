#!/usr/bin/env bash
# Issue 15's "done when" from one run on one machine: every figure in one go, then one line per target.
#
#   bash bench/issue15.sh            the figures for the docs (a quiet machine; 45-60 minutes, the sign-ins warm up to 7 min each)
#   bash bench/issue15.sh --quick    the same steps with short windows and one start each (a check of the script)
#
#   1. the JMH floor: RS256 and ES256 through the JDK and AWS-LC, Argon2id one, two and four at once,
#      Keycloak's hash (bench/run.sh jmh)
#   2. bench/keycloak.sh with that floor: our server in the scenarios both products offer, plus the
#      SMS sign-in and client_credentials with ES256, then Keycloak 26.7.3, each warm by the same
#      JIT rule (--warm-until-jit 3)
#   3. our server on MariaDB (--profile mysql): userinfo and introspection
#   4. the AOT cache (infra/aot-cache.sh, with the image's options) and bench/startup.sh: the uber
#      jar, the extracted jar (neither with the cache nor Spring's ahead-of-time bean definitions),
#      with the cache and those definitions (-Dspring.aot.enabled=true, as the cache was trained),
#      as the image runs it (its options hold both)
#   5. dev.smsauth.bench.DoneWhen on those files: one line per target, each against the floor the
#      server timed in the same window and against the JMH floor
# The million-user run is its own command (it fills MariaDB first; docs/performance.md, "At a million
# users"): bash bench/run.sh --profile mysql --fill users=1000000,grants=5000000,challenges=2000000
#
# Output: bench/target/issue15/ (jmh.json, smsauth.*, keycloak.*, side-by-side.md, mysql.*,
# startup.tsv, done-when.md, and the commit and machine at the top of done-when.md). MariaDB must be
# running at 127.0.0.1:3306 (root, no password; BENCH_MARIADB_URL for another). Exit code 1 when a
# step failed; a missed target is not a failure of the script.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh

quick=0
[ "${1:-}" = "--quick" ] && quick=1
out=bench/target/issue15
mkdir -p "$out"
status=0

if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests -pl auth-server,bench -am package
fi
jar=$(ls auth-server/target/auth-server-*.jar | grep -v -- '-plain\|original' | head -n 1)
classpath="bench/target/bench.jar:bench/target/lib/*"
mariadb=(--mariadb "${BENCH_MARIADB_URL:-jdbc:mysql://127.0.0.1:3306/}")

if [ "$quick" = 1 ]; then
  jmh=(-wi 1 -w 1s -i 1 -r 1s -f 1)
  window=(--warmup 3 --duration 3)
  keycloak=(--quick)
  reps=1
else
  jmh=(-wi 3 -w 2s -i 5 -r 2s -f 1)
  window=(--warmup 60 --duration 20 --warm-until-jit 3 --warmup-max 420)
  keycloak=(--warm-until-jit 3 --warmup-max 420)
  reps=5
fi

echo "== 1. the JMH floor"
bash bench/run.sh jmh "${jmh[@]}" || status=1
cp bench/target/jmh.json "$out/jmh.json"

echo "== 2. side by side with Keycloak"
OURS_EXTRA_SCENARIOS=sms_sign_in,client_credentials_es256 BENCH_SKIP_BUILD=1 \
  bash bench/keycloak.sh "${keycloak[@]}" --floor-from "$out/jmh.json" || status=1
cp bench/target/side-by-side/{smsauth,keycloak}.{txt,json} bench/target/side-by-side/side-by-side.md "$out/" 2>/dev/null || status=1

echo "== 3. our server on MariaDB"
"$BENCH_JAVA" -cp "$classpath" dev.smsauth.bench.Bench --jar "$jar" --profile mysql "${mariadb[@]}" \
  --scenarios userinfo,introspection "${window[@]}" --floor-from "$out/jmh.json" --json "$out/mysql.json" \
  | tee "$out/mysql.txt" || status=1

echo "== 4. start-up and memory"
JAVA="$BENCH_JAVA" JAVA_TOOL_OPTIONS="$(image_java_options)" bash infra/aot-cache.sh "$jar" bench/target/aot || status=1
rm -f "$out/startup.tsv"
bash bench/startup.sh --reps "$reps" --idle-wait 6 --out "$out/startup.tsv" 'jar|jar||' \
  'extracted|extracted=bench/target/aot||' 'aot|aot=bench/target/aot|-Dspring.aot.enabled=true|' 'image|image=bench/target/aot||' || status=1

echo "== 5. the targets"
{
  echo "Issue 15, one run: commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ), $(nproc) CPUs, $("$BENCH_JAVA" -version 2>&1 | head -n 1)"
  echo
  "$BENCH_JAVA" -cp "$classpath" dev.smsauth.bench.DoneWhen --ours "$out/smsauth.json" --keycloak "$out/keycloak.json" \
    --mysql "$out/mysql.json" --startup "$out/startup.tsv"
} | tee "$out/done-when.md" || status=1
exit $status
