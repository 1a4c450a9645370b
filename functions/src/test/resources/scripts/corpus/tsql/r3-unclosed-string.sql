-- refuse: line 4
UPDATE dbo.customers SET email = NULL;
GO
UPDATE dbo.customers SET notes = 'forgot to close
 WHERE id = 1;
GO
