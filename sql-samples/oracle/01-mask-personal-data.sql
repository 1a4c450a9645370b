-- Masks personal data in the application schema: e-mails, names, phone numbers, addresses,
-- birth dates and card numbers. RDS for Oracle 19c and later, CDB or not, SE2 or EE.
-- The same schema as sql-samples/mysql/sample-production.sql, owned by APP.
--
-- Pseudonyms are deterministic and salted, as in the MySQL sample: the same original value
-- always becomes the same pseudonym (joins and saved tests keep working), and without the
-- salt nobody can check whether a known address was in production. Set your own salt.
-- STANDARD_HASH needs no grant (DBMS_CRYPTO would).
SET DEFINE OFF
PROMPT masking APP personal data

ALTER SESSION SET CURRENT_SCHEMA = APP;

-- e-mails, with one formula wherever they are stored so that copies stay equal
UPDATE customers
   SET email = 'user_' || LOWER(SUBSTR(RAWTOHEX(STANDARD_HASH('dbrefresh-sample-salt' || LOWER(email), 'SHA256')), 1, 16)) || '@example.invalid'
 WHERE email NOT LIKE '%@example.invalid';

UPDATE orders
   SET customer_email = 'user_' || LOWER(SUBSTR(RAWTOHEX(STANDARD_HASH('dbrefresh-sample-salt' || LOWER(customer_email), 'SHA256')), 1, 16)) || '@example.invalid'
 WHERE customer_email NOT LIKE '%@example.invalid';

UPDATE app_users
   SET email = 'user_' || LOWER(SUBSTR(RAWTOHEX(STANDARD_HASH('dbrefresh-sample-salt' || LOWER(email), 'SHA256')), 1, 16)) || '@example.invalid',
       login = 'user_' || LOWER(SUBSTR(RAWTOHEX(STANDARD_HASH('dbrefresh-sample-salt' || LOWER(login), 'SHA256')), 1, 10))
 WHERE email NOT LIKE '%@example.invalid';

-- names from fixed lists, phone numbers in the fictional 555-01xx range, street addresses on
-- an example street; the year of birth is kept (age-based tests), the day is not
DECLARE
  TYPE names IS VARRAY(12) OF VARCHAR2(20);
  firsts CONSTANT names := names('Alex', 'Sam', 'Robin', 'Jordan', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Avery',
                                 'Riley', 'Quinn', 'Charlie');
  lasts  CONSTANT names := names('Smith', 'Novak', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Silva', 'Jensen',
                                 'Kowalczyk', 'Murphy', 'Tanaka', 'Horvat');
  FUNCTION pick(v VARCHAR2, n PLS_INTEGER) RETURN PLS_INTEGER IS
  BEGIN
    RETURN 1 + MOD(TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH('dbrefresh-sample-salt' || v, 'SHA256')), 1, 6), 'XXXXXX'), n);
  END;
BEGIN
  FOR c IN (SELECT id, first_name, last_name, phone, street FROM customers FOR UPDATE) LOOP
    UPDATE customers
       SET first_name  = firsts(pick(c.first_name, 12)),
           last_name   = lasts(pick(c.last_name, 12)),
           phone       = CASE WHEN c.phone IS NULL THEN NULL
                              ELSE '+1-555-01' || LPAD(pick(c.phone, 100) - 1, 2, '0') END,
           street      = pick(c.street, 999) || ' Example Street',
           postal_code = '00000',
           birth_date  = TRUNC(birth_date, 'YYYY')
     WHERE id = c.id;
  END LOOP;
END;
/

-- copies of names and addresses follow the masked customer
UPDATE orders o
   SET shipping_address = (SELECT c.street || ', ' || c.postal_code || ' ' || c.city
                             FROM customers c WHERE c.id = o.customer_id);

-- card numbers keep their last four digits only (support staff ask for them)
UPDATE payment_cards p
   SET card_number = 'XXXX-XXXX-XXXX-' || SUBSTR(REPLACE(REPLACE(card_number, ' '), '-'), -4),
       card_holder = (SELECT UPPER(c.first_name || ' ' || c.last_name) FROM customers c WHERE c.id = p.customer_id);

COMMIT;
