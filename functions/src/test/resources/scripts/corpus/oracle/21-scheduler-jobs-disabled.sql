-- expect: 1
BEGIN
  FOR j IN (SELECT owner, job_name FROM dba_scheduler_jobs WHERE owner = 'APP' AND enabled = 'TRUE') LOOP
    DBMS_SCHEDULER.DISABLE(j.owner || '.' || j.job_name, force => TRUE);
  END LOOP;
END;
/
