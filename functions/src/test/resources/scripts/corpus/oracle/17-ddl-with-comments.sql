-- expect: 3
CREATE TABLE app.masking_log (
  id        NUMBER GENERATED ALWAYS AS IDENTITY, -- the key
  run_at    TIMESTAMP DEFAULT SYSTIMESTAMP,      /* when */
  note      VARCHAR2(400)
);
COMMENT ON TABLE app.masking_log IS 'one row per masking run; kept in non-production only';
COMMENT ON COLUMN app.masking_log.note IS 'free text: "what ran; what failed"';
