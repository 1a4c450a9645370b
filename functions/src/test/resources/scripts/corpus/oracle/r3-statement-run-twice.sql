-- refuse: line 3
INSERT INTO app.masking_log (note) VALUES ('start');
/
