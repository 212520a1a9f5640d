#!/usr/bin/env bash
# Creates a private certificate authority and the certificates a local run
# (and the tests) need, with OpenSSL:
#
#   deploy/make-local-pki.sh DIR
#
#   DIR/ca.pem, DIR/ca-key.pem                 the local CA (10 days)
#   DIR/server.pem, DIR/server-key.pem         every service's server certificate,
#                                              for localhost and 127.0.0.1
#   DIR/client.pem, DIR/client-key.pem         the services' client certificate,
#                                              for mutual TLS between them
#   DIR/token-signing-key.pem                  the local identity provider's key that
#                                              bearer tokens are signed with (its public
#                                              JWKS is written by `samspar jwks`)
#   DIR/calendar-feed.key                      32 random bytes that sign the roster's
#                                              calendar feed URLs
#   DIR/dashboard.key                          32 random bytes that sign the metrics
#                                              service's KPI dashboard links
#   DIR/subject-keys.txt                       every region's secret under which the
#                                              consult service names consults in
#                                              metrics events (pseudonymous keys)
#
# Keys are EC P-256, certificates short-lived: they are for one machine and
# are made anew when they are missing. Existing files are kept.
set -euo pipefail

dir="${1:?usage: make-local-pki.sh DIR}"
mkdir -p "$dir"
chmod 700 "$dir"
days=10

if [ ! -s "$dir/ca.pem" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
    -subj "/O=Samspar local/CN=Samspar local CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" 2>/dev/null
fi

# leaf NAME SUBJECT_CN EXTENDED_KEY_USAGE [SUBJECT_ALT_NAMES]
leaf() {
  local name="$1" cn="$2" usage="$3" sans="${4:-}"
  [ -s "$dir/$name.pem" ] && return 0
  local extensions
  extensions="$(mktemp)"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$usage"
    [ -n "$sans" ] && echo "subjectAltName=$sans"
  } >"$extensions"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/O=Samspar local/CN=$cn" -keyout "$dir/$name-key.pem" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca-key.pem" \
    -CAcreateserial -days "$days" -extfile "$extensions" -out "$dir/$name.pem" 2>/dev/null
  rm -f "$dir/$name.csr" "$extensions"
}

leaf server "localhost" serverAuth "DNS:localhost,IP:127.0.0.1"
leaf client "samspar-services" clientAuth "URI:spiffe://samspar.local/services"
if [ ! -s "$dir/token-signing-key.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/token-signing-key.pem"
fi
for key in calendar-feed dashboard; do
  if [ ! -s "$dir/$key.key" ]; then
    openssl rand -out "$dir/$key.key" 32
  fi
done
if [ ! -s "$dir/subject-keys.txt" ]; then
  {
    echo "# Subject-key secrets: never change a region's secret once in use."
    for region in 01 03 04 05 06 07 08 09 10 12 13 14 17 18 19 20 21 22 23 24 25; do
      echo "$region $(openssl rand -hex 32)"
    done
  } >"$dir/subject-keys.txt"
fi
chmod 600 "$dir"/*-key.pem "$dir/calendar-feed.key" "$dir/dashboard.key" "$dir/subject-keys.txt"
