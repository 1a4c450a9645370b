-- expect: 2
UPDATE app.customers SET email = NULL WHERE id < 0;
COMMIT;
EXIT
DROP TABLE app.customers;
