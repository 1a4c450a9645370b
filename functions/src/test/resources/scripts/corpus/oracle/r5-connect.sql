-- refuse: line 2
CONNECT admin@ORCL
UPDATE app.customers SET phone = NULL;
