-- expect: 2
CREATE OR ALTER FUNCTION dbo.fn_masked_emails (@domain sysname)
RETURNS TABLE
AS
RETURN (
    SELECT id, CONCAT('user_', id, '@', @domain) AS email
      FROM dbo.customers
);
GO
SELECT TOP (5) * FROM dbo.fn_masked_emails(N'example.invalid');
