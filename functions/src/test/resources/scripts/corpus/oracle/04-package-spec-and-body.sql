-- expect: 2
CREATE OR REPLACE PACKAGE app.masking AS
  PROCEDURE emails;
  PROCEDURE phones;
END masking;
/
CREATE OR REPLACE PACKAGE BODY app.masking AS
  PROCEDURE emails IS
  BEGIN
    UPDATE app.customers SET email = 'user_' || id || '@example.invalid';
  END emails;

  PROCEDURE phones IS
  BEGIN
    UPDATE app.customers SET phone = '+1-555-0100';
  END phones;
END masking;
/
