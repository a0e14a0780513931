#!/bin/bash
# Captures sync-protocol golden vectors from a real conntrackd: runs it in a throwaway network
# namespace with UDP sync to 127.0.0.2:3780, where a small Python listener records every datagram
# as hex, while conntrack(8) and local traffic create, update and delete entries there.
#
# Usage (as root): capture.sh [OUTPUT_DIR]     (default: the directory of this script)
# Needs: ip (iproute2), conntrack, conntrackd, nft, python3, unshare, overlayfs.
# Never touches the root namespace's conntrack table; kills only the processes it started and
# deletes its namespace on exit.
set -euo pipefail

OUT=$(cd "${1:-$(dirname "$0")}" && pwd)
NS="cts-$RANDOM-golden"
TMP=$(mktemp -d)
DAEMON=""
LISTENER=""

cleanup() {
    if [ -n "$DAEMON" ]; then
        kill "$DAEMON" 2>/dev/null || true
        wait "$DAEMON" 2>/dev/null || true
    fi
    if [ -n "$LISTENER" ]; then
        kill "$LISTENER" 2>/dev/null || true
        wait "$LISTENER" 2>/dev/null || true
    fi
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

for tool in ip conntrack conntrackd nft python3 unshare; do
    command -v "$tool" >/dev/null || { echo "capture.sh: $tool is missing" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "capture.sh: needs root (network namespaces)" >&2; exit 1; }

ip netns add "$NS"
X=(ip netns exec "$NS")
"${X[@]}" ip link set lo up
"${X[@]}" ip addr add 10.99.0.1/32 dev lo
"${X[@]}" sysctl -qw net.netfilter.nf_conntrack_events=1

# conntrack(8) and nft resolve label names from connlabel.conf; provide one through an overlay on
# /etc inside a private mount namespace, so the host's /etc is left alone.
mkdir -p "$TMP/etc/xtables" "$TMP/etcwork"
printf '0 zero\n1 one\n5 five\n40 forty\n127 last\n' >"$TMP/etc/xtables/connlabel.conf"
cp "$TMP/etc/xtables/connlabel.conf" "$TMP/etc/connlabel.conf"
labels() {
    unshare -m --propagation private sh -c \
        'mount -t overlay overlay -o lowerdir=/etc,upperdir="$0/etc",workdir="$0/etcwork" /etc && exec "$@"' \
        "$TMP" "$@"
}

# - the sync traffic itself is not tracked (it would be replicated otherwise);
# - "ct label" makes the kernel attach label storage to new entries;
# - the ftp helper on port 21 makes the FTP exchange below create an expectation, and the SNAT
#   of the control connection to 10.99.0.222 makes nf_nat_ftp rewrite the PORT command (a longer
#   address, so the entry gets sequence adjustments);
# - the nat table loads NAT support, which "conntrack -I --src-nat/--dst-nat" needs.
labels "${X[@]}" nft -f - <<'NFT'
table inet cts {
  ct helper ftp-std { type "ftp" protocol tcp; }
  chain raw_out {
    type filter hook output priority raw;
    udp dport { 3780, 3999 } notrack;
  }
  chain raw_pre {
    type filter hook prerouting priority raw;
    udp dport { 3780, 3999 } notrack;
  }
  chain out {
    type filter hook output priority 0;
    tcp dport 21 ct helper set "ftp-std";
    ct label "five" counter;
  }
}
table ip ctsnat {
  chain post {
    type nat hook postrouting priority srcnat;
    ip daddr 10.99.0.1 tcp dport 21 snat to 10.99.0.222;
  }
  chain out {
    type nat hook output priority -100;
  }
}
NFT
"${X[@]}" ip addr add 10.99.0.222/32 dev lo

# listener: every datagram to 127.0.0.2:3780 as "< HEX"; a datagram to port 3999 starts a
# section ("# NAME").
"${X[@]}" python3 -u - "$TMP/capture.hex" <<'PY' &
import select, socket, sys
out = open(sys.argv[1], 'w', buffering=1)
data = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
data.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
data.bind(('127.0.0.2', 3780))
mark = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
mark.bind(('127.0.0.2', 3999))
while True:
    ready, _, _ = select.select([data, mark], [], [])
    for s in ready:
        payload = s.recv(65536)
        if s is mark:
            out.write('# %s\n' % payload.decode().strip())
        else:
            out.write('< %s\n' % payload.hex())
PY
LISTENER=$!
sleep 0.5

section() {
    "${X[@]}" python3 -c 'import socket,sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(sys.argv[1].encode(), ("127.0.0.2", 3999))' "$1"
    sleep 0.3
}

# peer HEX: sends one datagram to conntrackd's receive socket (127.0.0.1:3780).
peer() {
    "${X[@]}" python3 -c 'import socket,sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(bytes.fromhex(sys.argv[1]), ("127.0.0.1", 3780))' "$1"
    sleep 0.2
}

# run_daemon MODE EXTRA_SYNC_OPTIONS: starts conntrackd with UDP sync from 127.0.0.1 to 127.0.0.2.
run_daemon() {
    local mode=$1 tcpwt=$2 commit=$3
    cat >"$TMP/conntrackd.conf" <<CONF
Sync {
    Mode $mode {
        $commit
    }
    UDP {
        IPv4_address 127.0.0.1
        IPv4_Destination_Address 127.0.0.2
        Port 3780
        Interface lo
        Checksum on
    }
    Options {
        TCPWindowTracking $tcpwt
        ExpectationSync on
    }
}
General {
    Systemd off
    HashSize 65536
    HashLimit 262144
    LogFile $TMP/conntrackd.log
    Syslog off
    LockFile $TMP/conntrackd.lock
    UNIX {
        Path $TMP/conntrackd.ctl
    }
    NetlinkBufferSize 2097152
    NetlinkBufferSizeMaxGrowth 8388608
}
CONF
    "${X[@]}" conntrackd -C "$TMP/conntrackd.conf" >"$TMP/conntrackd.out" 2>&1 &
    DAEMON=$!
    sleep 1.5
}

stop_daemon() {
    sleep 1.2
    kill "$DAEMON"
    wait "$DAEMON" 2>/dev/null || true
    DAEMON=""
    rm -f "$TMP/conntrackd.lock" "$TMP/conntrackd.ctl"
}

ct() {
    "${X[@]}" conntrack "$@" >/dev/null 2>&1 || echo "capture.sh: conntrack $* failed" >&2
    sleep 0.3
}

ftp_exchange() {
    "${X[@]}" python3 - <<'PY'
import socket, time
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("10.99.0.1", 21))
srv.listen(1)
data = socket.socket()
data.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
data.bind(("10.99.0.1", 50000))
data.listen(1)
c = socket.create_connection(("10.99.0.1", 21), source_address=("10.99.0.1", 40021))
s, _ = srv.accept()
s.sendall(b"220 hi\r\n"); c.recv(100)
c.sendall(b"USER a\r\n"); s.recv(100); s.sendall(b"331 ok\r\n"); c.recv(100)
c.sendall(b"PORT 10,99,0,1,195,80\r\n"); line = s.recv(100); s.sendall(b"200 ok\r\n"); c.recv(100)
time.sleep(0.5)
# the server side opens the data connection to the address the (NATed) PORT command named
h = line.decode().split()[1].split(",")
d = socket.create_connection((".".join(h[:4]), int(h[4]) * 256 + int(h[5])), source_address=("10.99.0.1", 40020))
time.sleep(0.5)
d.close(); c.close(); s.close()
PY
}

