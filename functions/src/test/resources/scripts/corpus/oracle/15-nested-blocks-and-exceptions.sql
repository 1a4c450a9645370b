-- expect: 1
DECLARE
  e_missing EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_missing, -942);
BEGIN
  BEGIN
    EXECUTE IMMEDIATE 'DROP TABLE app.tmp_export';
  EXCEPTION
    WHEN e_missing THEN NULL;
  END;
  DECLARE
    n NUMBER;
  BEGIN
    SELECT COUNT(*) INTO n FROM app.customers;
    IF n = 0 THEN
      RAISE_APPLICATION_ERROR(-20001, 'no customers; was the restore empty?');
    END IF;
  END;
END;
/
