-- expect: 2
CREATE OR ALTER TRIGGER dbo.trg_customers_audit
ON dbo.customers
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.audit_log (table_name, changed_at, changed_by)
    SELECT 'customers', SYSUTCDATETIME(), SUSER_SNAME()
      FROM inserted;
END;
GO
DISABLE TRIGGER dbo.trg_customers_audit ON dbo.customers;
GO
