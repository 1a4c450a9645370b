/* masking helpers
   /* nested comments are legal here; a ; inside them is not a terminator */
*/
CREATE OR REPLACE FUNCTION pseudonym(v text) RETURNS text AS $$
BEGIN
  RETURN 'user_' || substr(md5(v), 1, 10); -- ; in a comment inside the body
END;
$$ LANGUAGE plpgsql IMMUTABLE;

CREATE FUNCTION note() RETURNS text LANGUAGE sql AS $body$ SELECT 'a;b' $body$;

DO $do$
BEGIN
  RAISE NOTICE 'done; really';
END
$do$;
SELECT pseudonym('x')
