-- refuse: line 4
USE app;
GO
:r .\masking\customers.sql
GO
