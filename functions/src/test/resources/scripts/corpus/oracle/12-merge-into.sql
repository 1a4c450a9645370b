-- expect: 1
MERGE INTO app.app_users u
USING (SELECT id, 'user_' || id AS login FROM app.app_users) s
   ON (u.id = s.id)
 WHEN MATCHED THEN UPDATE SET u.login = s.login, u.must_change_password = 1;
