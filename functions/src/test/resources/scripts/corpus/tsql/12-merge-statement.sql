-- expect: 1
MERGE dbo.app_users AS t
USING (SELECT id, CONCAT('user_', id) AS login FROM dbo.app_users) AS s
   ON t.id = s.id
 WHEN MATCHED THEN
      UPDATE SET t.login = s.login, t.must_change_password = 1;
