-- refuse: line 2
/* a header comment
   that never ends
SELECT 1;
GO
