-- expect: 2
DELETE FROM dbo.user_sessions;
GO -- sessions are gone
TRUNCATE TABLE dbo.audit_log;
GO  -- and so is the audit trail
