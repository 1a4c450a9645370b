-- A small "production" database with personal data, for tests, local runs and demos.
-- Every person, address, phone number and card number here is invented (card numbers are
-- issuers' published test numbers or Luhn-valid made-up ones); they look real on purpose,
-- so that the masking scripts and the verification script have something to find.
-- MySQL family (MySQL 8, MariaDB 10.6+, Aurora MySQL 3). Run it in the database to fill.

DROP TABLE IF EXISTS user_sessions, audit_log, app_users, orders, payment_cards, customers;

CREATE TABLE customers (
  id          INT PRIMARY KEY,
  first_name  VARCHAR(100) NOT NULL,
  last_name   VARCHAR(100) NOT NULL,
  email       VARCHAR(255) NOT NULL,
  phone       VARCHAR(40),
  street      VARCHAR(255),
  city        VARCHAR(100),
  postal_code VARCHAR(20),
  country     CHAR(2),
  birth_date  DATE,
  KEY customers_email (email)
);

CREATE TABLE payment_cards (
  id          INT PRIMARY KEY,
  customer_id INT NOT NULL,
  card_number VARCHAR(32) NOT NULL,
  card_holder VARCHAR(200),
  expiry      CHAR(5),
  CONSTRAINT payment_cards_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
);

-- the customer's e-mail is copied into each order: masking must keep the two equal
CREATE TABLE orders (
  id               INT PRIMARY KEY,
  customer_id      INT NOT NULL,
  customer_email   VARCHAR(255) NOT NULL,
  shipping_address VARCHAR(500),
  total            DECIMAL(10, 2),
  KEY orders_email (customer_email)
);

CREATE TABLE app_users (
  id                   INT PRIMARY KEY,
  customer_id          INT,
  login                VARCHAR(100) NOT NULL,
  email                VARCHAR(255) NOT NULL,
  password_hash        VARCHAR(255) NOT NULL,
  must_change_password BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE audit_log (
  id      INT PRIMARY KEY,
  at      TIMESTAMP NULL,
  actor   VARCHAR(255),
  action  VARCHAR(100),
  details VARCHAR(1000)
);

CREATE TABLE user_sessions (
  id         INT PRIMARY KEY,
  user_id    INT,
  token      VARCHAR(128),
  ip_address VARCHAR(45),
  created_at TIMESTAMP NULL
);

INSERT INTO customers (id, first_name, last_name, email, phone, street, city, postal_code, country, birth_date) VALUES
  (1, 'Alice', 'Martin', 'alice.martin@gmail.com', '+33 6 12 34 56 78', '12 rue des Lilas', 'Lyon', '69003', 'FR', '1984-03-12'),
  (2, 'Bob', 'Schneider', 'bob.schneider@web.de', '+49 151 23456789', 'Hauptstrasse 5', 'Berlin', '10115', 'DE', '1979-11-02'),
  (3, 'Carla', 'Rossi', 'carla.rossi@libero.it', '+39 347 123 4567', 'Via Roma 21', 'Milano', '20121', 'IT', '1991-06-30'),
  (4, 'David', 'O''Brien', 'david.obrien@outlook.com', '+353 87 123 4567', '14 Grafton Street', 'Dublin', 'D02 X285', 'IE', '1968-01-25'),
  (5, 'Emma', 'Johnson', 'emma.johnson@yahoo.com', '+1 415 555 2671', '742 Evergreen Terrace', 'Springfield', '62704', 'US', '1995-09-14'),
  (6, 'Farid', 'Haddad', 'farid.haddad@gmail.com', '+44 7700 900123', '221B Baker Street', 'London', 'NW1 6XE', 'GB', '1988-12-05'),
  (7, 'Grace', 'Lee', 'grace.lee@icloud.com', '+1 212 555 0198', '350 Fifth Avenue', 'New York', '10118', 'US', '2000-02-29'),
  (8, 'Hugo', 'Fernandes', 'hugo.fernandes@sapo.pt', '+351 912 345 678', 'Rua Augusta 100', 'Lisboa', '1100-053', 'PT', '1975-07-19'),
  (9, 'Ines', 'Garcia', 'ines.garcia@hotmail.es', '+34 612 34 56 78', 'Calle Mayor 3', 'Madrid', '28013', 'ES', '1983-04-08'),
  (10, 'Jan', 'Kowalski', 'jan.kowalski@wp.pl', '+48 601 234 567', 'ul. Dluga 7', 'Gdansk', '80-827', 'PL', '1990-10-10'),
  (11, 'Kaito', 'Sato', 'kaito.sato@docomo.ne.jp', '+81 90 1234 5678', '1-1 Chiyoda', 'Tokyo', '100-0001', 'JP', '1986-08-21'),
  (12, 'Lena', 'Novak', 'lena.novak@seznam.cz', '+420 601 123 456', 'Narodni 9', 'Praha', '110 00', 'CZ', '1998-05-03');

INSERT INTO payment_cards (id, customer_id, card_number, card_holder, expiry) VALUES
  (1, 1, '4539 1488 0343 6467', 'ALICE MARTIN', '02/28'),
  (2, 2, '5425 2334 3010 9903', 'BOB SCHNEIDER', '03/29'),
  (3, 3, '4916 3385 0608 2832', 'CARLA ROSSI', '04/30'),
  (4, 4, '3714 496353 98431', 'DAVID OBRIEN', '05/27'),
  (5, 5, '6011 1111 1111 1117', 'EMMA JOHNSON', '06/28'),
  (6, 6, '4485 2755 0813 4411', 'FARID HADDAD', '07/29'),
  (7, 7, '5555 5555 5555 4444', 'GRACE LEE', '08/30'),
  (8, 8, '4024 0071 4872 0112', 'HUGO FERNANDES', '09/27'),
  (9, 9, '4929 8081 6345 7714', 'INES GARCIA', '10/28'),
  (10, 10, '5105 1051 0510 5100', 'JAN KOWALSKI', '11/29'),
  (11, 11, '3530 1113 3330 0000', 'KAITO SATO', '12/30'),
  (12, 12, '4111 1111 1111 1111', 'LENA NOVAK', '01/27');

INSERT INTO orders (id, customer_id, customer_email, shipping_address, total) VALUES
  (101, 1, 'alice.martin@gmail.com', '12 rue des Lilas, 69003 Lyon', 27.17),
  (102, 1, 'alice.martin@gmail.com', '12 rue des Lilas, 69003 Lyon', 40.18),
  (103, 2, 'bob.schneider@web.de', 'Hauptstrasse 5, 10115 Berlin', 34.34),
  (104, 2, 'bob.schneider@web.de', 'Hauptstrasse 5, 10115 Berlin', 47.35),
  (105, 3, 'carla.rossi@libero.it', 'Via Roma 21, 20121 Milano', 41.51),
  (106, 3, 'carla.rossi@libero.it', 'Via Roma 21, 20121 Milano', 54.52),
  (107, 4, 'david.obrien@outlook.com', '14 Grafton Street, D02 X285 Dublin', 48.68),
  (108, 4, 'david.obrien@outlook.com', '14 Grafton Street, D02 X285 Dublin', 61.69),
  (109, 5, 'emma.johnson@yahoo.com', '742 Evergreen Terrace, 62704 Springfield', 55.85),
  (110, 5, 'emma.johnson@yahoo.com', '742 Evergreen Terrace, 62704 Springfield', 68.86),
  (111, 6, 'farid.haddad@gmail.com', '221B Baker Street, NW1 6XE London', 62.02),
  (112, 6, 'farid.haddad@gmail.com', '221B Baker Street, NW1 6XE London', 75.03),
  (113, 7, 'grace.lee@icloud.com', '350 Fifth Avenue, 10118 New York', 69.19),
  (114, 7, 'grace.lee@icloud.com', '350 Fifth Avenue, 10118 New York', 82.20),
  (115, 8, 'hugo.fernandes@sapo.pt', 'Rua Augusta 100, 1100-053 Lisboa', 76.36),
  (116, 8, 'hugo.fernandes@sapo.pt', 'Rua Augusta 100, 1100-053 Lisboa', 89.37),
  (117, 9, 'ines.garcia@hotmail.es', 'Calle Mayor 3, 28013 Madrid', 83.53),
  (118, 9, 'ines.garcia@hotmail.es', 'Calle Mayor 3, 28013 Madrid', 96.54),
  (119, 10, 'jan.kowalski@wp.pl', 'ul. Dluga 7, 80-827 Gdansk', 90.70),
  (120, 10, 'jan.kowalski@wp.pl', 'ul. Dluga 7, 80-827 Gdansk', 103.71),
  (121, 11, 'kaito.sato@docomo.ne.jp', '1-1 Chiyoda, 100-0001 Tokyo', 97.87),
  (122, 11, 'kaito.sato@docomo.ne.jp', '1-1 Chiyoda, 100-0001 Tokyo', 110.88),
  (123, 12, 'lena.novak@seznam.cz', 'Narodni 9, 110 00 Praha', 104.04),
  (124, 12, 'lena.novak@seznam.cz', 'Narodni 9, 110 00 Praha', 117.05);

INSERT INTO app_users (id, customer_id, login, email, password_hash, must_change_password) VALUES
  (1, 1, 'amartin', 'alice.martin@gmail.com', 'pbkdf2_sha256$600000$s007919$ProdHash01XyZProdHash01XyZProdHash01XyZ', FALSE),
  (2, 2, 'bschneider', 'bob.schneider@web.de', 'pbkdf2_sha256$600000$s015838$ProdHash02XyZProdHash02XyZProdHash02XyZ', FALSE),
  (3, 3, 'crossi', 'carla.rossi@libero.it', 'pbkdf2_sha256$600000$s023757$ProdHash03XyZProdHash03XyZProdHash03XyZ', FALSE),
  (4, 4, 'dobrien', 'david.obrien@outlook.com', 'pbkdf2_sha256$600000$s031676$ProdHash04XyZProdHash04XyZProdHash04XyZ', FALSE),
  (5, 5, 'ejohnson', 'emma.johnson@yahoo.com', 'pbkdf2_sha256$600000$s039595$ProdHash05XyZProdHash05XyZProdHash05XyZ', FALSE),
  (6, 6, 'fhaddad', 'farid.haddad@gmail.com', 'pbkdf2_sha256$600000$s047514$ProdHash06XyZProdHash06XyZProdHash06XyZ', FALSE),
  (7, 7, 'glee', 'grace.lee@icloud.com', 'pbkdf2_sha256$600000$s055433$ProdHash07XyZProdHash07XyZProdHash07XyZ', FALSE),
  (8, 8, 'hfernandes', 'hugo.fernandes@sapo.pt', 'pbkdf2_sha256$600000$s063352$ProdHash08XyZProdHash08XyZProdHash08XyZ', FALSE),
  (9, 9, 'igarcia', 'ines.garcia@hotmail.es', 'pbkdf2_sha256$600000$s071271$ProdHash09XyZProdHash09XyZProdHash09XyZ', FALSE),
  (10, 10, 'jkowalski', 'jan.kowalski@wp.pl', 'pbkdf2_sha256$600000$s079190$ProdHash10XyZProdHash10XyZProdHash10XyZ', FALSE),
  (11, 11, 'ksato', 'kaito.sato@docomo.ne.jp', 'pbkdf2_sha256$600000$s087109$ProdHash11XyZProdHash11XyZProdHash11XyZ', FALSE),
  (12, 12, 'lnovak', 'lena.novak@seznam.cz', 'pbkdf2_sha256$600000$s095028$ProdHash12XyZProdHash12XyZProdHash12XyZ', FALSE);

INSERT INTO audit_log (id, at, actor, action, details) VALUES
  (1, '2026-11-02 10:04:00', 'alice.martin@gmail.com', 'login', 'login from 203.0.113.1 by Alice Martin'),
  (2, '2026-11-03 10:08:00', 'bob.schneider@web.de', 'login', 'login from 203.0.113.2 by Bob Schneider'),
  (3, '2026-11-04 10:12:00', 'carla.rossi@libero.it', 'login', 'login from 203.0.113.3 by Carla Rossi'),
  (4, '2026-11-05 10:16:00', 'david.obrien@outlook.com', 'login', 'login from 203.0.113.4 by David OBrien'),
  (5, '2026-11-06 10:20:00', 'emma.johnson@yahoo.com', 'login', 'login from 203.0.113.5 by Emma Johnson'),
  (6, '2026-11-07 10:24:00', 'farid.haddad@gmail.com', 'login', 'login from 203.0.113.6 by Farid Haddad');

INSERT INTO user_sessions (id, user_id, token, ip_address, created_at) VALUES
  (1, 1, 'tok01tok01tok01tok01tok01tok01tok01tok01', '198.51.100.1', '2026-11-20 08:05:00'),
  (2, 2, 'tok02tok02tok02tok02tok02tok02tok02tok02', '198.51.100.2', '2026-11-20 08:10:00'),
  (3, 3, 'tok03tok03tok03tok03tok03tok03tok03tok03', '198.51.100.3', '2026-11-20 08:15:00'),
  (4, 4, 'tok04tok04tok04tok04tok04tok04tok04tok04', '198.51.100.4', '2026-11-20 08:20:00'),
  (5, 5, 'tok05tok05tok05tok05tok05tok05tok05tok05', '198.51.100.5', '2026-11-20 08:25:00');
