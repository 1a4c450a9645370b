-- expect: 3
DROP VIEW IF EXISTS dbo.v_customer_contacts;
GO
CREATE VIEW dbo.v_customer_contacts
WITH SCHEMABINDING
AS
SELECT c.id, c.email, c.phone
  FROM dbo.customers AS c;
GO
GRANT SELECT ON dbo.v_customer_contacts TO app_readonly;
GO
