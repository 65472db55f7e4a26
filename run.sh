#!/usr/bin/env bash
# Runs the embedded default: Payara Micro with the self-contained WAR on http://localhost:8080.
# Builds first when the WAR is missing or older than the sources. Configuration comes from the
# environment (see README.md): an H2 file database under ./data unless CHAT_DB_URL names a
# PostgreSQL database; dev login unless CHAT_OIDC_ISSUER is set.
set -euo pipefail
cd "$(dirname "$0")"

war=chat-web/target/parley.war
micro=chat-web/target/micro/payara-micro.jar
if [ -z "${PARLEY_SKIP_BUILD:-}" ] && { [ ! -f "$war" ] || [ ! -f "$micro" ] || [ -n "$(find pom.xml chat-*/pom.xml chat-*/src frontend -newer "$war" -type f -not -path '*/node_modules/*' -not -path '*/target/*' -print -quit 2>/dev/null)" ]; }; then
  echo "Building (mvn -DskipTests install)..."
  mvn -B -q -DskipTests install
fi

port="${CHAT_PORT:-${PORT:-8080}}"
data_dir="$(mkdir -p "${CHAT_DATA_DIR:-./data}" && cd "${CHAT_DATA_DIR:-./data}" && pwd)"
export CHAT_DATA_DIR="$data_dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
boot="$work/postboot.asadmin"

# asadmin property values escape ':' and '=' with a backslash
esc() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' -e 's/=/\\=/g'; }

extra_libs=()
if [ -n "${CHAT_DB_URL:-}" ]; then
  props="url=$(esc "$CHAT_DB_URL")"
  [ -n "${CHAT_DB_USER:-}" ] && props="$props:user=$(esc "$CHAT_DB_USER")"
  # Payara insists on a password property; "()" is its spelling of an empty one
  props="$props:password=$(esc "${CHAT_DB_PASSWORD:-()}")"
  cat > "$boot" <<ASADMIN
create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource --restype=javax.sql.DataSource --steadypoolsize=4 --maxpoolsize=32 --statementcachesize=64 --isconnectvalidatereq=true --validationmethod=auto-commit --property $props ChatPool
set resources.jdbc-resource.jdbc/__default.pool-name=ChatPool
ASADMIN
  extra_libs=(--addlibs chat-web/target/micro/postgresql.jar)
  echo "Database: PostgreSQL at ${CHAT_DB_URL%%\?*}"
else
  echo "set resources.jdbc-connection-pool.H2Pool.property.URL=jdbc:h2:file:$data_dir/parley;WRITE_DELAY=0" > "$boot"
  # H2 parses every statement it is handed; the pool keeps the prepared ones per connection
  echo "set resources.jdbc-connection-pool.H2Pool.statement-cache-size=64" >> "$boot"
  echo "Database: H2 file database in $data_dir"
fi

# CHAT_BIND_ADDRESS limits the interface (default: all). Dev login itself answers only callers on
# this machine unless CHAT_DEV_LOGIN_REMOTE=true: it lets anyone sign in as anyone, admins too.
pre="$work/preboot.asadmin"
bind="${CHAT_BIND_ADDRESS:-0.0.0.0}"
echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=$bind" > "$pre"
# A reconnect storm (every client of a restarted node at once) queues one task per connection on
# the HTTP thread pool; past Payara's default queue of 4,096 Grizzly drops connections and logs a
# SEVERE for each. The queue is bounded by the open connections anyway (and those by the file
# descriptors), so it is left unbounded.
echo "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-queue-size=-1" >> "$pre"
# A connection whose handshake waits in that queue longer than the HTTP idle timeout (Payara's
# default 30 s) is closed unanswered: 10,000 at once take longer than that here (docs/reliability.md)
echo "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.timeout-seconds=90" >> "$pre"
# No cleartext HTTP/2 upgrade (browsers only speak HTTP/2 over TLS): Grizzly 4's Http2ServerFilter
# reads request objects that are being recycled and logs NullPointerExceptions (docs/reliability.md)
echo "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.http2-enabled=false" >> "$pre"
# /metrics is the app's own (Prometheus text, the same on every server): Payara's MP Metrics steps aside
echo "set configs.config.server-config.microprofile-metrics-configuration.enabled=false" >> "$pre"
if [ -z "${CHAT_OIDC_ISSUER:-}" ] && [ "${CHAT_DEV_LOGIN_REMOTE:-false}" = true ]; then
  echo "WARNING: dev login is open to other machines: anyone who can reach port $port can sign in, as an admin too."
fi

# CHAT_LOG_FORMAT=json: one JSON object per line on the console (Payara's JSON formatter), for
# log shippers; anything else keeps Payara's readable format
log_args=()
if [ "${CHAT_LOG_FORMAT:-}" = json ]; then
  cat > "$work/logging.properties" <<'PROPERTIES'
handlers=java.util.logging.ConsoleHandler
java.util.logging.ConsoleHandler.formatter=fish.payara.enterprise.server.logging.JSONLogFormatter
java.util.logging.ConsoleHandler.level=INFO
.level=INFO
javax.enterprise.system.tools.deployment.dol.level=WARNING
javax.enterprise.system.tools.deployment.common.level=WARNING
fish.payara.nucleus.util.level=WARNING
org.glassfish.admin.mbeanserver.level=WARNING
com.hazelcast.level=WARNING
org.hibernate.validator.internal.util.Version.level=WARNING
PROPERTIES
  log_args=(--logproperties "$work/logging.properties")
fi

# Class-data sharing: a start without an archive records the classes it loaded and writes them at
# its clean exit (to a name of its own, renamed into place only after a clean exit, so that
# servers started side by side or killed mid-write never leave a broken archive); later starts
# map them instead of loading and verifying each again (docs/benchmarks.md). A newer WAR makes a
# new archive. CHAT_CLASS_ARCHIVE=false turns it off.
cds_args=() archive="" recording=""
if [ "${CHAT_CLASS_ARCHIVE:-true}" != false ]; then
  archive="${war%.war}-java$(java -version 2>&1 | sed -n '1s/[^"]*"\([^"]*\)".*/\1/p').jsa"
  if [ -f "$archive" ] && [ "$archive" -nt "$war" ] && [ "$archive" -nt "$micro" ]; then
    cds_args=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  else
    recording="$archive.$$"
    cds_args=(-XX:ArchiveClassesAtExit="$recording" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
fi

echo "Starting Payara Micro on http://localhost:$port (listening on $bind) ..."
# --nohazelcast: one node needs no data grid, and it would listen on every interface
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx1g} "${cds_args[@]}" -jar "$micro" --nocluster --nohazelcast --contextroot / --port "$port" \
  --prebootcommandfile "$pre" --postbootcommandfile "$boot" "${extra_libs[@]}" "${log_args[@]}" --deploy "$war" &
server=$!
keep_archive() { # a clean exit (0, or 143 after SIGTERM) wrote a whole archive
  local status=$1
  if [ -n "$recording" ] && [ -f "$recording" ]; then
    if [ "$status" -eq 0 ] || [ "$status" -eq 143 ]; then mv -f "$recording" "$archive"; else rm -f "$recording"; fi
  fi
}
trap 'kill "$server" 2>/dev/null; code=0; wait "$server" 2>/dev/null || code=$?; keep_archive "$code"; rm -rf "$work"' EXIT INT TERM
status=0
wait "$server" || status=$?
keep_archive "$status"
recording=""
exit "$status"
