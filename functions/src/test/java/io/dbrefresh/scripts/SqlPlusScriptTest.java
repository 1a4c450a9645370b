package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Oracle: ; statements, PL/SQL blocks ended by /, SQL*Plus commands skipped or refused. */
class SqlPlusScriptTest {

    private static final SqlSplitter ORACLE = SqlSplitter.of(SqlDialect.ORACLE);

    private static List<String> sql(List<SqlStatement> statements) {
        return statements.stream().map(SqlStatement::sql).toList();
    }

    @Test
    void sqlStatements_endAtSemicolon_whichIsNotSent() {
        List<SqlStatement> s = ORACLE.split("""
                UPDATE customers SET email = 'x@example.invalid';

                DELETE FROM audit_log
                 WHERE created < SYSDATE - 30;
                """);
        assertThat(sql(s)).containsExactly("UPDATE customers SET email = 'x@example.invalid'",
                "DELETE FROM audit_log\n WHERE created < SYSDATE - 30");
        assertThat(s).extracting(SqlStatement::line).containsExactly(1, 3);
    }

    @Test
    void plsqlBlock_endsAtASlashLine_andKeepsItsOwnSemicolons() {
        List<SqlStatement> s = ORACLE.split("""
                BEGIN
                  UPDATE customers SET phone = NULL;
                  COMMIT;
                END;
                /
                SELECT COUNT(*) FROM customers;
                """);
        assertThat(sql(s)).containsExactly("BEGIN\n  UPDATE customers SET phone = NULL;\n  COMMIT;\nEND;",
                "SELECT COUNT(*) FROM customers");
    }

    @Test
    void createOrReplaceProcedurePackageTriggerAndType_areBlocks() {
        List<SqlStatement> s = ORACLE.split("""
                CREATE OR REPLACE EDITIONABLE PROCEDURE mask_all AS
                BEGIN
                  UPDATE customers SET email = NULL;
                END mask_all;
                /
                CREATE OR REPLACE PACKAGE BODY pkg AS
                  PROCEDURE p IS BEGIN NULL; END;
                END pkg;
                /
                CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW
                BEGIN
                  :NEW.id := seq.NEXTVAL;
                END;
                /
                CREATE TYPE name_list AS TABLE OF VARCHAR2(100);
                /
                """);
        assertThat(s).hasSize(4);
        assertThat(s.get(0).sql()).endsWith("END mask_all;");
        assertThat(s.get(1).sql()).startsWith("CREATE OR REPLACE PACKAGE BODY").endsWith("END pkg;");
        assertThat(s.get(2).sql()).contains(":NEW.id");
        assertThat(s.get(3).sql()).isEqualTo("CREATE TYPE name_list AS TABLE OF VARCHAR2(100);");
    }

    @Test
    void createView_orTable_isPlainSql_evenWithAReplace() {
        assertThat(sql(ORACLE.split("CREATE OR REPLACE VIEW v AS SELECT 1 x FROM dual;\nCREATE TABLE t (id NUMBER);")))
                .containsExactly("CREATE OR REPLACE VIEW v AS SELECT 1 x FROM dual", "CREATE TABLE t (id NUMBER)");
    }

    @Test
    void aSqlStatement_mayAlsoEndAtASlashLine() {
        assertThat(sql(ORACLE.split("UPDATE t SET x = 1\n/\n"))).containsExactly("UPDATE t SET x = 1");
    }

    @Test
    void slashOrSemicolon_insideStringsQuotesAndComments_endNothing() {
        List<SqlStatement> s = ORACLE.split("""
                INSERT INTO notes VALUES ('a;b
                /
                c', q'[it's; fine]', q'{x}', "odd;name");
                BEGIN
                  /* a comment
                  /
                  */
                  NULL; -- a ; here
                END;
                /
                """);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).sql()).endsWith("\"odd;name\")");
        assertThat(s.get(1).sql()).startsWith("BEGIN").endsWith("END;");
    }

    @Test
    void sqlPlusOutputCommands_areSkipped_andSetTransactionIsSql() {
        List<SqlStatement> s = ORACLE.split("""
                SET SERVEROUTPUT ON SIZE UNLIMITED
                SET DEFINE OFF
                PROMPT masking customers
                REM a remark
                WHENEVER SQLERROR EXIT SQL.SQLCODE
                SPOOL mask.log
                COLUMN email FORMAT A40
                SET TRANSACTION NAME 'mask';
                UPDATE customers SET email = NULL;
                SHOW ERRORS
                SPOOL OFF
                """);
        assertThat(sql(s)).containsExactly("SET TRANSACTION NAME 'mask'", "UPDATE customers SET email = NULL");
        assertThat(s).extracting(SqlStatement::line).containsExactly(8, 9);
    }

    @Test
    void exec_becomesAnAnonymousBlock_withContinuationLines() {
        List<SqlStatement> s = ORACLE.split("EXEC DBMS_STATS.GATHER_SCHEMA_STATS( -\n  'APP');\nexecute pkg.run\n");
        assertThat(sql(s)).containsExactly("BEGIN DBMS_STATS.GATHER_SCHEMA_STATS(  'APP'); END;", "BEGIN pkg.run; END;");
    }

    @Test
    void exit_endsTheScript() {
        assertThat(sql(ORACLE.split("UPDATE t SET x = 1;\nEXIT\nDROP TABLE t;\n"))).containsExactly("UPDATE t SET x = 1");
    }

    @Test
    void commandsThatNeedSqlPlus_areRefusedWithTheirLine() {
        assertThatThrownBy(() -> ORACLE.split("UPDATE t SET x = 1;\n@other.sql\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 2").hasMessageContaining("@other.sql");
        assertThatThrownBy(() -> ORACLE.split("CONNECT app/secret@db\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ORACLE.split("DEFINE schema = APP\n")).hasMessageContaining("DEFINE");
        assertThatThrownBy(() -> ORACLE.split("VARIABLE n NUMBER\n")).hasMessageContaining("VARIABLE");
        assertThatThrownBy(() -> ORACLE.split("HOST rm -rf /tmp/x\n")).hasMessageContaining("HOST");
    }

    @Test
    void aSlashAfterASemicolon_isRefused_becauseSqlPlusWouldRunTheStatementTwice() {
        assertThatThrownBy(() -> ORACLE.split("INSERT INTO t VALUES (1);\n/\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 2").hasMessageContaining("second time");
    }

    @Test
    void aBlockWithoutItsSlash_isRefusedAtTheLineItStarts() {
        assertThatThrownBy(() -> ORACLE.split("UPDATE t SET x = 1;\nBEGIN\n  NULL;\nEND;\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 2").hasMessageContaining("never ends");
    }

    @Test
    void unterminatedStrings_areRefused() {
        assertThatThrownBy(() -> ORACLE.split("SELECT 'abc FROM dual;\n")).hasMessageContaining("line 1").hasMessageContaining("string");
        assertThatThrownBy(() -> ORACLE.split("SELECT q'[abc FROM dual;\n")).hasMessageContaining("q'[");
    }
}
