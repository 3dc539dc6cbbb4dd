#!/usr/bin/env bash
# Builds both applications and starts them on the embedded default profile:
#   auth server  http://localhost:9000  (H2 database under ./data, SMS codes in the dev outbox)
#   demo client  http://localhost:8080
# Ctrl-C stops both. Nothing to install but a JDK 17+; Maven comes through the wrapper.
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -q -B -DskipTests package

java -jar auth-server/target/auth-server-0.1.0-SNAPSHOT.jar &
auth=$!
java -jar demo-client/target/demo-client-0.1.0-SNAPSHOT.jar &
demo=$!
trap 'kill "$auth" "$demo" 2>/dev/null || true' EXIT INT TERM

echo "Auth server: http://localhost:9000   Demo app: http://localhost:8080   (Ctrl-C to stop)"
wait
