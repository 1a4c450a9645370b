-- Fails (SQLSTATE 45000) when real-looking personal data remains in the current database,
-- whatever its schema: e-mail addresses outside example.invalid and 13-19 digit card-like
-- numbers in any text column, phone numbers outside the fictional +1-555-01xx range in
-- columns named like phone or mobile, and rows left in tables named like audit or session.
-- Run it last: a refresh whose masking missed something then fails instead of handing the
-- data to testers. MySQL 8, MariaDB 10.6+, Aurora MySQL 3.

DROP PROCEDURE IF EXISTS dbrefresh_verify_masked;

DELIMITER //
CREATE PROCEDURE dbrefresh_verify_masked()
BEGIN
  DECLARE done INT DEFAULT FALSE;
  DECLARE t VARCHAR(64);
  DECLARE c VARCHAR(64);
  DECLARE problems TEXT DEFAULT '';
  DECLARE text_columns CURSOR FOR
    SELECT col.table_name, col.column_name
      FROM information_schema.columns col
      JOIN information_schema.tables tab
        ON tab.table_schema = col.table_schema AND tab.table_name = col.table_name
     WHERE col.table_schema = DATABASE() AND tab.table_type = 'BASE TABLE'
       AND col.data_type IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext');
  DECLARE audit_tables CURSOR FOR
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
       AND (table_name LIKE '%audit%' OR table_name LIKE '%session%');
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;

  OPEN text_columns;
  read_columns: LOOP
    FETCH text_columns INTO t, c;
    IF done THEN
      LEAVE read_columns;
    END IF;
    SET @n = 0;
    SET @q = CONCAT('SELECT COUNT(*) INTO @n FROM `', t, '` WHERE `', c,
                    '` REGEXP ''[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}'' AND `', c,
                    '` NOT LIKE ''%@example.invalid''');
    PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;
    IF @n > 0 THEN
      SET problems = CONCAT(problems, @n, ' e-mail addresses in ', t, '.', c, '; ');
    END IF;
    SET @q = CONCAT('SELECT COUNT(*) INTO @n FROM `', t, '` WHERE REPLACE(REPLACE(`', c,
                    '`, '' '', ''''), ''-'', '''') REGEXP ''[0-9]{13,19}''');
    PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;
    IF @n > 0 THEN
      SET problems = CONCAT(problems, @n, ' card-like numbers in ', t, '.', c, '; ');
    END IF;
    IF c LIKE '%phone%' OR c LIKE '%mobile%' THEN
      SET @q = CONCAT('SELECT COUNT(*) INTO @n FROM `', t, '` WHERE `', c, '` IS NOT NULL AND `', c,
                      '` NOT LIKE ''+1-555-01__''');
      PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;
      IF @n > 0 THEN
        SET problems = CONCAT(problems, @n, ' phone numbers in ', t, '.', c, '; ');
      END IF;
    END IF;
  END LOOP;
  CLOSE text_columns;

  SET done = FALSE;
  OPEN audit_tables;
  read_tables: LOOP
    FETCH audit_tables INTO t;
    IF done THEN
      LEAVE read_tables;
    END IF;
    SET @q = CONCAT('SELECT COUNT(*) INTO @n FROM `', t, '`');
    PREPARE s FROM @q; EXECUTE s; DEALLOCATE PREPARE s;
    IF @n > 0 THEN
      SET problems = CONCAT(problems, @n, ' rows left in ', t, '; ');
    END IF;
  END LOOP;
  CLOSE audit_tables;

  IF problems <> '' THEN
    SET @message = LEFT(CONCAT('personal data remains: ', problems), 500);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = @message;
  END IF;
END //
DELIMITER ;

CALL dbrefresh_verify_masked();
DROP PROCEDURE dbrefresh_verify_masked;
