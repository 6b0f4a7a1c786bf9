#!/bin/sh
# Creates the development certificate both run commands and the tests serve HTTPS with: a self-signed RSA key
# for localhost and 127.0.0.1 in a PKCS#12 keystore under target/ (never committed; `mvn clean` removes it, the next
# build makes a new one). Run by the build (pom.xml, execution dev-certificate); does nothing when it exists.
# Production brings its own keystore instead: docs/servers.md, "HTTPS and HTTP/2".
#   dev-certificate.sh <keytool> <keystore> <password> <alias>
set -eu
KEYTOOL="$1"; KEYSTORE="$2"; PASSWORD="$3"; ALIAS="$4"

if [ -f "$KEYSTORE" ]; then
    exit 0
fi
mkdir -p "$(dirname "$KEYSTORE")"
"$KEYTOOL" -genkeypair -alias "$ALIAS" -keyalg RSA -keysize 2048 -validity 365 \
    -dname "CN=localhost, O=Herald development certificate" \
    -ext "SAN=dns:localhost,ip:127.0.0.1,ip:::1" \
    -storetype PKCS12 -keystore "$KEYSTORE" -storepass "$PASSWORD" -keypass "$PASSWORD"
echo "development certificate: $KEYSTORE (self-signed, for localhost; not for production)"
