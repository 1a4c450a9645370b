-- refuse: line 3
UPDATE app.customers SET email = NULL;
@@mask_orders.sql
