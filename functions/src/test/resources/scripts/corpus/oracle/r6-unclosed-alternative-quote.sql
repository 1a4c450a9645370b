-- refuse: line 2
UPDATE app.settings SET value = q'{never closed;
