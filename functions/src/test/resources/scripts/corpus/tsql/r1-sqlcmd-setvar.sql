-- refuse: line 3
SELECT 1;
:setvar DatabaseName app
GO
USE $(DatabaseName);
