-- Removes what a non-production copy must not keep and makes it usable by testers.
-- RDS for Oracle 19c and later.
SET DEFINE OFF
ALTER SESSION SET CURRENT_SCHEMA = APP;

-- audit trails and live sessions name real people and hold their IP addresses and tokens
TRUNCATE TABLE audit_log;
TRUNCATE TABLE user_sessions;

-- every application user gets the same known non-production password, "Refreshed-Dev-1"
-- (PBKDF2-SHA256, 100000 rounds, in the application's hash format), and must change it
UPDATE app_users
   SET password_hash = 'pbkdf2_sha256$100000$dbrefreshsample$9TPsiTeQGD/lV1wyByEngeAESBoT2Np0YwZf/PxtLFg=',
       must_change_password = 1;
COMMIT;

-- production's scheduler jobs e-mail real people: the copy's stay off
BEGIN
  FOR j IN (SELECT owner, job_name FROM dba_scheduler_jobs WHERE owner = 'APP' AND enabled = 'TRUE') LOOP
    DBMS_SCHEDULER.DISABLE(j.owner || '.' || j.job_name, force => TRUE);
  END LOOP;
END;
/
