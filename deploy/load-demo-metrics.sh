#!/usr/bin/env bash
# Loads a year of demo KPI events of Region Jönköping (06) into a running
# suite: consults on the three demo lines of deploy/load-demo-roster.sh (run
# it first) and multidisciplinary conferences of the demo health centres, as
# the consult and conference services send them, slowly improving over the
# year. It runs at every start: the events are the same whenever they are
# made (`samspar kpi demo-events`), so those already ingested come back
# DUPLICATE and only what has happened since is added. The events carry no
# patient data; their subject keys are hashes of a counter.
#
#   deploy/load-demo-metrics.sh <samspar client>
#
# Uses the environment the client needs (SAMSPAR_TLS_CA_FILE,
# SAMSPAR_SIGNING_KEY_FILE). Quiet unless something fails.
set -euo pipefail

samspar="$1"
admin=(--as=SE2321000057-9100 --roles=region_admin)
# The consult service's identity: only the services ingest events.
ingest=(--client_id=samspar-consult --scopes=metrics.ingest --timeout=60s)

lines="$("$samspar" "${admin[@]}" lines)"
# line_named NAME: the resource name of the line with that display name
# (`samspar lines` prints it last on the line's row).
line_named() { awk -v name="$1" 'index($0, name) == 1 { print $NF; exit }' <<<"$lines"; }
acute="$(line_named "Bakjour internmedicin, Ryhov")"
semi_acute="$(line_named "Kardiologkonsult, regionen")"
ambulance="$(line_named "Läkare för ambulansen, VC Bra Liv Gislaved")"
if [ -z "$acute" ] || [ -z "$semi_acute" ] || [ -z "$ambulance" ]; then
  echo "load-demo-metrics: the demo lines are not in the roster (deploy/load-demo-roster.sh makes them)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One IngestEventsRequest of at most 1000 events a line, one call each (a
# batch is too large for a command-line argument: it goes on stdin).
"$samspar" kpi demo-events "$acute" "$semi_acute" "$ambulance" >"$work/events.jsonl"
split -l 1 -a 3 "$work/events.jsonl" "$work/batch-"
for batch in "$work"/batch-*; do
  answer="$("$samspar" "${ingest[@]}" call MetricsService.IngestEvents <"$batch")"
  grep -o '"reason": "[A-Z_]*"' <<<"$answer" | cut -d'"' -f4 >>"$work/rejected" || true
done
if [ -s "$work/rejected" ]; then
  echo "load-demo-metrics: demo events were rejected:" >&2
  sort "$work/rejected" | uniq -c >&2
  if grep -q EVENT_ID_CONFLICT "$work/rejected"; then
    echo "  (the metrics database holds demo events of other lines, from an earlier roster: remove it to start over)" >&2
  fi
  exit 1
fi
