-- expect: 3
SET TRANSACTION READ WRITE NAME 'masking';
UPDATE app.app_users SET must_change_password = 1;
COMMIT;
