# syntax=docker/dockerfile:1
#
# Authorization server image. Build from the repository root (the build context is the whole
# repository; .dockerignore keeps target/, data/ and .env files out of it):
#
#   docker build -f infra/docker/auth-server.Dockerfile -t smsauth/auth-server:0.1.0 .
#
# The image runs the mysql profile: configure it with the environment variables listed in
# infra/README.md. Tests are not run here; they run in CI (bash .ci/run).

# ---- build: compile and package the auth-server module with the Maven wrapper -----------------
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src
# Every module's pom is needed for the reactor to load, even though only auth-server is built.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY auth-server/pom.xml auth-server/
COPY demo-client/pom.xml demo-client/
COPY auth-server/src/ auth-server/src/
# The cache mount keeps ~/.m2 (the wrapper's Maven and the dependencies) between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl auth-server -am -DskipTests package \
 && cp auth-server/target/auth-server-*.jar /tmp/app.jar \
 && java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /layers

# ---- run: the extracted layers on a JRE, as an unprivileged user ------------------------------
FROM eclipse-temurin:17-jre-noble
# A fixed numeric uid, so Kubernetes' runAsNonRoot can verify it (it cannot check a user name).
RUN groupadd --system --gid 10001 smsauth \
 && useradd --system --uid 10001 --gid smsauth --home-dir /app --no-create-home --shell /usr/sbin/nologin smsauth
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer. The files stay
# owned by root: the application cannot modify itself.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# The heap follows the container's memory limit instead of the host's memory; an
# OutOfMemoryError ends the process so that the orchestrator restarts it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SPRING_PROFILES_ACTIVE=mysql
EXPOSE 9000
USER 10001:10001

# Docker and Compose use this; Kubernetes ignores it and uses the Deployment's probes.
# wget ships in the Temurin Ubuntu images (curl too, "for historical reasons"); nothing is installed.
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT:-9000}/actuator/health/liveness" || exit 1

# Exec form: the JVM is PID 1 and receives SIGTERM, so Spring Boot shuts down gracefully.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
