-- refuse: line 3
UPDATE app.customers SET phone = NULL;
BEGIN
  app.masking.emails;
END;
