#!/usr/bin/env bash
# Every 2 s: MariaDB's global InnoDB counters (this server is shared; the bench is most of its load now),
# and the bench output's new lines with the time they appeared.
out=/tmp/cleanup-ab/run3/out.txt
seen=0
while true; do
  ts=$(date +%s)
  mariadb -uroot -h127.0.0.1 -N -B -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_wait_free','Innodb_data_reads','Innodb_data_writes','Innodb_pages_written','Innodb_buffer_pool_pages_dirty','Innodb_row_lock_waits','Innodb_os_log_written','Innodb_buffer_pool_read_requests','Innodb_rows_deleted','Innodb_data_read','Innodb_data_written','Handler_delete')" | tr '\t' '=' | tr '\n' ' ' | sed "s/^/$ts /" >> /tmp/cleanup-ab/run3/status.log
  echo >> /tmp/cleanup-ab/run3/status.log
  n=$(wc -l < $out)
  if [ "$n" -gt "$seen" ]; then
    tail -n +$((seen+1)) $out | head -n $((n-seen)) | grep -E "^\[|Clean-up under|Clean-up node [a-z]" | cut -c1-60 | sed "s/^/$ts /" >> /tmp/cleanup-ab/run3/events.log
    seen=$n
  fi
  grep -q "^exit" $out && break
  sleep 2
done
