#!/usr/bin/env bash
# Loads the demo roster of Region Jönköping (06) into a running suite: the
# directory from deploy/demo/*.csv, three on-call lines (one per kind of
# track) and their rotations. It runs at every start: the directory import
# is an upsert, and the lines and their rotations are made only when the
# region has no lines yet. The roster holds no patient data.
#
#   deploy/load-demo-roster.sh <samspar client>
#
# Uses the environment the client needs (SAMSPAR_TLS_CA_FILE,
# SAMSPAR_SIGNING_KEY_FILE).
set -euo pipefail

samspar="$1"
demo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/demo"
admin=(--as=SE2321000057-9100 --roles=region_admin)

"$samspar" "${admin[@]}" import-directory \
  --units_csv="$demo/units.csv" --practitioners_csv="$demo/practitioners.csv" >/dev/null

# call METHOD JSON: prints the resource name in the response.
call() {
  "$samspar" "${admin[@]}" call "RosterService.$1" "$2" | grep -m1 -o '"regions/06/[^"]*"' | tr -d '"'
}

if [ -n "$("$samspar" "${admin[@]}" lines)" ]; then exit 0; fi

weekdays='"windows":[{"days":["DAY_OF_WEEK_MONDAY","DAY_OF_WEEK_TUESDAY","DAY_OF_WEEK_WEDNESDAY","DAY_OF_WEEK_THURSDAY","DAY_OF_WEEK_FRIDAY"],"start_time":{"hours":8},"end_time":{"hours":17}}],"public_holidays":"PUBLIC_HOLIDAY_RULE_CLOSED"'
policy='"escalation_policy":{"steps":[{"target":"ESCALATION_TARGET_ON_CALL","ack_timeout":"300s"},{"target":"ESCALATION_TARGET_BACKUP","ack_timeout":"300s"},{"target":"ESCALATION_TARGET_SWITCHBOARD"}],"repeat_count":1}'

acute="$(call CreateLine '{"parent":"regions/06","request_id":"6f1d2c3b-0a01-4e5f-8a9b-000000000001","line":{
  "display_name":"Bakjour internmedicin, Ryhov","tracks":["TRACK_ACUTE"],
  "unit":{"name":"regions/06/units/SE2321000057-K001"},"specialty":"internal-medicine","state":"LINE_STATE_ACTIVE",
  "coverage_hours":{"around_the_clock":true},"public_phone":"+4636322100","fallback_phone":"+4636321000",
  "description":"Akuta frågor från primärvården: direktinläggning, direkt till röntgen.",'"$policy"'}}')"
cardiology="$(call CreateLine '{"parent":"regions/06","request_id":"6f1d2c3b-0a01-4e5f-8a9b-000000000002","line":{
  "display_name":"Kardiologkonsult, regionen","tracks":["TRACK_SEMI_ACUTE"],
  "unit":{"name":"regions/06/units/SE2321000057-K002"},"specialty":"cardiology","state":"LINE_STATE_ACTIVE",
  "coverage_hours":{'"$weekdays"'},"public_phone":"+4636323100","fallback_phone":"+4636321000",
  "description":"Konsultation i stället för remiss, vardagar 08-17.",'"$policy"'}}')"
ambulance="$(call CreateLine '{"parent":"regions/06","request_id":"6f1d2c3b-0a01-4e5f-8a9b-000000000003","line":{
  "display_name":"Läkare för ambulansen, VC Bra Liv Gislaved","tracks":["TRACK_ACCESSIBLE_PRIMARY_CARE"],
  "unit":{"name":"regions/06/units/SE2321000057-V001"},"specialty":"general-practice","state":"LINE_STATE_ACTIVE",
  "coverage_hours":{'"$weekdays"'},"public_phone":"+4637124200","fallback_phone":"+4637124000",
  "description":"Ambulansen når distriktsläkaren för bedömning på plats.",'"$policy"'}}')"

doctor() { printf '{"name":"regions/06/practitioners/SE2321000057-%s"}' "$1"; }
rotation() {  # REQUEST_NO NAME LINE PERIOD TIER RESTRICT PARTICIPANTS...
  local number="$1" title="$2" line="$3" period="$4" tier="$5" restrict="$6"
  shift 6
  local people=() id
  for id in "$@"; do people+=("$(doctor "$id")"); done
  local joined
  joined="$(IFS=,; echo "${people[*]}")"
  call CreateRotation '{"parent":"'"$line"'","request_id":"6f1d2c3b-0a01-4e5f-8a9b-00000000010'"$number"'","rotation":{
    "display_name":"'"$title"'","tier":"'"$tier"'","participants":['"$joined"'],"period":"'"$period"'",
    "handover_time":{"hours":8},"start_date":{"year":2026,"month":1,"day":5},"restrict_to_line_hours":'"$restrict"'}}' >/dev/null
}
rotation 1 "Bakjour dygn" "$acute" ROTATION_PERIOD_DAY ON_CALL_TIER_PRIMARY false D001 D002 D003 D004
rotation 2 "Bakjour reserv vecka" "$acute" ROTATION_PERIOD_WEEK ON_CALL_TIER_BACKUP false D002 D001
rotation 3 "Kardiologkonsult dag" "$cardiology" ROTATION_PERIOD_DAY ON_CALL_TIER_PRIMARY true D005 D006
rotation 4 "Ambulansläkare dag" "$ambulance" ROTATION_PERIOD_DAY ON_CALL_TIER_PRIMARY true G001 G002
