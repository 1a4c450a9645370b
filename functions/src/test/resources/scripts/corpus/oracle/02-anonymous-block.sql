-- expect: 1
DECLARE
  v_rows PLS_INTEGER := 0;
BEGIN
  UPDATE app.customers SET phone = NULL WHERE phone LIKE '+44%';
  v_rows := SQL%ROWCOUNT;
  DBMS_OUTPUT.PUT_LINE(v_rows || ' phones cleared');
  COMMIT;
END;
/
