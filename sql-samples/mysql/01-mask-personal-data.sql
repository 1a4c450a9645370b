-- Masks personal data in the sample schema (sample-production.sql): e-mails, names, phone
-- numbers, addresses, birth dates and card numbers. MySQL 8, MariaDB 10.6+, Aurora MySQL 3.
--
-- Pseudonyms are deterministic: the same original value always becomes the same pseudonym,
-- so values that join tables (orders.customer_email = customers.email) still join, and a
-- test written against one refresh still finds its rows after the next one.
-- They are salted: without the salt nobody can check whether a known e-mail address was in
-- production by hashing it. Set your own salt per environment and keep it out of the scripts
-- bucket's public reach.
SET @mask_salt = 'dbrefresh-sample-salt';

-- e-mails, with one formula wherever they are stored so that copies stay equal
UPDATE customers
   SET email = CONCAT('user_', LEFT(SHA2(CONCAT(@mask_salt, LOWER(email)), 256), 16), '@example.invalid')
 WHERE email NOT LIKE '%@example.invalid';

UPDATE orders
   SET customer_email = CONCAT('user_', LEFT(SHA2(CONCAT(@mask_salt, LOWER(customer_email)), 256), 16), '@example.invalid')
 WHERE customer_email NOT LIKE '%@example.invalid';

UPDATE app_users
   SET email = CONCAT('user_', LEFT(SHA2(CONCAT(@mask_salt, LOWER(email)), 256), 16), '@example.invalid'),
       login = CONCAT('user_', LEFT(SHA2(CONCAT(@mask_salt, LOWER(login)), 256), 10))
 WHERE email NOT LIKE '%@example.invalid';

-- names from fixed lists, phone numbers in the fictional 555-01xx range, street addresses on
-- an example street; the year of birth is kept (age-based tests), the day is not
UPDATE customers
   SET first_name  = ELT(1 + CONV(LEFT(SHA2(CONCAT(@mask_salt, first_name), 256), 6), 16, 10) % 12,
                         'Alex', 'Sam', 'Robin', 'Jordan', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Avery', 'Riley',
                         'Quinn', 'Charlie'),
       last_name   = ELT(1 + CONV(LEFT(SHA2(CONCAT(@mask_salt, last_name), 256), 6), 16, 10) % 12,
                         'Smith', 'Novak', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Silva', 'Jensen', 'Kowalczyk',
                         'Murphy', 'Tanaka', 'Horvat'),
       phone       = CASE WHEN phone IS NULL THEN NULL
                          ELSE CONCAT('+1-555-01', LPAD(CONV(LEFT(SHA2(CONCAT(@mask_salt, phone), 256), 6), 16, 10) % 100, 2, '0'))
                     END,
       street      = CONCAT(1 + CONV(LEFT(SHA2(CONCAT(@mask_salt, street), 256), 6), 16, 10) % 999, ' Example Street'),
       postal_code = '00000',
       birth_date  = MAKEDATE(YEAR(birth_date), 1);

-- copies of names and addresses follow the masked customer
UPDATE orders o
  JOIN customers c ON c.id = o.customer_id
   SET o.shipping_address = CONCAT(c.street, ', ', c.postal_code, ' ', c.city);

-- card numbers keep their last four digits only (support staff ask for them)
UPDATE payment_cards p
  JOIN customers c ON c.id = p.customer_id
   SET p.card_number = CONCAT('XXXX-XXXX-XXXX-', RIGHT(REPLACE(REPLACE(p.card_number, ' ', ''), '-', ''), 4)),
       p.card_holder = UPPER(CONCAT(c.first_name, ' ', c.last_name));
