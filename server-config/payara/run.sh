#!/bin/sh
# The README's run command (`mvn -B -DskipTests package exec:exec@payara`, pom.xml) starts Herald on Payara Micro with
# this: 512 MB, and exit on an OutOfMemoryError (Payara lingers half-alive after one, answering nothing, ignoring
# SIGTERM: better a supervisor restarts it); the dev profile (the demo); HTTP on 8080 and HTTPS with HTTP/2 on 8443
# with the development certificate (production names its own: docs/servers.md). The ports are properties the pre-boot
# file reads, not the port options, which would open the listeners before Herald is deployed (docs/servers.md,
# Restarts); on SIGTERM the grace gives Herald's shutdown hook the time to tell every stream (SignalShutdownIT).
#   run.sh <target directory> <keystore> <keystore password> <certificate alias>
set -eu
CONFIG="$(cd "$(dirname "$0")" && pwd)"
TARGET="$1"; KEYSTORE="$2"; PASSWORD="$3"; ALIAS="$4"
exec java -Xmx512m -XX:+ExitOnOutOfMemoryError -Dmp.config.profile=dev \
    -Djavax.net.ssl.keyStore="$KEYSTORE" -Djavax.net.ssl.keyStorePassword="$PASSWORD" \
    -Dherald.http.port=8080 -Dherald.https.port=8443 \
    -jar "$TARGET/payara-micro.jar" --nocluster --shutdowngrace 3000 --sslcert "$ALIAS" \
    --prebootcommandfile "$CONFIG/pre-boot-commands.asadmin" --postdeploycommandfile "$CONFIG/post-deploy-commands.asadmin" \
    --deploy "$TARGET/herald.war" --contextroot /
