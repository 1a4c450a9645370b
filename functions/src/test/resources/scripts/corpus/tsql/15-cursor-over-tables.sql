-- expect: 1
DECLARE @t sysname, @q nvarchar(400);
DECLARE audit_tables CURSOR LOCAL FAST_FORWARD FOR
    SELECT name FROM sys.tables WHERE name LIKE N'%audit%';
OPEN audit_tables;
FETCH NEXT FROM audit_tables INTO @t;
WHILE @@FETCH_STATUS = 0
BEGIN
    SET @q = N'TRUNCATE TABLE dbo.' + QUOTENAME(@t) + N';';
    EXEC (@q);
    FETCH NEXT FROM audit_tables INTO @t;
END;
CLOSE audit_tables;
DEALLOCATE audit_tables;
