#!/bin/bash
# Captures ctnetlink golden vectors from the running kernel: every datagram that conntrack(8)
# sends and receives, recorded with strace in a throwaway network namespace.
#
# Usage (as root): capture.sh [OUTPUT_DIR]     (default: the directory of this script)
# Needs: ip (iproute2), conntrack, strace, nft, python3, unshare, overlayfs.
# Never touches the root namespace's conntrack table; deletes its namespace on exit.
set -euo pipefail

OUT=$(cd "${1:-$(dirname "$0")}" && pwd)
NS="cts-$RANDOM-golden"
TMP=$(mktemp -d)
LISTENER=""

cleanup() {
    if [ -n "$LISTENER" ]; then
        kill "$LISTENER" 2>/dev/null || true
    fi
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

for tool in ip conntrack strace nft python3 unshare; do
    command -v "$tool" >/dev/null || { echo "capture.sh: $tool is missing" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "capture.sh: needs root (network namespaces)" >&2; exit 1; }

ip netns add "$NS"
X=(ip netns exec "$NS")

# conntrack(8) and nft resolve label names from connlabel.conf; provide one through an overlay on
# /etc inside a private mount namespace, so the host's /etc is left alone.
mkdir -p "$TMP/etc/xtables" "$TMP/etcwork"
printf '0 zero\n1 one\n5 five\n127 last\n' >"$TMP/etc/xtables/connlabel.conf"
cp "$TMP/etc/xtables/connlabel.conf" "$TMP/etc/connlabel.conf"
labels() {
    unshare -m --propagation private sh -c \
        'mount -t overlay overlay -o lowerdir=/etc,upperdir="$0/etc",workdir="$0/etcwork" /etc && exec "$@"' \
        "$TMP" "$@"
}

"${X[@]}" sysctl -qw net.netfilter.nf_conntrack_acct=1 net.netfilter.nf_conntrack_timestamp=1 \
    net.netfilter.nf_conntrack_events=1
"${X[@]}" ip link set lo up
# A rule using "ct label" makes the kernel attach label storage to new entries; the ftp helper
# object lets local FTP traffic create expectations.
labels "${X[@]}" nft -f - <<'EOF'
table inet cts {
  ct helper ftp-std { type "ftp" protocol tcp; }
  chain out {
    type filter hook output priority 0;
    tcp dport 21 ct helper set "ftp-std";
    ct label "five" counter;
  }
}
EOF

KERNEL=$(uname -r)
CTVER=$(conntrack --version 2>&1 | head -1)

# Turns an strace log (with -e read=all -e write=all hex dumps) into NAME.hex: one datagram per
# line, '>' for bytes conntrack sent, '<' for bytes it received.
convert() {
    local name=$1 log=$2 shift_cmd=$3
    python3 - "$log" "$OUT/$name.hex" "$KERNEL" "$CTVER" "$shift_cmd" <<'PY'
import re, sys
log, out, kernel, ctver, cmd = sys.argv[1:]
call = re.compile(r'^(?:\d+\s+)?(?:<\.\.\. )?(sendto|sendmsg|recvfrom|recvmsg)\b')
dump = re.compile(r'^(?:\d+)?\s*\| ([0-9a-f]{5})  ((?:[0-9a-f]{2} {1,2}){1,16})')
blocks, cur = [], None
for line in open(log):
    m = call.match(line)
    if m:
        cur = ['>' if m.group(1).startswith('send') else '<', '']
        blocks.append(cur)
        continue
    d = dump.match(line)
    if d and cur is not None:
        cur[1] += d.group(2).replace(' ', '')
with open(out, 'w') as f:
    f.write('# kernel %s, %s\n' % (kernel, ctver))
    f.write('# command: %s\n' % cmd)
    for direction, hexdata in blocks:
        if hexdata:
            f.write('%s %s\n' % (direction, hexdata))
PY
}

# conntrack 1.4.7 stores "-u" in the same place as an earlier "-m": always give -u before -m.
#
# capture NAME [labels] -- conntrack ARGS...: runs conntrack under strace in the namespace,
# writes NAME.hex and NAME.out (what conntrack printed).
capture() {
    local name=$1
    shift
    local wrap=()
    if [ "$1" = labels ]; then
        wrap=(labels)
        shift
    fi
    local log="$TMP/$name.strace"
    "${wrap[@]}" "${X[@]}" strace -f -x -s 65536 -e trace=sendto,sendmsg,recvfrom,recvmsg \
        -e read=all -e write=all -o "$log" "$@" >"$OUT/$name.out" 2>&1 || true
    convert "$name" "$log" "$*"
}

# start_listener NAME ARGS...: conntrack -E under strace in the background.
start_listener() {
    local name=$1
    shift
    "${X[@]}" strace -f -x -s 65536 -e trace=sendto,sendmsg,recvfrom,recvmsg \
        -e read=all -e write=all -o "$TMP/$name.strace" "$@" >"$OUT/$name.out" 2>&1 &
    LISTENER=$!
    LISTENER_NAME=$name
    LISTENER_CMD="$*"
    sleep 1
}

stop_listener() {
    sleep 0.5
    local child
    child=$(pgrep -P "$LISTENER" conntrack || true)
    if [ -n "$child" ]; then
        kill -INT "$child"
    fi
    wait "$LISTENER" || true
    LISTENER=""
    convert "$LISTENER_NAME" "$TMP/$LISTENER_NAME.strace" "$LISTENER_CMD"
}

start_listener events conntrack -E -o extended,id

capture create_tcp4 conntrack -I -p tcp -s 10.0.0.5 -d 192.0.2.10 --sport 33000 --dport 443 \
    --state ESTABLISHED -t 600 -u SEEN_REPLY,ASSURED -m 4660
capture create_udp_snat conntrack -I -p udp -s 10.0.0.5 -d 192.0.2.1 --sport 5000 --dport 53 -t 30 \
    --src-nat 100.64.0.1:7000
capture create_udp_dnat conntrack -I -p udp -s 198.51.100.7 -d 203.0.113.1 --sport 40000 --dport 80 \
    -t 30 --dst-nat 10.0.0.80:8080
capture create_icmp conntrack -I -p icmp -s 10.0.0.5 -d 192.0.2.1 --icmp-type 8 --icmp-code 0 \
    --icmp-id 4321 -t 30
capture create_tcp6 conntrack -I -p tcp -s 2001:db8::1 -d 2001:db8::2 --sport 40000 --dport 22 \
    --state ESTABLISHED -t 300 -u SEEN_REPLY,ASSURED -m 7
capture create_sctp conntrack -I -p sctp -s 10.0.0.5 -d 192.0.2.1 --sport 3868 --dport 3868 \
    --state ESTABLISHED --orig-vtag 287454020 --reply-vtag 1432778632 -t 100
capture create_dccp conntrack -I -p dccp -s 10.0.0.5 -d 192.0.2.1 --sport 5004 --dport 5005 \
    --state OPEN --role client -t 100
capture create_gre conntrack -I -p gre -s 10.0.0.5 -d 192.0.2.1 --srckey 0x1234 --dstkey 0x5678 -t 100
capture create_udplite conntrack -I -p udplite -s 10.0.0.5 -d 192.0.2.1 --sport 1000 --dport 2000 -t 100
capture create_zone conntrack -I -p tcp -s 10.0.0.5 -d 192.0.2.1 --sport 1000 --dport 80 \
    --state SYN_SENT -t 100 -w 7
capture create_dirzone conntrack -I -p tcp -s 10.0.0.5 -d 192.0.2.1 --sport 1001 --dport 80 \
    --state SYN_SENT -t 100 --orig-zone 3
capture create_esp conntrack -I -p 50 -s 10.0.0.5 -d 192.0.2.1 -t 100
capture create_labelled conntrack -I -p tcp -s 10.0.0.7 -d 192.0.2.1 --sport 1000 --dport 80 \
    --state ESTABLISHED -t 100
capture update_labels labels conntrack -U -p tcp -s 10.0.0.7 --label-add one,five,last
capture update_mark conntrack -U -p udp -s 10.0.0.5 -d 192.0.2.1 --sport 5000 --dport 53 -m 153
capture get_tcp4 conntrack -G -p tcp -s 10.0.0.5 -d 192.0.2.10 --sport 33000 --dport 443
capture error_eexist conntrack -I -p tcp -s 10.0.0.5 -d 192.0.2.10 --sport 33000 --dport 443 \
    --state ESTABLISHED -t 600
capture error_enoent conntrack -G -p tcp -s 10.9.9.9 -d 10.9.9.8 --sport 1 --dport 2
capture delete_udplite conntrack -D -p udplite -s 10.0.0.5 -d 192.0.2.1 --sport 1000 --dport 2000

stop_listener

capture dump labels conntrack -L -o extended,id,labels
capture dump_ipv6 conntrack -L -f ipv6 -o extended,id
capture stats_cpu conntrack -S
capture stats conntrack -C

# Expectations: an FTP control connection whose PORT command makes the ftp helper expect a data
# connection (the helper parses only from the second data packet of a direction on).
start_listener expect_events conntrack -E expect
"${X[@]}" python3 - <<'PY'
import socket
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 21))
srv.listen(1)
c = socket.create_connection(("127.0.0.1", 21))
s, _ = srv.accept()
s.sendall(b"220 hi\r\n"); c.recv(100)
c.sendall(b"USER a\r\n"); s.recv(100); s.sendall(b"331 ok\r\n"); c.recv(100)
c.sendall(b"PORT 127,0,0,1,195,80\r\n"); s.recv(100); s.sendall(b"200 ok\r\n"); c.recv(100)
PY
capture expect_dump conntrack -L expect
capture dump_helper conntrack -L -p tcp --dport 21 -o extended,id
capture expect_flush conntrack -F expect
stop_listener

capture flush conntrack -F

echo "captured into $OUT on $KERNEL with $CTVER"
