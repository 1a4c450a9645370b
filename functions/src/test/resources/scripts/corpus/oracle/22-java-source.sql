-- expect: 2
CREATE OR REPLACE AND COMPILE JAVA SOURCE NAMED "Masker" AS
public class Masker {
  /* returns a pseudonym; a semicolon in a comment; */
  public static String mask(String s) {
    return "user_" + Math.abs(s.hashCode()) + "@example.invalid";
  }
}
/
CREATE OR REPLACE FUNCTION app.java_mask (s VARCHAR2) RETURN VARCHAR2
AS LANGUAGE JAVA NAME 'Masker.mask(java.lang.String) return java.lang.String';
/
