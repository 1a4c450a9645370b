-- expect: 2
-- The smallest masking script: pick the database, then update in a second batch.
USE app;
GO
UPDATE dbo.customers SET email = CONCAT('user_', id, '@example.invalid');
UPDATE dbo.orders SET customer_email = CONCAT('user_', customer_id, '@example.invalid');
GO
