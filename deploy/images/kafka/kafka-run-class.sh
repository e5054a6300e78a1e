#!/usr/bin/env bash
# kafka-run-class.sh [-daemon] [-name NAME] [-loggc] CLASS [ARGS...]
#
# Runs a Kafka class on the image's class path (/opt/kafka/libs/*), honouring the
# same variables as bin/kafka-run-class.sh of the Kafka distribution:
# KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS,
# KAFKA_JMX_OPTS with JMX_PORT, CLASSPATH, JAVA_HOME (and CDS_ARCHIVE/CDS_DUMP below). -daemon, -name and -loggc are
# accepted and ignored (everything runs in the foreground, logs go to the console).
set -euo pipefail

while [ $# -gt 0 ]; do
    case $1 in
        -daemon|-loggc) shift ;;
        -name) shift 2 ;;
        *) break ;;
    esac
done
if [ $# -lt 1 ]; then
    echo "usage: ${0##*/} [-daemon] [-name NAME] [-loggc] CLASS [ARGS...]" >&2
    exit 1
fi

java_bin=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_bin=$JAVA_HOME/bin/java
fi

heap=${KAFKA_HEAP_OPTS:--Xmx256M}
perf=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}
# AppCDS: CDS_DUMP=FILE writes a class-data archive at exit (image build),
# CDS_ARCHIVE=FILE uses one when it exists (set by kafka-command for the broker and
# the storage tool).
cds=
if [ -n "${CDS_DUMP:-}" ]; then
    cds="-XX:ArchiveClassesAtExit=$CDS_DUMP"
elif [ -n "${CDS_ARCHIVE:-}" ] && [ -r "$CDS_ARCHIVE" ]; then
    cds="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xshare:auto"
fi
jmx=
if [ -n "${JMX_PORT:-}" ]; then
    jmx="${KAFKA_JMX_OPTS:--Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false} -Dcom.sun.management.jmxremote.port=$JMX_PORT"
fi

# shellcheck disable=SC2086  # option strings are word-split on purpose, like the original
exec "$java_bin" $heap $perf $cds $jmx ${KAFKA_LOG4J_OPTS:-} ${KAFKA_OPTS:-} \
    -Dkafka.logs.dir=/opt/kafka/logs \
    -cp "/opt/kafka/libs/*${CLASSPATH:+:$CLASSPATH}" "$@"
