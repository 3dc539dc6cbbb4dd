#!/usr/bin/env bash
# Side by side with Keycloak, on one machine, one JVM (Temurin 25), one load generator:
#   1. our server, started by the benchmark (ServerProcess) on that JVM, in the scenarios both
#      products offer;
#   2. Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central, checksum checked), started
#      with start-dev on a free port, a realm `bench` made through its admin REST API (its password
#      hash named, Argon2id, and the stored credential read back: the run stops unless it is
#      Keycloak's Argon2id at the parameters the floor measures), then the same scenarios in the
#      benchmark's external-target mode against its process id;
#   3. both results as one table per server CPU-second (dev.smsauth.bench.SideBySide).
# Usage:
#   bash bench/keycloak.sh            --warmup 60 --duration 20 --threads 4 (the figures for the docs: a quiet machine)
#   bash bench/keycloak.sh --quick    a short smoke: 3 s warm-up, 3 s measured, 2 threads, quick floor
#   bash bench/keycloak.sh --keycloak-only ...   skip our run (e.g. to retry Keycloak's)
# Other arguments go to both benchmark runs (e.g. --threads 8; --floor-from bench/target/jmh.json gives
# both the same floor, each run otherwise measures its own). Environment: JAVA25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64), KEYCLOAK_VERSION (default 26.7.3), BENCH_SKIP_BUILD=1,
# OURS_EXTRA_SCENARIOS (ours only, e.g. sms_sign_in,client_credentials_es256), KEYCLOAK_LOG_LEVEL (default warn; e.g. warn,org.keycloak.events:debug to see why a request failed).
# Exit code 1 when either run had errors. Output: bench/target/side-by-side/{smsauth,keycloak}.{txt,json}, side-by-side.md, keycloak.log.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}
SCENARIOS=password_sign_in,refresh_token,userinfo,introspection,client_credentials
# Ours only, in the same run and on the same server (e.g. sms_sign_in,client_credentials_es256): the
# issue's other targets from the same window; the side-by-side table pairs only the shared scenarios.
OURS_EXTRA_SCENARIOS=${OURS_EXTRA_SCENARIOS:-}
REDIRECT_URI=http://127.0.0.1:1/cb # never followed: the benchmark reads the code from the Location header

timing=(--warmup 60 --duration 20 --threads 4)
status=0 # 1 when a benchmark run had errors (its table is still printed)
run_ours=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) timing=(--smoke --warmup 3 --duration 3 --threads 2) ;;
    --keycloak-only) run_ours=0 ;;
    *) extra+=("$1") ;;
  esac
  shift
done

[ -x "$JAVA25/bin/java" ] || { echo "No JDK at $JAVA25 (set JAVA25)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed (JSON of the admin API)" >&2; exit 2; }

