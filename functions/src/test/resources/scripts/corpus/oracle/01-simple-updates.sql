-- expect: 3
UPDATE app.customers SET email = 'user_' || id || '@example.invalid';
UPDATE app.orders
   SET customer_email = 'user_' || customer_id || '@example.invalid';
COMMIT;
