# syntax=docker/dockerfile:1
#
# Authorization server image. Build from the repository root (the build context is the whole
# repository; .dockerignore keeps target/, data/ and .env files out of it):
#
#   docker build -f infra/docker/auth-server.Dockerfile -t smsauth/auth-server:0.1.0 .
#
# The image runs the mysql profile: configure it with the environment variables listed in
# infra/README.md. Tests are not run here; they run in CI (bash .ci/run).
#
# Java 25 at run time, with the JVM's AOT cache (JEP 483/514/515) made in the last stage by
# infra/aot-cache.sh: less than half the CPU per start and a quarter less idle memory
# (docs/performance.md, "Start-up and memory on Java 25"). The classes are still release 17.

# ---- build: compile and package the auth-server module with the Maven wrapper -----------------
FROM eclipse-temurin:25-jdk-noble AS build
# The settings Spring's ahead-of-time bean definitions are made with (process-aot): an SMS
# provider's beans, the key rotation and clean-up schedules exist or not from the build on. The
# default is what this image runs unless told otherwise: Vonage. For another provider or route,
# build with e.g. --build-arg AOT_SETTINGS="-Dauth.sms.routes.default=twilio,vonage"; a start
# whose settings want other beans stops, naming the setting (config.BuildTimeBeanSetCheck).
ARG AOT_SETTINGS="-Dauth.sms.provider=vonage"
WORKDIR /src
# Every module's pom is needed for the reactor to load, even though only auth-server is built.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY auth-server/pom.xml auth-server/
COPY demo-client/pom.xml demo-client/
COPY auth-server/src/ auth-server/src/
# The cache mount keeps ~/.m2 (the wrapper's Maven and the dependencies) between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl auth-server -am -DskipTests "-Dspring-boot.aot.jvmArguments=${AOT_SETTINGS}" package \
 && cp auth-server/target/auth-server-*.jar /tmp/app.jar \
 && java -Djarmode=tools -jar /tmp/app.jar extract --layers --application-filename application.jar --destination /layers

# ---- run: the extracted layers on a JRE, as an unprivileged user ------------------------------
# The AOT cache is trained here, in the image that runs it: a cache serves only the JVM build and
# the exact jars (paths, sizes, times) it was made with.
FROM eclipse-temurin:25-jre-noble
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it (it cannot check a user name).
RUN groupadd --system --gid 10001 smsauth \
 && useradd --system --uid 10001 --gid smsauth --home-dir /app --no-create-home --shell /usr/sbin/nologin smsauth
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer. The files stay
# owned by root: the application cannot modify itself.
# application.jar names its libraries (lib/*.jar) in its manifest: plain `java -jar`, no Spring
# Boot launcher, so that the JVM's own class loader, and so the AOT cache, loads every class.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The run-time JVM options (bench/startup.sh and bench/run.sh aot read them from this line, so the
# benchmark starts the server as the image does; docs/perf-notes/startmem.md has what each costs):
# - the heap follows the container's memory limit instead of the host's memory;
# - Serial GC, named: what the JVM itself picks under the Deployment's 1 GiB limit (a machine under
#   1,792 MB is not "server class"), written out so that the image behaves the same under a larger
#   limit and the benchmark on a large host measures the GC the pods run. Against G1 at 1 GiB: about
#   45 MB less idle RSS (no remembered sets or card tables), the same CPU per token within noise
#   (its GC 2 % of the server's CPU, G1's 4 %);
# - native heap trimmed every 5 s (0.2-2 ms each): glibc keeps the start's freed JIT arenas and
#   parser buffers otherwise (about 15-20 MB of idle RSS);
# - an OutOfMemoryError ends the process so that the orchestrator restarts it;
# - Spring's ahead-of-time bean definitions made in the build stage: no configuration class parsed
#   and no condition evaluated at start (a quarter less start time and CPU, docs/performance.md).
#   Taking this option out starts the ordinary way, reading every setting again.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -Dspring.aot.enabled=true" \
    SPRING_PROFILES_ACTIVE=mysql

# The training run: the embedded default on an in-memory H2 database (no file, no network, no
# secret of yours) up to the refreshed context, with its own options (a fixed heap, G1: see the
# script), the build's AOT_SETTINGS and stand-in secrets for them, then a start with
# -XX:AOTMode=on and the options above that fails the build if the cache does not load; writes
# /app/app.aot (~100 MB).
ARG AOT_SETTINGS="-Dauth.sms.provider=vonage"
COPY infra/aot-cache.sh /tmp/aot-cache.sh
RUN AOT_SETTINGS="$AOT_SETTINGS" bash /tmp/aot-cache.sh --extracted /app && rm /tmp/aot-cache.sh

EXPOSE 9000
USER 10001:10001

# Docker and Compose use this; Kubernetes ignores it and uses the Deployment's probes.
# wget ships in the Temurin Ubuntu images (curl too, "for historical reasons"); nothing is installed.
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT:-9000}/actuator/health/liveness" || exit 1

# Exec form: the JVM is PID 1 and receives SIGTERM, so Spring Boot shuts down gracefully. Should
# the cache not fit (another JVM build, changed jars), the JVM warns and starts without it.
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "application.jar"]