KERNEL=$(uname -r)
CTDVER=$(conntrackd -v 2>&1 | head -1)
CTVER=$(conntrack --version 2>&1 | head -1)

# --- run 1: FTFW, TCPWindowTracking off, no CommitTimeout ---
section "run ftfw tcpwindowtracking=off committimeout=unset"
run_daemon FTFW off ""
section "tcp_mark"
ct -I -p tcp -s 1.1.1.1 -d 2.2.2.2 --sport 1234 --dport 80 --state ESTABLISHED -t 100 \
    -u SEEN_REPLY,ASSURED -m 7
section "tcp_snat"
ct -I -p tcp -s 10.0.0.5 -d 8.8.8.8 --sport 40000 --dport 443 --state ESTABLISHED -t 100 \
    -u SEEN_REPLY,ASSURED -m 7 --src-nat 192.0.2.1:61000
section "udp_dnat"
ct -I -p udp -s 198.51.100.7 -d 203.0.113.1 --sport 40000 --dport 80 -t 30 \
    --dst-nat 10.0.0.80:8080
section "udp_snat_addr_only"
ct -I -p udp -s 10.0.0.6 -d 192.0.2.9 --sport 5000 --dport 53 -t 30 --src-nat 100.64.0.1
section "icmp_echo"
ct -I -p icmp -s 10.0.0.5 -d 192.0.2.1 --icmp-type 8 --icmp-code 0 --icmp-id 4660 -t 30
section "icmp_snat"
ct -I -p icmp -s 10.0.0.7 -d 192.0.2.1 --icmp-type 8 --icmp-code 0 --icmp-id 4661 -t 30 \
    --src-nat 100.64.0.2
