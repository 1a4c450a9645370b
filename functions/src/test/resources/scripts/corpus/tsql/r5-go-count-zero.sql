-- refuse: line 3
INSERT INTO dbo.t DEFAULT VALUES;
GO 0
