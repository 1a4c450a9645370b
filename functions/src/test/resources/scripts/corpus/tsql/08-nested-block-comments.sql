-- expect: 1
/* header
   /* a nested comment: SQL Server nests them
GO
   */
GO
*/
UPDATE dbo.customers SET phone = NULL WHERE phone LIKE '+44%';
