#!/usr/bin/env bash
# check-dist.sh: checks the shaded job jars of `mvn -Pdist -DskipTests package` (docs/deploy.md)
# without a cluster. Each jar runs with nothing beside it but what its engine's distribution puts on
# the classpath (resolved by scripts/dist/cluster-pom.xml from the engine artifacts alone), as
# `flink run` / `spark-submit` would run it:
#   1. contents: no engine, Scala or logging-binding classes in either jar; Spark's clashing
#      libraries relocated in the Spark jar;
#   2. every command's --help on both jars (command classes load without the other engine);
#   3. the Flink jar: `focus bench` on a 30 s generated video (Flink MiniCluster, FFmpeg via
#      JavaCV, DJL/PyTorch, Parquet index on the bundled Hadoop client);
#   4. the Spark jar: a shortened `skew study --preset smoke` (Spark local, DJL/PyTorch training)
#      and a small `gaia launch` (2 data centres in a child JVM started with the jar's class path:
#      GaiaDcMain, BouncyCastle certificates, mutual TLS over loopback).
# Usage: scripts/check-dist.sh [--build] [--keep]
#   --build  run `mvn -Pdist -DskipTests package` first (otherwise the jars must exist)
#   --keep   keep the work folder (jobs/target/dist-check) for inspection
# Takes ~5-10 minutes on 2 cores once the jars exist and the built-in Focus models are cached in
# ~/.cache/tributary (training them adds ~5); building the jars takes ~5-10 more.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD=0 KEEP=0
for a in "$@"; do
  case "$a" in
    --build) BUILD=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "check-dist: unknown option $a" >&2; exit 2 ;;
  esac
done

log() { printf '[check-dist] %s\n' "$*" >&2; }
fail() { printf '[check-dist] FAIL: %s\n' "$*" >&2; exit 1; }

VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
FLINK_JAR="$ROOT/jobs/target/tributary-flink-$VERSION.jar"
SPARK_JAR="$ROOT/jobs/target/tributary-spark-$VERSION.jar"
if [ "$BUILD" = 1 ]; then
  log "building the job jars (mvn -Pdist -DskipTests package)..."
  mvn -B -q -Dstyle.color=never -Pdist -DskipTests package
fi
for j in "$FLINK_JAR" "$SPARK_JAR"; do
  [ -s "$j" ] || fail "$j is missing: run 'mvn -Pdist -DskipTests package' or pass --build"
