#!/usr/bin/env bash
# Makes the JVM's AOT cache (JEP 483/514/515, Java 25+) of the auth server, in one command:
#
#   infra/aot-cache.sh <auth-server.jar> <outdir>     extract the Spring Boot jar into <outdir>
#                                                     (application.jar + lib/), then train
#   infra/aot-cache.sh --extracted <dir>              train in <dir>, which already holds
#                                                     application.jar and lib/ (the Dockerfile's
#                                                     layers)
#
# Result: <dir>/app.aot. Start the server with the same java and the same files:
#   java -XX:AOTCache=<dir>/app.aot -jar <dir>/application.jar
# A cache only serves the exact class path it was made from (the same jars, sizes and times) and
# the JVM build that made it; anything else and the JVM starts without it (a warning, no error).
# The uber jar itself can not use it: its classes come from Spring Boot's own class loader.
#
# The training run starts the server on an in-memory H2 database (no file, no external service,
# the embedded default's public secrets), with AOT_TRAINING_JAVA_OPTIONS (default -Xmx512m
# -XX:+UseG1GC: a fixed heap keeps compressed oops on whatever the build machine's memory, as at run
# time; G1 because only a G1 training run writes the archived heap objects (interned strings, class
# mirrors, module graph) into the cache: a Serial one, which the JVM picks by itself on a build
# machine under 1,792 MB or with one CPU, logs "Not dumping heap"; any GC loads them at run time).
# JAVA_TOOL_OPTIONS (the image's run-time options) do not apply to the training run; the check
# below starts with them, so that it proves the cache loads with the run-time GC and flags. Two kinds:
#   AOT_TRAINING=refresh (default)   -Dspring.context.exit=onRefresh: exit as soon as the context is
#                                    refreshed (Spring's documented training run; no request served)
#   AOT_TRAINING=workload            start, then ask the readiness probe, discovery, JWKS, the
#                                    sign-in page and a client_credentials token five times each,
#                                    then sign two demo people in through the SMS step (code
#                                    exchange, userinfo, introspection, refresh), then SIGTERM: the
#                                    cache also holds the classes and method profiles (JEP 515) of
#                                    the readiness probe and the real flows. Measured against refresh
#                                    (docs/perf-notes/startup2.md): classes loaded outside the cache
#                                    at start 1,698 -> 807 and in the first sign-in 1,355 -> 133, but
#                                    no cheaper start or first sign-in in CPU, and 5-22 MB more idle
#                                    RSS (against the 250 MB target); 118 MB against 104. Not the default.
# Spring's ahead-of-time bean definitions (the jar's process-aot output): when the run-time options
# (JAVA_TOOL_OPTIONS) hold -Dspring.aot.enabled=true, as the image's do, the training and the check
# run with them too, so that the cache holds the classes such a start loads. AOT_SETTINGS: the
# JVM options the jar's definitions were made with (-Dspring-boot.aot.jvmArguments at build; the
# image: -Dauth.sms.provider=vonage). The training run needs them too, or config.BuildTimeBeanSetCheck
# stops it; with a real SMS provider it is not the embedded default, so it also gets stand-in secrets
# and provider credentials that exist only in that run (it sends nothing and keeps nothing).
# AOT_SETTINGS works with the refresh training only (the workload training signs in through the outbox).
# JAVA (default: java on PATH, or $JAVA_HOME/bin/java) must be Java 25 or newer.
set -euo pipefail

usage() { sed -n '2,9p' "$0" >&2; exit 64; }

