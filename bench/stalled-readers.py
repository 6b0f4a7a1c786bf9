#!/usr/bin/env python3
"""Usage: stalled-readers.py PORT SERVER_PID STALLED EVENT_BYTES RATE SECONDS [LINGER_SECONDS]
(docs/performance.md, "Stalled readers on Payara"; needs jcmd and ss on this host, the server on loopback).
Stalled readers against a Herald on Payara: N clients with a real-network MSS and a small receive buffer stop
reading, one fast client reads everything, events of SIZE bytes are published at RATE/s for DURATION s.
Prints live heap (full GC, class histogram total) over time and when the server let go of each stalled stream."""
import json, re, socket, subprocess, sys, threading, time, urllib.request

PORT, PID, N, SIZE, RATE, DURATION = (int(a) for a in sys.argv[1:7])
TOPIC = "stall-%d" % int(time.time())
HOST = "127.0.0.1"

def live_heap():
    out = subprocess.run(["jcmd", str(PID), "GC.class_histogram"], capture_output=True, text=True).stdout
    m = re.search(r"Total\s+(\d+)\s+(\d+)", out)
    return int(m.group(2)) if m else -1

def server_side(ports):
    """Server-side state of each client's connection (ESTAB while the server holds it) and its Send-Q."""
    out = subprocess.run(["ss", "-tnH", "sport", "=", ":%d" % PORT], capture_output=True, text=True).stdout
    states = {}
    for line in out.splitlines():
        f = line.split()
        state, sendq, peer = f[0], int(f[2]), f[4]
        p = int(peer.rsplit(":", 1)[1])
        if p in ports:
            states[p] = (state, sendq)
    return states

def open_stream(stalled):
    s = socket.socket()
    if stalled:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 1448)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect((HOST, PORT))
    s.sendall(("GET /api/topics/%s HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n" % TOPIC).encode())
    return s

received = [0]
def fast_reader(s):
    buf = b""
    while True:
        try:
            d = s.recv(65536)
        except OSError:
            return
        if not d:
            return
        buf += d
        while b"\n\n" in buf:
            ev, buf = buf.split(b"\n\n", 1)
            if b"event: e" in ev:
                received[0] += 1

def publish(i):
    body = json.dumps({"event": "e", "data": {"n": i, "x": "a" * SIZE}}).encode()
    req = urllib.request.Request("http://%s:%d/api/topics/%s/events" % (HOST, PORT, TOPIC), data=body,
                                 headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(req, timeout=10).read()

fast = open_stream(False)
threading.Thread(target=fast_reader, args=(fast,), daemon=True).start()
publish(0)
stalled = []
for _ in range(N):
    s = open_stream(True)
    s.recv(512)  # the head and the subscribed event, then never again
    stalled.append(s)
ports = {s.getsockname()[1]: s for s in stalled}
time.sleep(2)
base = live_heap()
print("streams open: fast 1, stalled %d; live heap %.1f MB" % (N, base / 1e6), flush=True)
start = time.time()
closed_at = {}
published = 1
next_sample = 0
peak = 0
while time.time() - start < DURATION:
    t = time.time() - start
    while published <= t * RATE:
        publish(published)
        published += 1
    st = server_side(ports)
    for p in ports:
        if p not in closed_at and (p not in st or st[p][0] != "ESTAB"):
            closed_at[p] = t
    if t >= next_sample:
        h = live_heap()
        peak = max(peak, h - base)
        open_ = [p for p in ports if p not in closed_at]
        sendq = sorted(st[p][1] for p in open_ if p in st)
        subs = json.load(urllib.request.urlopen("http://%s:%d/api/topics/%s" % (HOST, PORT, TOPIC)))["subscribers"]
        print("t=%5.1fs published %4d fast got %4d | Herald subscribers %2d | server conns ESTAB %2d, Send-Q max %s | live heap +%.1f MB"
              " (+%.0f KB per stalled)" % (t, published - 1, received[0], subs, len(open_), sendq[-1] if sendq else "-",
                                          (h - base) / 1e6, (h - base) / 1024 / N), flush=True)
        next_sample += 5
    time.sleep(0.02)
LINGER = int(sys.argv[7]) if len(sys.argv) > 7 else 0
while time.time() - start < DURATION + LINGER:  # stop publishing, keep the stalled sockets open, watch the server
    t = time.time() - start
    st = server_side(ports)
    for p in ports:
        if p not in closed_at and (p not in st or st[p][0] != "ESTAB"):
            closed_at[p] = t
    if t >= next_sample:
        h = live_heap()
        print("t=%5.1fs (publishing stopped) server conns ESTAB %2d | live heap +%.1f MB"
              % (t, len([p for p in ports if p not in closed_at]), (h - base) / 1e6), flush=True)
        next_sample += 5
    time.sleep(0.2)
print("published %d, fast received %d" % (published - 1, received[0]))
ct = sorted(closed_at.values())
print("stalled closed by the server: %d of %d; first %.1f s, last %.1f s" % (len(ct), N, ct[0], ct[-1])
      if ct else "stalled closed by the server: 0 of %d" % N)
print("peak live heap growth +%.1f MB, %.0f KB per stalled client" % (peak / 1e6, peak / 1024 / N))
status = json.load(urllib.request.urlopen("http://%s:%d/api/topics/%s" % (HOST, PORT, TOPIC)))
print("topic status:", json.dumps(status))
