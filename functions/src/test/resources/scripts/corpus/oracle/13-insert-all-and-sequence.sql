-- expect: 3
INSERT ALL
  INTO app.test_users (id, login) VALUES (1, 'tester1')
  INTO app.test_users (id, login) VALUES (2, 'tester2')
SELECT * FROM dual;
ALTER SEQUENCE app.orders_seq RESTART START WITH 100000;
COMMIT;
