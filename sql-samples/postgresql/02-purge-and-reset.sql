-- Removes what a non-production copy must not keep and makes it usable by testers.
-- PostgreSQL 12+, Aurora PostgreSQL.

-- audit trails and live sessions name real people and hold their IP addresses and tokens
TRUNCATE TABLE audit_log, user_sessions;

-- every application user gets the same known non-production password, "Refreshed-Dev-1"
-- (PBKDF2-SHA256, 100000 rounds, in the application's hash format), and must change it
UPDATE app_users
   SET password_hash = 'pbkdf2_sha256$100000$dbrefreshsample$9TPsiTeQGD/lV1wyByEngeAESBoT2Np0YwZf/PxtLFg=',
       must_change_password = true;
