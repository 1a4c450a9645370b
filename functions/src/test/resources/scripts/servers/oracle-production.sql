-- "Production" for SqlServerOracleServersIT: the sample schema of sql-samples/mysql in
-- schema APP (the container creates the user), with invented people.
ALTER USER app QUOTA UNLIMITED ON users;
CREATE TABLE app.customers (
  id          NUMBER PRIMARY KEY,
  email       VARCHAR2(200) NOT NULL,
  first_name  VARCHAR2(50) NOT NULL,
  last_name   VARCHAR2(50) NOT NULL,
  phone       VARCHAR2(30),
  street      VARCHAR2(200) NOT NULL,
  postal_code VARCHAR2(10) NOT NULL,
  city        VARCHAR2(50) NOT NULL,
  country     CHAR(2) NOT NULL,
  birth_date  DATE NOT NULL
);
CREATE TABLE app.payment_cards (
  id          NUMBER PRIMARY KEY,
  customer_id NUMBER NOT NULL REFERENCES app.customers (id),
  card_number VARCHAR2(30) NOT NULL,
  card_holder VARCHAR2(100) NOT NULL
);
CREATE TABLE app.orders (
  id               NUMBER PRIMARY KEY,
  customer_id      NUMBER NOT NULL REFERENCES app.customers (id),
  customer_email   VARCHAR2(200) NOT NULL,
  shipping_address VARCHAR2(300) NOT NULL
);
CREATE TABLE app.app_users (
  id                   NUMBER PRIMARY KEY,
  login                VARCHAR2(100) NOT NULL,
  email                VARCHAR2(200) NOT NULL,
  password_hash        VARCHAR2(200) NOT NULL,
  must_change_password NUMBER(1) DEFAULT 0 NOT NULL
);
CREATE TABLE app.audit_log (id NUMBER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, who VARCHAR2(200), what VARCHAR2(400));
CREATE TABLE app.user_sessions (id NUMBER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id NUMBER, token VARCHAR2(200), ip VARCHAR2(50));
INSERT INTO app.customers VALUES (1, 'alice.martin@gmail.com', 'Alice', 'Martin', '+33 6 12 34 56 78', '12 rue de la Paix', '75002', 'Paris', 'FR', DATE '1984-03-12');
INSERT INTO app.customers VALUES (2, 'bob.schmidt@web.de', 'Bob', 'Schmidt', '+49 151 2345678', 'Hauptstrasse 5', '10115', 'Berlin', 'DE', DATE '1979-11-02');
INSERT INTO app.customers VALUES (3, 'carla.rossi@libero.it', 'Carla', 'Rossi', NULL, 'Via Roma 1', '00184', 'Rome', 'IT', DATE '1991-07-30');
INSERT INTO app.payment_cards VALUES (1, 1, '4111 1111 1111 1111', 'ALICE MARTIN');
INSERT INTO app.payment_cards VALUES (2, 2, '5500-0000-0000-0004', 'BOB SCHMIDT');
INSERT INTO app.orders VALUES (1, 1, 'alice.martin@gmail.com', '12 rue de la Paix, 75002 Paris');
INSERT INTO app.orders VALUES (2, 3, 'carla.rossi@libero.it', 'Via Roma 1, 00184 Rome');
INSERT INTO app.app_users VALUES (1, 'amartin', 'alice.martin@gmail.com', 'pbkdf2_sha256$100000$prod$realhash', 0);
INSERT INTO app.audit_log (who, what) VALUES ('alice.martin@gmail.com', 'login from 203.0.113.7');
INSERT INTO app.user_sessions (user_id, token, ip) VALUES (1, 'c2Vzc2lvbg', '203.0.113.7');
COMMIT;
