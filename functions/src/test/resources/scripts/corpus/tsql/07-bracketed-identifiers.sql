-- expect: 2
CREATE TABLE dbo.[weird]]name] (
    [GO] int NOT NULL,
    [order] nvarchar(20) NULL
);
GO
SELECT [GO], [order] FROM dbo.[weird]]name];
