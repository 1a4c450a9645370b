-- expect: 2
EXEC DBMS_STATS.GATHER_TABLE_STATS(ownname => 'APP', -
                                   tabname => 'CUSTOMERS');
EXECUTE DBMS_SESSION.SET_IDENTIFIER('dbrefresh')
