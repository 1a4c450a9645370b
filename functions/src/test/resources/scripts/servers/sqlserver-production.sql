-- "Production" for SqlServerOracleServersIT: the sample schema of sql-samples/mysql in
-- database app, with invented people whose data looks real on purpose.
CREATE DATABASE app;
GO
USE app;
GO
CREATE TABLE dbo.customers (
    id          int PRIMARY KEY,
    email       nvarchar(200) NOT NULL,
    first_name  nvarchar(50) NOT NULL,
    last_name   nvarchar(50) NOT NULL,
    phone       nvarchar(30) NULL,
    street      nvarchar(200) NOT NULL,
    postal_code nvarchar(10) NOT NULL,
    city        nvarchar(50) NOT NULL,
    country     char(2) NOT NULL,
    birth_date  date NOT NULL
);
CREATE TABLE dbo.payment_cards (
    id          int PRIMARY KEY,
    customer_id int NOT NULL REFERENCES dbo.customers (id),
    card_number nvarchar(30) NOT NULL,
    card_holder nvarchar(100) NOT NULL
);
CREATE TABLE dbo.orders (
    id               int PRIMARY KEY,
    customer_id      int NOT NULL REFERENCES dbo.customers (id),
    customer_email   nvarchar(200) NOT NULL,
    shipping_address nvarchar(300) NOT NULL
);
CREATE TABLE dbo.app_users (
    id                   int PRIMARY KEY,
    login                nvarchar(100) NOT NULL,
    email                nvarchar(200) NOT NULL,
    password_hash        nvarchar(200) NOT NULL,
    must_change_password bit NOT NULL DEFAULT 0
);
CREATE TABLE dbo.audit_log (id int IDENTITY PRIMARY KEY, who nvarchar(200), what nvarchar(400));
CREATE TABLE dbo.user_sessions (id int IDENTITY PRIMARY KEY, user_id int, token nvarchar(200), ip nvarchar(50));
GO
INSERT INTO dbo.customers VALUES
    (1, 'alice.martin@gmail.com', 'Alice', 'Martin', '+33 6 12 34 56 78', '12 rue de la Paix', '75002', 'Paris', 'FR', '1984-03-12'),
    (2, 'bob.schmidt@web.de', 'Bob', 'Schmidt', '+49 151 2345678', 'Hauptstrasse 5', '10115', 'Berlin', 'DE', '1979-11-02'),
    (3, 'carla.rossi@libero.it', 'Carla', 'Rossi', NULL, 'Via Roma 1', '00184', 'Rome', 'IT', '1991-07-30');
INSERT INTO dbo.payment_cards VALUES
    (1, 1, '4111 1111 1111 1111', 'ALICE MARTIN'),
    (2, 2, '5500-0000-0000-0004', 'BOB SCHMIDT');
INSERT INTO dbo.orders VALUES
    (1, 1, 'alice.martin@gmail.com', '12 rue de la Paix, 75002 Paris'),
    (2, 3, 'carla.rossi@libero.it', 'Via Roma 1, 00184 Rome');
INSERT INTO dbo.app_users VALUES
    (1, 'amartin', 'alice.martin@gmail.com', 'pbkdf2_sha256$100000$prod$realhash', 0);
INSERT INTO dbo.audit_log (who, what) VALUES ('alice.martin@gmail.com', 'login from 203.0.113.7');
INSERT INTO dbo.user_sessions (user_id, token, ip) VALUES (1, 'c2Vzc2lvbg', '203.0.113.7');
GO
