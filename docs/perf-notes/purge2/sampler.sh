#!/usr/bin/env bash
# Every 2 s: MariaDB's global InnoDB counters (this server is shared; the bench is most of its load now),
# and the bench output's new lines with the time they appeared.
# Usage: sampler.sh [run directory] [--from-start]  (default /tmp/cleanup-ab/run2; run 3 used run3 and --from-start)
run=${1:-/tmp/cleanup-ab/run2}
out=$run/out.txt
if [ "${2:-}" = --from-start ]; then seen=0; else seen=$(wc -l < $out); fi
while true; do
  ts=$(date +%s)
  mariadb -uroot -h127.0.0.1 -N -B -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_wait_free','Innodb_data_reads','Innodb_data_writes','Innodb_pages_written','Innodb_buffer_pool_pages_dirty','Innodb_row_lock_waits','Innodb_os_log_written','Innodb_buffer_pool_read_requests','Innodb_rows_deleted','Innodb_data_read','Innodb_data_written','Handler_delete')" | tr '\t' '=' | tr '\n' ' ' | sed "s/^/$ts /" >> $run/status.log
  echo >> $run/status.log
  n=$(wc -l < $out)
  if [ "$n" -gt "$seen" ]; then
    tail -n +$((seen+1)) $out | head -n $((n-seen)) | grep -E "^\[|Clean-up under|Clean-up node [a-z]" | cut -c1-60 | sed "s/^/$ts /" >> $run/events.log
    seen=$n
  fi
  grep -q "^exit" $out && break
  sleep 2
done
