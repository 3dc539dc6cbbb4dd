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

# The auth server image's run-time JVM options: its JAVA_TOOL_OPTIONS, read from the Dockerfile so
# that what the benchmark starts is what the image ships (bench/startup.sh's image variant,
# bench/run.sh aot). On a host, -XX:MaxRAM stands for the container's memory limit (IMAGE_MEMORY,
# the 1 GiB of infra/k8s and infra/compose) that the JVM sizes the heap by inside the container;
# the image names its GC, so the host's larger memory picks nothing else.
IMAGE_MEMORY=${IMAGE_MEMORY:-1g}
image_java_options() {
  local options
  options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' infra/docker/auth-server.Dockerfile)
  [ -n "$options" ] || { echo "no JAVA_TOOL_OPTIONS in infra/docker/auth-server.Dockerfile" >&2; return 1; }
  echo "$options -XX:MaxRAM=$IMAGE_MEMORY"
}
