#!/usr/bin/env bash
# Starts a real Apache Kafka 3.9.1 broker (KRaft, no ZooKeeper) for tests and the demo.
#   bash deploy/local-kafka/start.sh            one node: broker on 127.0.0.1:9092
#   bash deploy/local-kafka/start.sh --nodes 3  three nodes: brokers on 127.0.0.1:9092,9093,9094
# Jars come from Maven Central into deploy/local-kafka/.cache (reused when present). Data, logs
# and the pid file live in $KSTREAMS_KAFKA_DIR (default <repo>/.kafka); stop.sh removes them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${KSTREAMS_KAFKA_DIR:-$root/.kafka}
libs=$here/.cache/libs
kafka_version=3.9.1
base_port=9092
nodes=1

while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
    --nodes=*) nodes=${1#--nodes=}; shift ;;
    *) echo "unknown argument: $1 (usage: start.sh [--nodes 1|3])" >&2; exit 2 ;;
  esac
done
case "$nodes" in 1|3) ;; *) echo "--nodes must be 1 or 3, got '$nodes'" >&2; exit 2 ;; esac

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

if [ -f "$data/kafka.pid" ]; then
  running=0
  while read -r pid; do alive "$pid" && running=1; done < "$data/kafka.pid"
  if [ "$running" = 1 ]; then
    echo "kafka is already running (pids $(tr '\n' ' ' < "$data/kafka.pid")in $data); stop it with npm run kafka:stop"
    exit 0
  fi
  # a pid file left by a broker that died: its data is of no use
  rm -rf "$data"
fi

if [ ! -f "$libs/kafka_2.13-$kafka_version.jar" ]; then
  echo "fetching Kafka $kafka_version jars from Maven Central into $libs ..."
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs"
fi

mkdir -p "$data"
cluster_id=$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('base64url'))")

voters=""
bootstrap=""
for ((i = 1; i <= nodes; i++)); do
  voters+="${voters:+,}$i@127.0.0.1:$((base_port + 100 + i - 1))"
  bootstrap+="${bootstrap:+,}127.0.0.1:$((base_port + i - 1))"
done
rf=$nodes

for ((i = 1; i <= nodes; i++)); do
  dir=$data/node-$i
  mkdir -p "$dir/logs"
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$((base_port + i - 1)),CONTROLLER://127.0.0.1:$((base_port + 100 + i - 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$((base_port + i - 1))
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=$rf
offsets.topic.replication.factor=$rf
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
# tests use timestamps near 1970: time-based retention would delete their records within minutes
log.retention.ms=-1
log.message.timestamp.type=CreateTime
PROPS
  cat > "$dir/log4j.properties" <<PROPS
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/logs/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
PROPS
  java -Xms64m -Xmx256m -cp "$libs/*" -Dlog4j.configuration="file:$dir/log4j.properties" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" > "$dir/logs/format.log" 2>&1 || {
      echo "formatting node $i failed:" >&2; tail -n 30 "$dir/logs/format.log" >&2; exit 1; }
done

: > "$data/kafka.pid"
for ((i = 1; i <= nodes; i++)); do
  dir=$data/node-$i
  # setsid: the broker outlives the shell that started it (npm exits right after this script)
  KAFKA_HEAP_OPTS="" setsid java -Xms256m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$libs/*" kafka.Kafka "$dir/server.properties" > "$dir/logs/stdout.log" 2>&1 < /dev/null &
  echo $! >> "$data/kafka.pid"
done
echo "$bootstrap" > "$data/bootstrap"

started=$(date +%s%N)
if ! node "$here/wait-ready.mjs" --bootstrap "$bootstrap" --brokers "$nodes" --pids "$data/kafka.pid" --timeout-ms 120000; then
  for ((i = 1; i <= nodes; i++)); do
    echo "---- tail of node $i's log ($data/node-$i/logs) ----" >&2
    tail -n 40 "$data/node-$i/logs/server.log" 2>/dev/null >&2 || true
    tail -n 20 "$data/node-$i/logs/stdout.log" 2>/dev/null >&2 || true
  done
  bash "$here/stop.sh" > /dev/null 2>&1 || true
  echo "kafka failed to start" >&2
  exit 1
fi
echo "kafka $kafka_version is up on $bootstrap ($nodes node(s), ready in $(( ($(date +%s%N) - started) / 1000000 )) ms, data in $data)"
