-- expect: 2
CREATE OR REPLACE PROCEDURE app.mask_customers (p_salt IN VARCHAR2 DEFAULT 'nonprod') AS
BEGIN
  UPDATE app.customers
     SET email = 'user_' || LOWER(RAWTOHEX(STANDARD_HASH(p_salt || email, 'SHA256'))) || '@example.invalid';
END mask_customers;
/
EXEC app.mask_customers('qa-salt')
