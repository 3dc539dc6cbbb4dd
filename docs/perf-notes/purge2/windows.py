# Per window: MariaDB's global InnoDB counter deltas over the 50 s before each result line appeared
# (10 s warm-up + 40 s window), per second.
import re, sys
# The run's directory (default: run 2's); run 3 was read with /tmp/cleanup-ab/run3.
run = sys.argv[1] if len(sys.argv) > 1 else '/tmp/cleanup-ab/run2'
status = []
for line in open(run + '/status.log'):
    parts = line.split()
    if len(parts) < 3:
        continue
    t = int(parts[0]); d = dict(p.split('=') for p in parts[1:])
    status.append((t, {k: int(v) for k, v in d.items()}))
def at(t):
    best = min(status, key=lambda s: abs(s[0] - t))
    return best
print("| window | s | disk reads/s | MiB read/s | pages written/s | redo MiB/s | waits for a free page | row lock waits | rows deleted/s |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
for line in open(run + '/events.log'):
    m = re.match(r'(\d+) \[([^\]]+)\]', line)
    if not m:
        continue
    t = int(m.group(1))
    (t0, a), (t1, b) = at(t - 50), at(t)
    if t1 <= t0:
        continue
    s = t1 - t0
    d = lambda k: (b[k] - a[k])
    print(f"| {m.group(2)} | {s} | {d('Innodb_data_reads')/s:.0f} | {d('Innodb_data_read')/s/2**20:.1f} | {d('Innodb_pages_written')/s:.0f} | "
          f"{d('Innodb_os_log_written')/s/2**20:.2f} | {d('Innodb_buffer_pool_wait_free')} | {d('Innodb_row_lock_waits')} | {(d('Handler_delete') / s if 'Handler_delete' in a else float('nan')):.0f} |")
