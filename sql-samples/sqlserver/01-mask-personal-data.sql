-- Masks personal data in the application database: e-mails, names, phone numbers, addresses,
-- birth dates and card numbers. RDS for SQL Server 2017 and later (any edition).
-- The same schema as sql-samples/mysql/sample-production.sql, in dbo of database app.
--
-- Pseudonyms are deterministic and salted, as in the MySQL sample: the same original value
-- always becomes the same pseudonym (joins and saved tests keep working), and without the
-- salt nobody can check whether a known address was in production. Set your own salt.
USE app;
GO

DECLARE @mask_salt nvarchar(100) = N'dbrefresh-sample-salt';

-- e-mails, with one formula wherever they are stored so that copies stay equal
UPDATE dbo.customers
   SET email = CONCAT('user_', LOWER(LEFT(CONVERT(varchar(64), HASHBYTES('SHA2_256', CONCAT(@mask_salt, LOWER(email))), 2), 16)), '@example.invalid')
 WHERE email NOT LIKE '%@example.invalid';

UPDATE dbo.orders
   SET customer_email = CONCAT('user_', LOWER(LEFT(CONVERT(varchar(64), HASHBYTES('SHA2_256', CONCAT(@mask_salt, LOWER(customer_email))), 2), 16)), '@example.invalid')
 WHERE customer_email NOT LIKE '%@example.invalid';

UPDATE dbo.app_users
   SET email = CONCAT('user_', LOWER(LEFT(CONVERT(varchar(64), HASHBYTES('SHA2_256', CONCAT(@mask_salt, LOWER(email))), 2), 16)), '@example.invalid'),
       login = CONCAT('user_', LOWER(LEFT(CONVERT(varchar(64), HASHBYTES('SHA2_256', CONCAT(@mask_salt, LOWER(login))), 2), 10)))
 WHERE email NOT LIKE '%@example.invalid';

-- names from fixed lists, phone numbers in the fictional 555-01xx range, street addresses on
-- an example street; the year of birth is kept (age-based tests), the day is not
UPDATE dbo.customers
   SET first_name  = CHOOSE(1 + ABS(CAST(CHECKSUM(HASHBYTES('SHA2_256', CONCAT(@mask_salt, first_name))) AS bigint)) % 12,
                            'Alex', 'Sam', 'Robin', 'Jordan', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Avery', 'Riley',
                            'Quinn', 'Charlie'),
       last_name   = CHOOSE(1 + ABS(CAST(CHECKSUM(HASHBYTES('SHA2_256', CONCAT(@mask_salt, last_name))) AS bigint)) % 12,
                            'Smith', 'Novak', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Silva', 'Jensen', 'Kowalczyk',
                            'Murphy', 'Tanaka', 'Horvat'),
       phone       = CASE WHEN phone IS NULL THEN NULL
                          ELSE CONCAT('+1-555-01', RIGHT(CONCAT('0', ABS(CAST(CHECKSUM(HASHBYTES('SHA2_256', CONCAT(@mask_salt, phone))) AS bigint)) % 100), 2))
                     END,
       street      = CONCAT(1 + ABS(CAST(CHECKSUM(HASHBYTES('SHA2_256', CONCAT(@mask_salt, street))) AS bigint)) % 999, ' Example Street'),
       postal_code = '00000',
       birth_date  = DATEFROMPARTS(YEAR(birth_date), 1, 1);

-- copies of names and addresses follow the masked customer
UPDATE o
   SET o.shipping_address = CONCAT(c.street, ', ', c.postal_code, ' ', c.city)
  FROM dbo.orders AS o
  JOIN dbo.customers AS c ON c.id = o.customer_id;

-- card numbers keep their last four digits only (support staff ask for them)
UPDATE p
   SET p.card_number = CONCAT('XXXX-XXXX-XXXX-', RIGHT(REPLACE(REPLACE(p.card_number, ' ', ''), '-', ''), 4)),
       p.card_holder = UPPER(CONCAT(c.first_name, ' ', c.last_name))
  FROM dbo.payment_cards AS p
  JOIN dbo.customers AS c ON c.id = p.customer_id;
GO
