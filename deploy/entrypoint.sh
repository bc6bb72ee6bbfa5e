#!/bin/sh
# Start the linli component named by LINLI_COMPONENT, or run the given command as it is.
set -eu
if [ "$#" -gt 0 ]; then
  exec "$@"
fi
component="${LINLI_COMPONENT:?set LINLI_COMPONENT to <service>-api, <service>-worker or gateway}"
case "$component" in
  communities-api|tickets-api|points-api|fees-api|notifications-api)
    service="${component%-api}"
    export LINLI_SERVICE="$service"
    exec python -m "linli_${service}.entrypoints.grpc_api" ;;
  communities-worker|tickets-worker|points-worker|fees-worker|notifications-worker)
    service="${component%-worker}"
    export LINLI_SERVICE="$service"
    exec python -m "linli_${service}.entrypoints.worker" ;;
  gateway)
    export LINLI_SERVICE=gateway
    exec python -m linli_gateway.app ;;
  *)
    echo "unknown LINLI_COMPONENT: $component" >&2
    exit 64 ;;
esac
