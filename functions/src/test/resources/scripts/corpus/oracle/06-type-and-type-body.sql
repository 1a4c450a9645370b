-- expect: 2
CREATE OR REPLACE TYPE app.contact_t AS OBJECT (
  email VARCHAR2(200),
  phone VARCHAR2(30),
  MEMBER FUNCTION masked RETURN VARCHAR2
);
/
CREATE OR REPLACE TYPE BODY app.contact_t AS
  MEMBER FUNCTION masked RETURN VARCHAR2 IS
  BEGIN
    RETURN 'user@example.invalid';
  END;
END;
/
