-- expect: 1
-- part one: nothing yet
GO
/* part two: still nothing */
GO
PRINT N'GO is printed, not a separator';
GO
-- trailing notes
