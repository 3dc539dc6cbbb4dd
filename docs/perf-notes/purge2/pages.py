# Pages per batch of the clean-up's grant statements on a kept, filled database: ANALYZE FORMAT=JSON
# (MariaDB's r_engine_stats: pages_accessed = logical page gets, pages_read_count = from disk).
# The DELETEs run inside a transaction that is rolled back. Usage: python3 pages.py <database>
import json, subprocess, sys
db = sys.argv[1]
def sql(stmt):
    out = subprocess.run(["mariadb", "-uroot", "-h127.0.0.1", "-N", "-r", "-B", db, "-e",
                          "SET time_zone='+00:00'; " + stmt], capture_output=True, text=True, check=True).stdout
    return out
def stats(node, acc):
    if isinstance(node, dict):
        if "r_engine_stats" in node:
            for k, v in node["r_engine_stats"].items():
                acc[k] = acc.get(k, 0) + v
        if "r_rows" in node and "table_name" in node:
            acc["r_rows"] = acc.get("r_rows", 0) + node["r_rows"] * node.get("r_loops", 1)
        for v in node.values():
            stats(v, acc)
    elif isinstance(node, list):
        for v in node:
            stats(v, acc)
    return acc
def analyze(stmt, rollback=False):
    prefix = "BEGIN; " if rollback else ""
    suffix = "; ROLLBACK" if rollback else ""
    out = sql(prefix + "ANALYZE FORMAT=JSON " + stmt + suffix)
    return stats(json.loads(out[out.index("{"):]), {})
ENDED = ("(authorization_code_value IS NOT NULL OR access_token_value IS NOT NULL OR refresh_token_value IS NOT NULL "
         "OR oidc_id_token_value IS NOT NULL OR user_code_value IS NOT NULL OR device_code_value IS NOT NULL) "
         + " ".join(f"AND ({c}_value IS NULL OR {c}_expires_at < NOW(6))" for c in
                    ["authorization_code", "access_token", "refresh_token", "oidc_id_token", "user_code", "device_code"]))
FULL = "purge_after < NOW(6) AND " + ENDED
# Start points far apart in the dead range, so one statement does not warm the pages of the next.
points = sql("SELECT purge_after FROM oauth2_authorization WHERE purge_after < NOW(6) AND MOD(CRC32(id), 5000) = 0 "
             "ORDER BY purge_after LIMIT 8").split("\n")
points = [p for p in points if p]
def after(i):
    return f" AND purge_after > '{points[i]}'"
rows = []
for n, (i_old, i_new) in zip([500, 100], [(0, 1), (2, 3)]):
    old = analyze(f"SELECT id FROM oauth2_authorization WHERE {FULL}{after(i_old)} ORDER BY purge_after LIMIT {n}")
    new = analyze(f"SELECT purge_after, id FROM oauth2_authorization WHERE purge_after < NOW(6){after(i_new)} ORDER BY purge_after LIMIT {n}")
    rows.append((f"old key query (whole condition), {n} keys", old))
    rows.append((f"new key query (index alone), {n} keys", new))
for n, i in [(500, 4), (100, 5)]:
    keys = [k for k in sql(f"SELECT id FROM oauth2_authorization WHERE purge_after < NOW(6){after(i)} ORDER BY purge_after LIMIT {n}").split("\n") if k]
    inlist = ",".join("'" + k + "'" for k in keys)
    d = analyze(f"DELETE FROM oauth2_authorization WHERE id IN ({inlist}) AND ({FULL})", rollback=True)
    rows.append((f"DELETE of {n} keys with the re-check (rolled back)", d))
print("| statement | rows | pages accessed | per row | pages read from disk | per row |")
print("|---|--:|--:|--:|--:|--:|")
for label, s in rows:
    r = s.get("r_rows", 0) or 1
    print(f"| {label} | {s.get('r_rows', 0):.0f} | {s.get('pages_accessed', 0):,} | {s.get('pages_accessed', 0) / r:.1f} | "
          f"{s.get('pages_read_count', 0):,} | {s.get('pages_read_count', 0) / r:.1f} |")
