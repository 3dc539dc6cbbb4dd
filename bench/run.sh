#!/usr/bin/env bash
# The benchmark in one command, on a fresh clone: builds the auth-server jar and the bench module
# (tests skipped), then runs. Every argument goes to the program (see --help); e.g.
#   bash bench/run.sh                                   all scenarios, 10 s warm-up + 20 s each, 4 threads
#   bash bench/run.sh --duration 60 --threads 8 --json bench/target/results.json
#   bash bench/run.sh --profile mysql                   a fresh database in the local MariaDB
#   bash bench/run.sh --jfr bench/target/jfr --scenarios client_credentials,refresh_token,sms_sign_in
# Two helpers share the build:
#   bash bench/run.sh jmh [JMH options]                 the crypto micro-benchmarks -> bench/target/jmh.json
#   bash bench/run.sh hotspots <file.jfr>...            where the server's CPU samples go
#   bash bench/run.sh explain <jdbc-url>                EXPLAIN of the hot queries on a (kept, filled) database
#   bash bench/run.sh --profile mysql --fill users=1000000,grants=5000000,challenges=2000000
#                                                       empty vs filled database, clean-up under load, EXPLAIN
#   bash bench/run.sh aot [options]                     the same run, the server started from the extracted
#                                                       jar with the JVM's AOT cache (Java 25+), made here by
#                                                       infra/aot-cache.sh into bench/target/aot: the image's start-up
#                                                       and JVM options (its JAVA_TOOL_OPTIONS, -XX:MaxRAM=1g)
#   bash bench/run.sh cds [options]                     the same with a class-data-sharing archive (Java 17-24)
# The benchmark, and so the server it starts, runs on $BENCH_JAVA: Temurin 25 where installed
# (bench/java.sh); e.g. BENCH_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java for Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/java.sh

if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests -pl auth-server,bench -am package
fi
classpath="bench/target/bench.jar:bench/target/lib/*"

case "${1:-}" in
  jmh)
    shift
    exec "$BENCH_JAVA" -cp "$classpath" org.openjdk.jmh.Main -rf json -rff bench/target/jmh.json "$@"
    ;;
  hotspots)
    shift
    exec "$BENCH_JAVA" -cp "$classpath" dev.smsauth.bench.jfr.JfrHotSpots "$@"
    ;;
  aot)
    shift
    jar=$(ls auth-server/target/auth-server-*.jar | grep -v -- '-plain\|original' | head -n 1)
    # Made again on every run: a cache only serves the jars it was trained on. The server runs
    # with the image's JVM options and a 1 GiB limit (bench/java.sh), as a pod does; checked
    # with them by the script's -XX:AOTMode=on start.
    image_options=$(image_java_options)
    JAVA="$BENCH_JAVA" JAVA_TOOL_OPTIONS="$image_options" bash infra/aot-cache.sh "$jar" bench/target/aot
    server_args=(--server-jvm-arg "-XX:AOTCache=$PWD/bench/target/aot/app.aot")
    for option in $image_options; do server_args+=(--server-jvm-arg "$option"); done
    exec "$BENCH_JAVA" -jar bench/target/bench.jar --jar bench/target/aot/application.jar "${server_args[@]}" "$@"
    ;;
  explain)
    shift
    exec "$BENCH_JAVA" -cp "$classpath" dev.smsauth.bench.fill.HotQueries "$@"
    ;;
  cds)
    shift
    jar=$(ls auth-server/target/auth-server-*.jar | grep -v -- '-plain\|original' | head -n 1)
    cds=bench/target/cds
    rm -rf "$cds" && mkdir -p "$cds"
    "$BENCH_JAVA" -Djarmode=tools -jar "$jar" extract --destination "$cds/app" >/dev/null
    extracted=$(ls "$cds"/app/auth-server-*.jar | head -n 1)
    # Training run: starts the context on an in-memory database and exits once it is refreshed.
    (cd "$cds" && "$BENCH_JAVA" -XX:ArchiveClassesAtExit="$PWD/app.jsa" -Dspring.context.exit=onRefresh \
      -jar "$PWD/$(basename "$(dirname "$extracted")")/$(basename "$extracted")" \
      --spring.datasource.url="jdbc:h2:mem:cds-training;DB_CLOSE_DELAY=-1" --server.port=0 >training.log 2>&1)
    exec "$BENCH_JAVA" -jar bench/target/bench.jar --jar "$extracted" --server-jvm-arg "-XX:SharedArchiveFile=$cds/app.jsa" "$@"
    ;;
  *)
    jar=$(ls auth-server/target/auth-server-*.jar | grep -v -- '-plain\|original' | head -n 1)
    exec "$BENCH_JAVA" -jar bench/target/bench.jar --jar "$jar" "$@"
    ;;
esac
