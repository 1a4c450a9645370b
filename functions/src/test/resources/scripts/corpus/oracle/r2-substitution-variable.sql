-- refuse: line 2
DEFINE schema = APP
UPDATE &schema..customers SET email = NULL;
