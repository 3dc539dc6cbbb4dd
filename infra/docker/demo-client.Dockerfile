# syntax=docker/dockerfile:1
#
# Demo relying-party image. Build from the repository root:
#
#   docker build -f infra/docker/demo-client.Dockerfile -t smsauth/demo-client:0.1.0 .
#
# Configure it with ISSUER, DEMO_CLIENTID and DEMO_CLIENT_SECRET (see infra/README.md).

# ---- build: compile and package the demo-client module with the Maven wrapper -----------------
FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /src
# Every module's pom is needed for the reactor to load, even though only demo-client is built.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY auth-server/pom.xml auth-server/
COPY demo-client/pom.xml demo-client/
COPY demo-client/src/ demo-client/src/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl demo-client -am -DskipTests package \
 && cp demo-client/target/demo-client-*.jar /tmp/app.jar \
 && java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /layers

# ---- run: the extracted layers on a JRE, as an unprivileged user ------------------------------
FROM eclipse-temurin:25-jre-noble
RUN groupadd --system --gid 10001 smsauth \
 && useradd --system --uid 10001 --gid smsauth --home-dir /app --no-create-home --shell /usr/sbin/nologin smsauth
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
USER 10001:10001

# The demo has no actuator; its home page is public and needs nothing but the JVM.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/" || exit 1

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
