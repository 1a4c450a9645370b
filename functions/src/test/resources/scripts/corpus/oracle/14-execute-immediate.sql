-- expect: 1
BEGIN
  FOR t IN (SELECT table_name FROM all_tables WHERE owner = 'APP' AND table_name LIKE '%AUDIT%') LOOP
    EXECUTE IMMEDIATE 'TRUNCATE TABLE APP."' || t.table_name || '"';
  END LOOP;
  EXECUTE IMMEDIATE 'ALTER SESSION SET NLS_DATE_FORMAT = ''YYYY-MM-DD''';
END;
/
