-- Removes what a non-production copy must not keep and makes it usable by testers.
-- RDS for SQL Server 2017 and later.
USE app;
GO

-- audit trails and live sessions name real people and hold their IP addresses and tokens
TRUNCATE TABLE dbo.audit_log;
TRUNCATE TABLE dbo.user_sessions;
GO

-- every application user gets the same known non-production password, "Refreshed-Dev-1"
-- (PBKDF2-SHA256, 100000 rounds, in the application's hash format), and must change it
UPDATE dbo.app_users
   SET password_hash = 'pbkdf2_sha256$100000$dbrefreshsample$9TPsiTeQGD/lV1wyByEngeAESBoT2Np0YwZf/PxtLFg=',
       must_change_password = 1;
GO

-- production's SQL Agent jobs e-mail real people: the copy's stay off
IF EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = N'app nightly customer export')
  EXEC msdb.dbo.sp_update_job @job_name = N'app nightly customer export', @enabled = 0;
GO