done
WORK="$ROOT/jobs/target/dist-check"
rm -rf "$WORK"; mkdir -p "$WORK"
[ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT

log "resolving the engines' own classpaths (scripts/dist/cluster-pom.xml)..."
for e in flink spark; do
  mvn -B -q -Dstyle.color=never -f scripts/dist/cluster-pom.xml -P"$e" dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cluster-$e.txt" >&2
  [ -s "$WORK/cluster-$e.txt" ] || fail "could not resolve the $e cluster classpath"
done

# --- 1. contents -------------------------------------------------------------------------------
entries() { unzip -Z1 "$1"; }
entries "$FLINK_JAR" > "$WORK/flink.lst"
entries "$SPARK_JAR" > "$WORK/spark.lst"
forbid() { # jar-list label regex
  local hits; hits="$(grep -E "$3" "$1" | head -5 || true)"
  [ -z "$hits" ] || fail "$2 contains classes it must not bundle:"$'\n'"$hits"
}
need() { grep -qE "$3" "$1" || fail "$2 lacks $3"; }
# Flink: only the formats Flink leaves to jobs (flink-parquet, flink-avro) may be under org/apache/flink.
grep -v '^org/apache/flink/formats/' "$WORK/flink.lst" > "$WORK/flink-nonformats.lst" || true
forbid "$WORK/flink-nonformats.lst" "the Flink jar" '^org/apache/flink/.+[.]class$'
forbid "$WORK/flink.lst" "the Flink jar" '^(org/apache/spark|scala|org/slf4j|org/apache/logging/log4j)/'
forbid "$WORK/flink.lst" "the Flink jar" '^io/tributary/(gaia|skew)/'
need "$WORK/flink.lst" "the Flink jar" '^io/tributary/focus/'
need "$WORK/flink.lst" "the Flink jar" '^io/tributary/connectors/'
need "$WORK/flink.lst" "the Flink jar" '^org/apache/flink/formats/parquet/'
forbid "$WORK/spark.lst" "the Spark jar" '^(org/apache/spark|org/apache/flink|scala|org/apache/hadoop|org/apache/parquet|com/fasterxml|org/slf4j|org/apache/logging/log4j|org/apache/commons/logging)/'
forbid "$WORK/spark.lst" "the Spark jar" '^(com/google/gson|org/apache/commons/codec|org/apache/commons/compress)/'
forbid "$WORK/spark.lst" "the Spark jar" '^io/tributary/(focus|connectors)/'
need "$WORK/spark.lst" "the Spark jar" '^io/tributary/shaded/com/google/gson/'
need "$WORK/spark.lst" "the Spark jar" '^io/tributary/gaia/'
need "$WORK/spark.lst" "the Spark jar" '^io/tributary/skew/'
for j in "$FLINK_JAR" "$SPARK_JAR"; do
  unzip -p "$j" META-INF/services/ai.djl.engine.EngineProvider | grep -q PtEngineProvider \
    || fail "$(basename "$j"): DJL's PyTorch engine is not registered in META-INF/services"
  unzip -p "$j" META-INF/MANIFEST.MF | grep -q 'Main-Class: io.tributary.jobs.Tributary' \
    || fail "$(basename "$j"): no Main-Class"
  if grep -qE '^META-INF/[^/]+\.(SF|DSA|RSA|EC)$' <(entries "$j"); then
    fail "$(basename "$j") keeps signature files of a signed dependency"
  fi
done
unzip -p "$FLINK_JAR" META-INF/services/org.apache.hadoop.fs.FileSystem | grep -q LocalFileSystem \
  || fail "the Flink jar does not register Hadoop's FileSystems in META-INF/services"
log "contents ok: $(du -h "$FLINK_JAR" | cut -f1) $(basename "$FLINK_JAR"), $(du -h "$SPARK_JAR" | cut -f1) $(basename "$SPARK_JAR")"

# --- 2, 3. runs ----------------------------------------------------------------------------------
# A fresh user home per run: nothing cached by ./tributary (DJL natives, etc.) may help the jars.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# The built-in Focus models are data, not classpath: reuse ./tributary's cache (trained if absent).
MODELS="${TRIBUTARY_CACHE:-$HOME/.cache/tributary}"
run() { # engine jar args...
  local e="$1" jar="$2"; shift 2
  java -Xmx3g -XX:+UseParallelGC -Djava.awt.headless=true -Dai.djl.offline=true \
    -Duser.home="$WORK/home-$e" -Dtributary.cache.dir="$MODELS" \
    -cp "$jar:$(cat "$WORK/cluster-$e.txt")" io.tributary.jobs.Tributary "$@"
}

# Every command's help on both jars: the command classes must load without the other engine.
for e in flink spark; do
  jar="$FLINK_JAR"; [ "$e" = spark ] && jar="$SPARK_JAR"
  for c in "" focus "focus ingest" "focus query" "focus bench" gaia "gaia launch" "gaia bench" skew "skew study"; do
    # shellcheck disable=SC2086
    run "$e" "$jar" $c --help > "$WORK/help.txt" 2>&1 || { cat "$WORK/help.txt" >&2; fail "$e jar: '$c --help' failed"; }
  done
done
log "help of every command ok on both jars"
log "Flink jar: focus bench on a 30 s generated video"
t0=$SECONDS
run flink "$FLINK_JAR" focus bench --seconds 30 --out "$WORK/focus-bench" > "$WORK/flink-bench.txt" 2>&1 \
  || { tail -30 "$WORK/flink-bench.txt" >&2; fail "the Flink jar: focus bench failed"; }
[ -s "$WORK/focus-bench/summary.json" ] || fail "the Flink jar: focus bench wrote no summary.json"
grep -q '"ingest_cost_ratio"' "$WORK/focus-bench/summary.json" || fail "the Flink jar: summary.json lacks ingest_cost_ratio"
log "Flink jar: focus bench ok in $((SECONDS - t0)) s: $(tr -d '\n' < "$WORK/focus-bench/summary.json" | grep -oE '"(ingest_cost_ratio|query_latency_ratio)"[^,}]*' | tr '\n' ' ')"

log "Spark jar: skew study --preset smoke, shortened (1 epoch, 20 images per class)"
t0=$SECONDS
run spark "$SPARK_JAR" skew study --preset smoke --epochs 1 --train-per-class 20 --test-per-class 10 \
  --out "$WORK/skew-study" > "$WORK/spark-study.txt" 2>&1 \
  || { tail -30 "$WORK/spark-study.txt" >&2; fail "the Spark jar: skew study failed"; }
[ -s "$WORK/skew-study/summary.json" ] || fail "the Spark jar: skew study wrote no summary.json"
log "Spark jar: skew study ok in $((SECONDS - t0)) s"
log "Spark jar: gaia launch, 2 data centres in a child JVM (GaiaDcMain, mutual TLS over loopback)"
t0=$SECONDS
run spark "$SPARK_JAR" gaia launch --dcs 2 --jvms 1 --heap 1g --users 2000 --items 400 --ratings-per-user 10 \
  --max-seconds 40 --out "$WORK/gaia" > "$WORK/spark-gaia.txt" 2>&1 \
  || { tail -30 "$WORK/spark-gaia.txt" >&2; fail "the Spark jar: gaia launch failed"; }
grep -q 'results in' "$WORK/spark-gaia.txt" || fail "the Spark jar: gaia launch reported no results"
log "Spark jar: gaia launch ok in $((SECONDS - t0)) s: $(grep -m1 -E 'converged|stopped|reached' "$WORK/spark-gaia.txt" | cut -c1-120)"
log "all checks passed"
