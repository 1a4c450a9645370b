-- expect: 1
UPDATE dbo.settings
   SET value = N'line one
GO
line three'
 WHERE name = N'banner';
