-- expect: 2
SET ECHO ON
SET FEEDBACK ON
SET DEFINE OFF
PROMPT Masking customers of AT&T
REM older scripts use REM for comments
SPOOL /tmp/masking.log
COLUMN email FORMAT A40
TTITLE 'masking report'
UPDATE app.customers SET email = NULL WHERE email LIKE '%@att.com';
SELECT COUNT(*) FROM app.customers WHERE email IS NULL;
SPOOL OFF
