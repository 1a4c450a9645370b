-- Fails (error 50000) when real-looking personal data remains in database app, whatever its
-- schema: e-mail addresses outside example.invalid in any text column, phone numbers outside
-- the fictional +1-555-01xx range in columns named like phone or mobile, and rows left in
-- tables named like audit or session. Run it last: a refresh whose masking missed something
-- then fails instead of handing the data to testers. RDS for SQL Server 2017 and later.
USE app;
GO

CREATE OR ALTER PROCEDURE dbo.dbrefresh_verify_masked
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @problems nvarchar(max) = N'';
  DECLARE @t sysname, @s sysname, @c sysname, @q nvarchar(max), @n bigint;

  DECLARE text_columns CURSOR LOCAL FAST_FORWARD FOR
    SELECT s.name, t.name, c.name
      FROM sys.columns AS c
      JOIN sys.tables AS t ON t.object_id = c.object_id
      JOIN sys.schemas AS s ON s.schema_id = t.schema_id
      JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
     WHERE ty.name IN ('char', 'varchar', 'nchar', 'nvarchar', 'text', 'ntext');
  OPEN text_columns;
  FETCH NEXT FROM text_columns INTO @s, @t, @c;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @q = N'SELECT @n = COUNT_BIG(*) FROM ' + QUOTENAME(@s) + N'.' + QUOTENAME(@t)
           + N' WHERE ' + QUOTENAME(@c) + N' LIKE ''%_@_%._%'' AND ' + QUOTENAME(@c) + N' NOT LIKE ''%@example.invalid''';
    EXEC sp_executesql @q, N'@n bigint OUTPUT', @n = @n OUTPUT;
    IF @n > 0 SET @problems += CONCAT(@n, N' e-mail addresses in ', @t, N'.', @c, N'; ');
    IF @c LIKE N'%phone%' OR @c LIKE N'%mobile%'
    BEGIN
      SET @q = N'SELECT @n = COUNT_BIG(*) FROM ' + QUOTENAME(@s) + N'.' + QUOTENAME(@t)
             + N' WHERE ' + QUOTENAME(@c) + N' IS NOT NULL AND ' + QUOTENAME(@c) + N' NOT LIKE ''+1-555-01__''';
      EXEC sp_executesql @q, N'@n bigint OUTPUT', @n = @n OUTPUT;
      IF @n > 0 SET @problems += CONCAT(@n, N' phone numbers in ', @t, N'.', @c, N'; ');
    END;
    FETCH NEXT FROM text_columns INTO @s, @t, @c;
  END;
  CLOSE text_columns;
  DEALLOCATE text_columns;

  DECLARE audit_tables CURSOR LOCAL FAST_FORWARD FOR
    SELECT s.name, t.name FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id
     WHERE t.name LIKE N'%audit%' OR t.name LIKE N'%session%';
  OPEN audit_tables;
  FETCH NEXT FROM audit_tables INTO @s, @t;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @q = N'SELECT @n = COUNT_BIG(*) FROM ' + QUOTENAME(@s) + N'.' + QUOTENAME(@t);
    EXEC sp_executesql @q, N'@n bigint OUTPUT', @n = @n OUTPUT;
    IF @n > 0 SET @problems += CONCAT(@n, N' rows left in ', @t, N'; ');
    FETCH NEXT FROM audit_tables INTO @s, @t;
  END;
  CLOSE audit_tables;
  DEALLOCATE audit_tables;

  IF @problems <> N''
  BEGIN
    DECLARE @message nvarchar(2048) = LEFT(N'personal data remains: ' + @problems, 2048);
    THROW 50000, @message, 1;
  END;
END;
GO

EXEC dbo.dbrefresh_verify_masked;
GO

DROP PROCEDURE dbo.dbrefresh_verify_masked;
GO