if [ "${BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests -pl auth-server,bench -am package
fi
out=bench/target/side-by-side
mkdir -p "$out"
bench=(env JAVA_HOME="$JAVA25" "$JAVA25/bin/java" -jar bench/target/bench.jar)

# ---- 1. our server: the benchmark starts it with its own JVM, so on Temurin 25 too ----
if [ "$run_ours" = 1 ]; then
  jar=$(ls auth-server/target/auth-server-*.jar | grep -v -- '-plain\|original' | head -n 1)
  echo "== smsauth ($jar) on $("$JAVA25/bin/java" -version 2>&1 | head -n 1)"
  "${bench[@]}" --jar "$jar" --scenarios "$SCENARIOS${OURS_EXTRA_SCENARIOS:+,$OURS_EXTRA_SCENARIOS}" "${timing[@]}" ${extra[@]+"${extra[@]}"} \
    --json "$out/smsauth.json" | tee "$out/smsauth.txt" || status=1
fi

# ---- 2. Keycloak: download (cached), verify, unpack ----
dist=bench/target/keycloak
archive=$dist/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz
url=https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz
mkdir -p "$dist"
if [ ! -f "$archive" ]; then
  echo "Downloading $url"
  curl -fSL --retry 3 -o "$archive.part" "$url"
  mv "$archive.part" "$archive"
fi
expected=$(curl -fsSL "$url.sha1" | cut -c1-40)
actual=$(sha1sum "$archive" | cut -c1-40)
if [ "$expected" != "$actual" ]; then
  echo "SHA-1 of $archive is $actual, Maven Central says $expected: deleting it, run again" >&2
  rm -f "$archive"
  exit 1
fi
home=$dist/keycloak-$KEYCLOAK_VERSION
[ -d "$home" ] || tar -xzf "$archive" -C "$dist"
rm -rf "$home/data" # a new dev-file H2 database every run: the same empty realm each time

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
mgmt=$(free_port)
admin_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')

# ---- start-dev: H2 dev-file database (its default), health on the management port, log level warn ----
echo "== Keycloak $KEYCLOAK_VERSION, start-dev on 127.0.0.1:$port (management $mgmt)"
JAVA_HOME="$JAVA25" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
  "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$port" --http-management-port="$mgmt" \
  --health-enabled=true --log-level="${KEYCLOAK_LOG_LEVEL:-warn}" >"$out/keycloak.log" 2>&1 &
kc_script=$!
# kc.sh runs java as its child (or execs it after a re-augmentation): stop exactly what we started.
stop_keycloak() {
  local java_pid
  java_pid=$(keycloak_java_pid || true)
  kill -TERM "$kc_script" 2>/dev/null || true
  [ -n "$java_pid" ] && kill -TERM "$java_pid" 2>/dev/null || true
  wait "$kc_script" 2>/dev/null || true
}
keycloak_java_pid() {
  if [ "$(cat /proc/$kc_script/comm 2>/dev/null)" = java ]; then echo "$kc_script"; return; fi
  local child
  for child in $(cat /proc/$kc_script/task/*/children 2>/dev/null); do
    if [ "$(cat /proc/$child/comm 2>/dev/null)" = java ]; then echo "$child"; return; fi
  done
  return 1
}
trap stop_keycloak EXIT

started=$(date +%s)
until curl -fs "http://127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1; do
  if ! kill -0 "$kc_script" 2>/dev/null; then echo "Keycloak exited; log: $out/keycloak.log" >&2; tail -n 40 "$out/keycloak.log" >&2; exit 1; fi
  if [ $(( $(date +%s) - started )) -gt 300 ]; then echo "Keycloak not ready in 300 s; log: $out/keycloak.log" >&2; exit 1; fi
  sleep 1
done
kc_pid=$(keycloak_java_pid)
echo "Keycloak ready after $(( $(date +%s) - started )) s, java pid $kc_pid"

# ---- the realm, through the admin REST API (admin-cli token of the bootstrap admin) ----
base=http://127.0.0.1:$port
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
token=$(curl -fsS "$base/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  -d username=admin --data-urlencode "password=$admin_password" | json "['access_token']")
admin() { # method path [json body]
  curl -fsS -X "$1" "$base/admin/realms$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
service_secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
web_secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
user_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
# Realm defaults otherwise: RS256 keys, refresh tokens on (HS512 JWTs), no refresh-token revocation.
# The password hash is named, not left to a default that changed once already (PBKDF2-SHA512 before
# Keycloak 24, Argon2id since); the stored credential is read back below.
admin POST "" '{"realm":"bench","enabled":true,"passwordPolicy":"hashAlgorithm(argon2)"}'
admin POST /bench/clients "{\"clientId\":\"bench-service\",\"enabled\":true,\"publicClient\":false,
  \"clientAuthenticatorType\":\"client-secret\",\"secret\":\"$service_secret\",\"serviceAccountsEnabled\":true,
  \"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false}"
admin POST /bench/clients "{\"clientId\":\"bench-web\",\"enabled\":true,\"publicClient\":false,
  \"clientAuthenticatorType\":\"client-secret\",\"secret\":\"$web_secret\",\"standardFlowEnabled\":true,
  \"directAccessGrantsEnabled\":false,\"redirectUris\":[\"$REDIRECT_URI\"],
  \"attributes\":{\"pkce.code.challenge.method\":\"S256\"},
  \"protocolMappers\":[{\"name\":\"audience bench-web\",\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",
    \"config\":{\"included.client.audience\":\"bench-web\",\"access.token.claim\":\"true\",\"introspection.token.claim\":\"true\"}}]}"
# Keycloak 26's user profile wants email, first and last name; without them the first sign-in
# stops at an "update your profile" page instead of the redirect.
admin POST /bench/users "{\"username\":\"bench-user\",\"enabled\":true,\"emailVerified\":true,\"firstName\":\"Bench\",
  \"lastName\":\"User\",\"email\":\"bench-user@bench.test\",\"requiredActions\":[],
  \"credentials\":[{\"type\":\"password\",\"value\":\"$user_password\",\"temporary\":false}]}"

# ---- what Keycloak stored: the floor's "keycloak-argon2id" must be the hash it really checks ----
# credentialData of the user's password, e.g. {"hashIterations":5,"algorithm":"argon2","additionalParameters":
# {"hashLength":["32"],"memory":["7168"],"type":["id"],"version":["1.3"],"parallelism":["1"]}}
user_id=$(admin GET "/bench/users?username=bench-user&exact=true" | json "[0]['id']")
admin GET "/bench/users/$user_id/credentials" | python3 -c '
import json, sys
creds = [c for c in json.load(sys.stdin) if c.get("type") == "password"]
data = json.loads(creds[0]["credentialData"]) if len(creds) == 1 else {}
params = {k: v[0] for k, v in data.get("additionalParameters", {}).items()}
found = {"algorithm": data.get("algorithm"), "hashIterations": data.get("hashIterations"), **params}
expected = {"algorithm": "argon2", "hashIterations": 5, "type": "id", "version": "1.3", "hashLength": "32",
            "memory": "7168", "parallelism": "1"}
print("Keycloak stored the password as", json.dumps(found, sort_keys=True))
if found != expected:
    sys.exit("expected " + json.dumps(expected, sort_keys=True) + ": the floor (--password-hash keycloak-argon2id) would not be the hash Keycloak checks")
' || exit 1
# The refresh token's signature: the benchmark reads each token's alg from its header; the realm's keys say the same.
admin GET "/bench/keys" | python3 -c 'import json,sys; print("Realm keys in use:", json.load(sys.stdin)["active"])'

# ---- the same scenarios, external-target mode, Keycloak's process ----
# Keycloak 26 answers {"active":false} to a client that is not in the token's audience, so
# bench-web (the client that introspects, as ours does) has an audience mapper naming itself.
"${bench[@]}" --issuer "$base/realms/bench" --server-pid "$kc_pid" --label "keycloak $KEYCLOAK_VERSION" \
  --client-id bench-service --client-secret "$service_secret" \
  --code-client-id bench-web --code-client-secret "$web_secret" --redirect-uri "$REDIRECT_URI" \
  --username bench-user --password "$user_password" --login keycloak --password-hash keycloak-argon2id \
  --scenarios "$SCENARIOS" "${timing[@]}" ${extra[@]+"${extra[@]}"} --json "$out/keycloak.json" | tee "$out/keycloak.txt" \
  || status=1
stop_keycloak
trap - EXIT

# ---- 3. side by side ----
if [ -f "$out/smsauth.json" ]; then
  "$JAVA25/bin/java" -cp "bench/target/bench.jar:bench/target/lib/*" dev.smsauth.bench.SideBySide \
    "$out/smsauth.json" "$out/keycloak.json" smsauth "Keycloak $KEYCLOAK_VERSION" | tee "$out/side-by-side.md"
fi
exit $status
