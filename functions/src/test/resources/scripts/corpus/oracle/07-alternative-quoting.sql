-- expect: 2
UPDATE app.settings SET value = q'[it's; not the end]' WHERE name = 'banner';
INSERT INTO app.notes (body) VALUES (nq'<semi;colons and 'quotes' inside>');
