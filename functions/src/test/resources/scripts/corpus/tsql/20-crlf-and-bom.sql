-- expect: 2
UPDATE dbo.customers SET phone = NULL;
GO
UPDATE dbo.app_users SET must_change_password = 1;
GO
