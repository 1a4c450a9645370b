-- expect: 2
UPDATE app.settings SET value = 'path
/
still the string' WHERE name = 'export_dir';
BEGIN
  /* a comment with a lone slash
  /
  */
  NULL;
END;
/
