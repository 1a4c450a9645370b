-- Fails (ORA-20001) when real-looking personal data remains in schema APP, whatever its
-- tables: e-mail addresses outside example.invalid in any text column, phone numbers outside
-- the fictional +1-555-01xx range in columns named like PHONE or MOBILE, and rows left in
-- tables named like AUDIT or SESSION. Run it last: a refresh whose masking missed something
-- then fails instead of handing the data to testers. RDS for Oracle 19c and later.
SET SERVEROUTPUT ON
WHENEVER SQLERROR EXIT FAILURE

DECLARE
  problems VARCHAR2(4000);
  n        NUMBER;
BEGIN
  FOR c IN (SELECT table_name, column_name FROM all_tab_columns
             WHERE owner = 'APP' AND data_type IN ('CHAR', 'VARCHAR2', 'NCHAR', 'NVARCHAR2', 'CLOB')) LOOP
    EXECUTE IMMEDIATE 'SELECT COUNT(*) FROM APP."' || c.table_name || '" WHERE REGEXP_LIKE("' || c.column_name
                      || '", ''[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}'') AND "' || c.column_name
                      || '" NOT LIKE ''%@example.invalid''' INTO n;
    IF n > 0 THEN
      problems := SUBSTR(problems || n || ' e-mail addresses in ' || c.table_name || '.' || c.column_name || '; ', 1, 3900);
    END IF;
    IF c.column_name LIKE '%PHONE%' OR c.column_name LIKE '%MOBILE%' THEN
      EXECUTE IMMEDIATE 'SELECT COUNT(*) FROM APP."' || c.table_name || '" WHERE "' || c.column_name
                        || '" IS NOT NULL AND "' || c.column_name || '" NOT LIKE ''+1-555-01__''' INTO n;
      IF n > 0 THEN
        problems := SUBSTR(problems || n || ' phone numbers in ' || c.table_name || '.' || c.column_name || '; ', 1, 3900);
      END IF;
    END IF;
  END LOOP;
  FOR t IN (SELECT table_name FROM all_tables
             WHERE owner = 'APP' AND (table_name LIKE '%AUDIT%' OR table_name LIKE '%SESSION%')) LOOP
    EXECUTE IMMEDIATE 'SELECT COUNT(*) FROM APP."' || t.table_name || '"' INTO n;
    IF n > 0 THEN
      problems := SUBSTR(problems || n || ' rows left in ' || t.table_name || '; ', 1, 3900);
    END IF;
  END LOOP;
  IF problems IS NOT NULL THEN
    RAISE_APPLICATION_ERROR(-20001, 'personal data remains: ' || problems);
  END IF;
END;
/
