-- expect: 1
WITH
  FUNCTION masked(p VARCHAR2) RETURN VARCHAR2 IS
  BEGIN
    RETURN 'user_' || ORA_HASH(p) || '@example.invalid';
  END;
SELECT masked(email) FROM app.customers WHERE ROWNUM <= 5;
/
