-- expect: 1
DECLARE @sql nvarchar(max) = N'UPDATE dbo.customers SET notes = N''it''''s masked; see ticket
GO
'' WHERE notes IS NOT NULL;';
EXEC sys.sp_executesql @sql;
