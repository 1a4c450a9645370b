-- Fails (an exception) when real-looking personal data remains in the database, whatever
-- its schema: e-mail addresses outside example.invalid and 13-19 digit card-like numbers in
-- any text column, phone numbers outside the fictional +1-555-01xx range in columns named
-- like phone or mobile, and rows left in tables named like audit or session. Run it last: a
-- refresh whose masking missed something then fails instead of handing the data to testers.
-- PostgreSQL 12+, Aurora PostgreSQL.
DO $verify$
DECLARE
  col record;
  tab record;
  n bigint;
  problems text[] := '{}';
BEGIN
  FOR col IN
    SELECT c.table_schema, c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE'
       AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
       AND c.data_type IN ('character varying', 'character', 'text')
  LOOP
    EXECUTE format('SELECT count(*) FROM %I.%I WHERE %I ~ %L AND %I NOT LIKE %L',
                   col.table_schema, col.table_name, col.column_name, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}',
                   col.column_name, '%@example.invalid') INTO n;
    IF n > 0 THEN
      problems := problems || format('%s e-mail addresses in %s.%s', n, col.table_name, col.column_name);
    END IF;
    EXECUTE format('SELECT count(*) FROM %I.%I WHERE regexp_replace(%I, %L, %L, %L) ~ %L',
                   col.table_schema, col.table_name, col.column_name, '[ -]', '', 'g', '[0-9]{13,19}') INTO n;
    IF n > 0 THEN
      problems := problems || format('%s card-like numbers in %s.%s', n, col.table_name, col.column_name);
    END IF;
    IF col.column_name ~ '(phone|mobile)' THEN
      EXECUTE format('SELECT count(*) FROM %I.%I WHERE %I IS NOT NULL AND %I NOT LIKE %L',
                     col.table_schema, col.table_name, col.column_name, col.column_name, '+1-555-01__') INTO n;
      IF n > 0 THEN
        problems := problems || format('%s phone numbers in %s.%s', n, col.table_name, col.column_name);
      END IF;
    END IF;
  END LOOP;

  FOR tab IN
    SELECT table_schema, table_name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       AND table_name ~ '(audit|session)'
  LOOP
    EXECUTE format('SELECT count(*) FROM %I.%I', tab.table_schema, tab.table_name) INTO n;
    IF n > 0 THEN
      problems := problems || format('%s rows left in %s', n, tab.table_name);
    END IF;
  END LOOP;

  IF cardinality(problems) > 0 THEN
    RAISE EXCEPTION 'personal data remains: %', array_to_string(problems, '; ')
      USING ERRCODE = 'check_violation';
  END IF;
END
$verify$;
