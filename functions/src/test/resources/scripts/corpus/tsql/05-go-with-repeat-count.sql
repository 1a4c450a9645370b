-- expect: 6
-- five test rows, the way SSMS users write it
INSERT INTO dbo.load_test (created) VALUES (SYSUTCDATETIME());
GO 5
SELECT COUNT(*) AS rows_loaded FROM dbo.load_test;
