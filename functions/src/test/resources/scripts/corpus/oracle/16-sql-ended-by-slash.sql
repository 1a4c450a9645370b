-- expect: 2
UPDATE app.customers
   SET postal_code = '00000'
/
SELECT COUNT(*) FROM app.customers WHERE postal_code <> '00000';