java_bin=${JAVA:-$([ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME/bin/java" || echo java)}
training=${AOT_TRAINING:-refresh}
training_opts=${AOT_TRAINING_JAVA_OPTIONS:--Xmx512m -XX:+UseG1GC}

if [ "${1:-}" = "--extracted" ]; then
  [ $# -eq 2 ] || usage
  dir=$(cd "$2" && pwd)
else
  [ $# -eq 2 ] || usage
  jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  mkdir -p "$2"
  dir=$(cd "$2" && pwd)
  rm -rf "$dir/lib" "$dir/application.jar" "$dir/app.aot"
  "$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename application.jar --force >/dev/null
fi
[ -f "$dir/application.jar" ] && [ -d "$dir/lib" ] || { echo "no application.jar and lib/ in $dir" >&2; exit 1; }

version=$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${version%%.*}" -lt 25 ] 2>/dev/null; then
  echo "$java_bin is Java $version: the AOT cache (-XX:AOTCacheOutput) needs Java 25 or newer" >&2
  exit 1
fi

# Nothing of the training run may stay in the image or the worktree: H2 in memory, and its own
# working directory for anything else a start writes.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app_args=(--server.port=0 "--spring.datasource.url=jdbc:h2:mem:aot-training;DB_CLOSE_DELAY=-1")
# The embedded default (no profile: the image sets SPRING_PROFILES_ACTIVE=mysql for run time).
unset SPRING_PROFILES_ACTIVE
rm -f "$dir/app.aot"

# The run-time options (the image's JAVA_TOOL_OPTIONS, e.g. another GC) stay out of the training.
runtime_opts=${JAVA_TOOL_OPTIONS:-}
unset JAVA_TOOL_OPTIONS

spring_aot=()
case " $runtime_opts " in *" -Dspring.aot.enabled=true "*) spring_aot=(-Dspring.aot.enabled=true) ;; esac
read -r -a settings <<<"${AOT_SETTINGS:-}"
if [ ${#settings[@]} -gt 0 ]; then
  [ "$training" = refresh ] || { echo "AOT_SETTINGS works with AOT_TRAINING=refresh only" >&2; exit 64; }
  settings+=(-Dauth.bootstrap.management-client-secret=aot-training-only-management-secret-0123456789
    -Dauth.sms.code-hmac-key=aot-training-only-hmac-key-0123456789abcdef
    -Dauth.keys.encryption-key=YW90LXRyYWluaW5nLW9ubHkta2VrLTAxMjM0NTY3ODk=
    -Dauth.sms.vonage.api-key=aot-training -Dauth.sms.vonage.api-secret=aot-training -Dauth.sms.vonage.from=SmsAuth
    -Dauth.sms.twilio.account-sid=ACaottraining -Dauth.sms.twilio.auth-token=aot-training -Dauth.sms.twilio.from=+15555550100)
fi

if [ "$training" = "refresh" ]; then
  (cd "$work" && "$java_bin" $training_opts "${spring_aot[@]}" "${settings[@]}" -XX:AOTCacheOutput="$dir/app.aot" -Dspring.context.exit=onRefresh \
    -jar "$dir/application.jar" "${app_args[@]}" >"$work/training.log" 2>&1) \
    || { cat "$work/training.log" >&2; exit 1; }
else
  (cd "$work" && exec "$java_bin" $training_opts "${spring_aot[@]}" -XX:AOTCacheOutput="$dir/app.aot" \
    -jar "$dir/application.jar" "${app_args[@]}" >"$work/training.log" 2>&1) &
  pid=$!
  port=
  fetch() { # url [curl options]: the status code, 000 when nothing answers
    local url=$1; shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" 2>/dev/null || true
  }
  # A free port chosen by Tomcat (no other tool needed in a JRE image); read from the log.
  for _ in $(seq 1 1200); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$work/training.log" | head -n 1)
    [ -n "$port" ] && [ "$(fetch "http://127.0.0.1:$port/actuator/health/readiness")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/training.log" >&2; exit 1; }
    sleep 0.1
  done
  base="http://127.0.0.1:$port"
  [ -n "$port" ] && [ "$(fetch "$base/actuator/health/readiness")" = 200 ] \
    || { kill "$pid"; cat "$work/training.log" >&2; exit 1; }
  # One sign-in of the embedded default's demo user at its demo application (SMS step on, PKCE), hop by
  # hop: authorize -> /login -> password -> authorize -> /mfa/sms -> Send code -> the code from the dev
  # outbox (management scope) -> Verify -> authorize -> the code -> token, userinfo, introspection,
  # refresh. Public demo values only; nothing is printed (the code stays in a shell variable).
  hop() { # method url [curl options]: sets status, location and page (the body)
    local method=$1 url=$2; shift 2
    local out
    out=$(curl -s -o "$work/page" -w '%{http_code} %{redirect_url}' --max-time 20 -b "$work/cookies" -c "$work/cookies" \
      -X "$method" "$@" "$url" 2>/dev/null) || out="000 "
    status=${out%% *}; location=${out#* }; page=$(cat "$work/page" 2>/dev/null || true)
  }
  must() { # status (a pattern: 30[23]) location-prefix (may be empty) step
    # shellcheck disable=SC2053 # $1 is a pattern on purpose
    [[ $status == $1 ]] && [[ $location == "$2"* ]] \
      || { kill "$pid"; echo "training sign-in: $3 answered $status $location" >&2; exit 1; }
  }
  csrf() { sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1; }
  json() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$page"; }
  sign_in() { # n username password phone (URL-encoded)
    rm -f "$work/cookies"
    local verifier challenge redirect=http://localhost:8080/login/oauth2/code/smsauth code management access refresh
    verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    challenge=$(printf '%s' "$verifier" | sha256sum | cut -d' ' -f1 | sed 's/../\\x&/g')
    challenge=$(printf '%b' "$challenge" | base64 | tr '+/' '-_' | tr -d '=\n')
    hop GET "$base/oauth2/authorize?response_type=code&client_id=demo-client&redirect_uri=$redirect&scope=openid%20profile%20phone%20offline_access&state=training-$1&nonce=n-$1&code_challenge=$challenge&code_challenge_method=S256"
    must "30[23]" "$base/login" "authorize"
    hop GET "$location"; must 200 "" "sign-in page"
    hop POST "$base/login" --data-urlencode "username=$2" --data-urlencode "password=$3" --data-urlencode "_csrf=$(csrf)"
    must "30[23]" "$base/oauth2/authorize" "password"
    hop GET "$location"; must "30[23]" "$base/mfa/sms" "authorize after the password"
    hop GET "$location"; must 200 "" "SMS page"
    hop POST "$base/mfa/sms/send" --data-urlencode "_csrf=$(csrf)"; must "30[23]" "$base/mfa/sms" "send code"
    hop GET "$location"; must 200 "" "SMS page after sending"
    local form_csrf; form_csrf=$(csrf)
    hop POST "$base/oauth2/token" -u management-cli:management-secret -d grant_type=client_credentials -d scope=management
    management=$(json access_token)
    hop GET "$base/api/v1/dev/sms-outbox?to=$4" -H "Authorization: Bearer $management"
    # The newest message comes first; its text starts with the code.
    code=$(sed 's/},{/\n/g' <<<"$page" | head -n 1 | sed -n 's/.*"text":"\([0-9]\{6\}\) .*/\1/p')
    hop POST "$base/mfa/sms/verify" --data-urlencode "code=$code" --data-urlencode "_csrf=$form_csrf"
    must "30[23]" "$base/oauth2/authorize" "verify"
    hop GET "$location"; must "30[23]" "$redirect?code=" "authorize after the SMS step"
    code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
    hop POST "$base/oauth2/token" -u demo-client:demo-secret -d grant_type=authorization_code -d "code=$code" \
      -d "redirect_uri=$redirect" -d "code_verifier=$verifier"
    must 200 "" "code exchange"
    access=$(json access_token); refresh=$(json refresh_token)
    hop GET "$base/userinfo" -H "Authorization: Bearer $access"; must 200 "" "userinfo"
    hop POST "$base/oauth2/introspect" -u demo-client:demo-secret -d "token=$access"; must 200 "" "introspection"
    hop POST "$base/oauth2/token" -u demo-client:demo-secret -d grant_type=refresh_token -d "refresh_token=$refresh"
    must 200 "" "refresh"
  }
  # The requests every deployment answers first. The management client exists in the embedded
  # default only (public secret): its token is what a client_credentials grant costs.
  expect() { # status url [curl options]: a training run that learns error pages is no training
    local want=$1 got; shift
    got=$(fetch "$@")
    [ "$got" = "$want" ] || { kill "$pid"; echo "training: $1 answered $got, not $want" >&2; exit 1; }
  }
  for _ in 1 2 3 4 5; do
    expect 200 "$base/actuator/health/readiness"
    expect 200 "$base/.well-known/openid-configuration"
    expect 200 "$base/oauth2/jwks"
    expect 200 "$base/login"
    expect 200 "$base/oauth2/token" -u management-cli:management-secret -d grant_type=client_credentials -d scope=management
  done
  # Then the real flows, so that the cache holds their classes and the JIT starts with their method
  # profiles (JEP 515): sign-ins as a browser makes them, the demo application's code exchange,
  # userinfo, introspection and a refresh.
  # Two people, one sign-in each (a number's resend cooldown would refuse a second code at once).
  sign_in 1 demo demo-password %2B15555550100
  sign_in 2 admin admin-password %2B15555550199
  kill -TERM "$pid"
  wait "$pid" || true # 143 after SIGTERM; the cache is written on the way out
fi

if [ ! -s "$dir/app.aot" ]; then
  echo "no AOT cache was written; the training log:" >&2
  cat "$work/training.log" >&2
  exit 1
fi
# Proof that the cache fits these jars and this JVM: -XX:AOTMode=on refuses to start without it
# (the default, auto, would quietly start without). One start to the refreshed context, with the
# run-time options (JAVA_TOOL_OPTIONS as given to this script) and the training's fixed heap.
verified=$(date +%s%N)
(cd "$work" && JAVA_TOOL_OPTIONS=$runtime_opts "$java_bin" -Xmx512m "${settings[@]}" -XX:AOTMode=on -XX:AOTCache="$dir/app.aot" -Dspring.context.exit=onRefresh \
  -jar "$dir/application.jar" "${app_args[@]}" >"$work/verify.log" 2>&1) \
  || { echo "the AOT cache does not load:" >&2; cat "$work/verify.log" >&2; exit 1; }
verified=$(( ($(date +%s%N) - verified) / 1000000 ))
echo "$dir/app.aot ($(du -h "$dir/app.aot" | cut -f1), $training training, $("$java_bin" -version 2>&1 | head -n 1);" \
  "a start with it to the refreshed context: $verified ms)"
