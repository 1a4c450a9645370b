-- masking helpers; the body of each routine holds ';' that must not end it
DROP PROCEDURE IF EXISTS mask_all;

DELIMITER //
CREATE PROCEDURE mask_all()
BEGIN
  UPDATE customers SET email = CONCAT('user', id, '@example.invalid'); -- one
  UPDATE customers SET phone = '+1-555-0100';
END //

CREATE TRIGGER customers_bi BEFORE INSERT ON customers
FOR EACH ROW
BEGIN
  SET NEW.email = LOWER(NEW.email);
END//
DELIMITER ;

CALL mask_all();
