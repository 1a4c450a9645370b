-- expect: 2
-- RDS for SQL Server's stored procedure for native backups (needs the SQLSERVER_BACKUP_RESTORE option)
exec msdb.dbo.rds_backup_database
     @source_db_name = 'app',
     @s3_arn_to_backup_to = 'arn:aws:s3:::app-backups/app-masked.bak',
     @overwrite_s3_backup_file = 1;
GO
exec msdb.dbo.rds_task_status @db_name = 'app';
