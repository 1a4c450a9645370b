-- expect: 2
UPDATE app.customers SET street = '1 Example Street';
BEGIN
  NULL;
END;
/
