-- expect: 2
CREATE OR REPLACE TRIGGER app.trg_customers_bu
  BEFORE UPDATE ON app.customers
  FOR EACH ROW
BEGIN
  IF :NEW.email <> :OLD.email THEN
    :NEW.updated_at := SYSTIMESTAMP;
  END IF;
END;
/
ALTER TRIGGER app.trg_customers_bu DISABLE;
