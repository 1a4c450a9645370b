-- expect: 1
WITH ranked AS (
    SELECT id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY created DESC) AS rn
      FROM dbo.orders
)
DELETE FROM dbo.orders
 WHERE id IN (SELECT id FROM ranked WHERE rn > 100);
GO
