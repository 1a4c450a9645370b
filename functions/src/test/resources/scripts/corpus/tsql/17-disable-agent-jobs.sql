-- expect: 2
-- RDS for SQL Server: the master user may manage its own jobs in msdb
IF EXISTS (SELECT 1 FROM msdb.dbo.sysjobs WHERE name = N'nightly export')
    EXEC msdb.dbo.sp_update_job @job_name = N'nightly export', @enabled = 0;
GO
EXEC msdb.dbo.rds_show_configuration;
GO
