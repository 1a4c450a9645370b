-- expect: 3
CREATE TABLE #ids (id int PRIMARY KEY);
GO
INSERT INTO #ids (id) SELECT id FROM dbo.customers WHERE country = 'DE';
GO
UPDATE c SET c.street = N'1 Example Street'
  FROM dbo.customers AS c JOIN #ids AS i ON i.id = c.id;
DROP TABLE #ids;
