#!/usr/bin/env bash
# Kernel benchmark of ctsync's netlink layer (not a test). Needs root: creates a throwaway network
# namespace, runs io.ctsync.bench.KernelBench in it (insert, dump+decode, delete, and event receive while
# a second JVM inserts), prints medians against the targets, and deletes the namespace on exit.
#
#   bench/kernel-bench.sh [--entries 100000] [--runs 3] [--batch 256] [--pause-ms 2000] [--event-buffer BYTES]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/kernel-bench.jar"

if [[ $(id -u) -ne 0 ]]; then
  echo "kernel-bench: needs root (network namespaces, CAP_NET_ADMIN)" >&2
  exit 2
fi
for tool in ip java; do
  command -v "$tool" >/dev/null || { echo "kernel-bench: $tool is missing" >&2; exit 2; }
done

if [[ ! -f "$jar" || -n "${REBUILD:-}" ]]; then
  (cd "$root" && ./mvnw -q -o install -DskipTests -pl bench -am) || (cd "$root" && ./mvnw -q install -DskipTests -pl bench -am)
fi

ns="cts-$(printf '%06x' $((RANDOM * 32768 + RANDOM)))-bench"
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" sysctl -q -w net.netfilter.nf_conntrack_events=1

# the JVMs stay in the root namespace; the benchmark opens its sockets inside $ns
java -Xms1g -Xmx2g -XX:+UseParallelGC -jar "$jar" --netns "$ns" "$@"