section "tcp6"
ct -I -p tcp -s 2001:db8::1 -d 2001:db8::2 --sport 40000 --dport 22 --state ESTABLISHED \
    -t 300 -u SEEN_REPLY,ASSURED -m 7
section "udp6_snat"
ct -I -p udp -s 2001:db8::5 -d 2001:db8:1::9 --sport 5353 --dport 53 -t 30 \
    --src-nat 2001:db8:ffff::1
section "icmp6_echo"
ct -I -p icmpv6 -s 2001:db8::1 -d 2001:db8::2 --icmpv6-type 128 --icmpv6-code 0 \
    --icmpv6-id 4660 -t 30
section "udp_zone"
ct -I -p udp -s 10.0.0.5 -d 192.0.2.1 --sport 1000 --dport 53 -t 30 -w 5
section "tcp_labels"
ct -I -p tcp -s 10.0.0.8 -d 192.0.2.1 --sport 1000 --dport 80 --state ESTABLISHED -t 100 \
    -u SEEN_REPLY,ASSURED
labels "${X[@]}" conntrack -U -p tcp -s 10.0.0.8 -d 192.0.2.1 --sport 1000 --dport 80 \
    --label-add one,five,forty >/dev/null 2>&1 || echo "capture.sh: label update failed" >&2
sleep 0.3
section "sctp"
ct -I -p sctp -s 10.0.0.5 -d 192.0.2.1 --sport 3868 --dport 3868 --state ESTABLISHED \
    --orig-vtag 287454020 --reply-vtag 1432778632 -t 100
section "dccp"
ct -I -p dccp -s 10.0.0.5 -d 192.0.2.1 --sport 5004 --dport 5005 --state OPEN --role client -t 100
section "gre"
ct -I -p gre -s 10.0.0.5 -d 192.0.2.1 --srckey 0x1234 --dstkey 0x5678 -t 100
section "udplite"
ct -I -p udplite -s 10.0.0.5 -d 192.0.2.1 --sport 1000 --dport 2000 -t 100
section "esp"
ct -I -p 50 -s 10.0.0.5 -d 192.0.2.1 -t 100
section "update_mark"
ct -U -p tcp -s 1.1.1.1 -d 2.2.2.2 --sport 1234 --dport 80 -m 9
section "delete_tcp"
ct -D -p tcp -s 1.1.1.1 -d 2.2.2.2 --sport 1234 --dport 80
section "ftp_helper_expectation_related"
ftp_exchange
sleep 0.5
section "idle"
sleep 1.5
# conntrackd's answers to a peer: HELLO then data (ACK with HELLO_BACK), a gap (NACK), a RESYNC
# request (bulk send) and the HELLO_BACK that ends its HELLO phase.
section "peer_hello_and_data"
peer 1a30000800001000
peer 1020003c00001001000c00000a4d00010a4d000200080005000000080005000211000000000800030001000200080006000000640008000700000000
sleep 1.5
section "peer_gap"
peer 1000003c00001003000c00000a4d00030a4d000400080005000000080005000211000000000800030001000200080006000000640008000700000000
sleep 1.5
section "peer_resync_request"
peer 1a020010000010040000000000000000
sleep 1.5
section "peer_hello_back"
peer 1a480010000010050000000000000000
sleep 1.5
"${X[@]}" conntrackd -C "$TMP/conntrackd.conf" -s network >"$TMP/stats-network.txt" 2>&1 || true
"${X[@]}" conntrackd -C "$TMP/conntrackd.conf" -e >"$TMP/external-cache.txt" 2>&1 || true
section "flush"
ct -F
stop_daemon

# --- run 2: NOTRACK, TCPWindowTracking on, CommitTimeout 180 ---
section "run notrack tcpwindowtracking=on committimeout=180"
run_daemon NOTRACK on "CommitTimeout 180"
section "tcp_wscale_no_timeout"
ct -I -p tcp -s 10.0.0.9 -d 192.0.2.1 --sport 2000 --dport 443 --state ESTABLISHED -t 100 \
    -u SEEN_REPLY,ASSURED
section "idle"
sleep 1.5
stop_daemon
section "end"
sleep 0.3

{
    echo "# kernel $KERNEL, $CTDVER, $CTVER"
    cat "$TMP/capture.hex"
} >"$OUT/conntrackd-1.4.7.hex"
{
    echo "# conntrackd -s network, then -e (external cache), after the peer_* sections"
    cat "$TMP/stats-network.txt" "$TMP/external-cache.txt"
} >"$OUT/conntrackd-1.4.7-peer-view.txt"
echo "captured into $OUT/conntrackd-1.4.7.hex on $KERNEL with $CTDVER"
