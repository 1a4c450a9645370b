-- expect: 1
SELECT @@VERSION AS version;
GO