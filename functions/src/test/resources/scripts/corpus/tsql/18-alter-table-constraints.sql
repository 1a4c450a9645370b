-- expect: 2
ALTER TABLE dbo.orders NOCHECK CONSTRAINT ALL;
UPDATE dbo.orders SET shipping_address = N'1 Example Street';
ALTER TABLE dbo.orders WITH CHECK CHECK CONSTRAINT ALL;
GO
ALTER INDEX ALL ON dbo.orders REBUILD WITH (ONLINE = OFF);
