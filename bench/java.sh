# Sourced by bench/run.sh and bench/startup.sh: the java that runs the benchmark, and so the server
# (the benchmark starts the server with its own JVM). Java 25 is the documented runtime:
#   BENCH_JAVA=/path/to/bin/java       if set, that one;
#   /usr/lib/jvm/temurin-25-jdk-amd64  else Temurin 25 where it is installed (Debian/Ubuntu package
#                                      layout, as on the benchmark machine);
#   $JAVA_HOME/bin/java, then java     else the usual.
# The Maven build is not affected: it keeps its own JDK and compiles for release 17.
if [ -z "${BENCH_JAVA:-}" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    BENCH_JAVA=$JAVA_HOME/bin/java
  else
    BENCH_JAVA=$(command -v java)
  fi
fi
export BENCH_JAVA
