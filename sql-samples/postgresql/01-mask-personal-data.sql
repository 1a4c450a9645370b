-- Masks personal data in the sample schema (sample-production.sql): e-mails, names, phone
-- numbers, addresses, birth dates and card numbers. PostgreSQL 12+, Aurora PostgreSQL.
--
-- Pseudonyms are deterministic: the same original value always becomes the same pseudonym,
-- so values that join tables (orders.customer_email = customers.email) still join, and a
-- test written against one refresh still finds its rows after the next one.
-- They are salted: without the salt nobody can check whether a known e-mail address was in
-- production by hashing it. Set your own salt per environment.
SELECT set_config('dbrefresh.mask_salt', 'dbrefresh-sample-salt', false);

-- one pseudonym function for every copy of a value; dropped at the end
CREATE OR REPLACE FUNCTION pg_temp.pseudonym(v text, len int) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT substr(encode(sha256(convert_to(current_setting('dbrefresh.mask_salt') || v, 'UTF8')), 'hex'), 1, len)
$$;

-- a number in [0, n) from a value, for picking from lists
CREATE OR REPLACE FUNCTION pg_temp.pick(v text, n int) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT (('x' || pg_temp.pseudonym(v, 6))::bit(24)::int % n)
$$;

-- e-mails, with one formula wherever they are stored so that copies stay equal
UPDATE customers
   SET email = 'user_' || pg_temp.pseudonym(lower(email), 16) || '@example.invalid'
 WHERE email NOT LIKE '%@example.invalid';

UPDATE orders
   SET customer_email = 'user_' || pg_temp.pseudonym(lower(customer_email), 16) || '@example.invalid'
 WHERE customer_email NOT LIKE '%@example.invalid';

UPDATE app_users
   SET email = 'user_' || pg_temp.pseudonym(lower(email), 16) || '@example.invalid',
       login = 'user_' || pg_temp.pseudonym(lower(login), 10)
 WHERE email NOT LIKE '%@example.invalid';

-- names from fixed lists, phone numbers in the fictional 555-01xx range, street addresses on
-- an example street; the year of birth is kept (age-based tests), the day is not
UPDATE customers
   SET first_name  = (ARRAY['Alex', 'Sam', 'Robin', 'Jordan', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Avery', 'Riley',
                            'Quinn', 'Charlie'])[1 + pg_temp.pick(first_name, 12)],
       last_name   = (ARRAY['Smith', 'Novak', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Silva', 'Jensen', 'Kowalczyk',
                            'Murphy', 'Tanaka', 'Horvat'])[1 + pg_temp.pick(last_name, 12)],
       phone       = CASE WHEN phone IS NULL THEN NULL
                          ELSE '+1-555-01' || lpad(pg_temp.pick(phone, 100)::text, 2, '0') END,
       street      = (1 + pg_temp.pick(street, 999)) || ' Example Street',
       postal_code = '00000',
       birth_date  = make_date(extract(year FROM birth_date)::int, 1, 1);

-- copies of names and addresses follow the masked customer
UPDATE orders o
   SET shipping_address = c.street || ', ' || c.postal_code || ' ' || c.city
  FROM customers c
 WHERE c.id = o.customer_id;

-- card numbers keep their last four digits only (support staff ask for them)
UPDATE payment_cards p
   SET card_number = 'XXXX-XXXX-XXXX-' || right(regexp_replace(p.card_number, '[ -]', '', 'g'), 4),
       card_holder = upper(c.first_name || ' ' || c.last_name)
  FROM customers c
 WHERE c.id = p.customer_id;
