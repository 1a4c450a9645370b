-- expect: 3
IF OBJECT_ID(N'dbo.usp_mask_customers', N'P') IS NOT NULL
    DROP PROCEDURE dbo.usp_mask_customers;
GO
CREATE PROCEDURE dbo.usp_mask_customers
    @salt nvarchar(50) = N'nonprod'
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE dbo.customers
       SET email = CONCAT('user_', CONVERT(varchar(64), HASHBYTES('SHA2_256', CONCAT(@salt, email)), 2), '@example.invalid');
    RETURN 0;
END
GO
EXEC dbo.usp_mask_customers @salt = N'qa-salt';
GO
