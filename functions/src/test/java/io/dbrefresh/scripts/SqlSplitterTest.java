package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static final SqlSplitter MYSQL = SqlSplitter.of(SqlDialect.MYSQL);
    private static final SqlSplitter POSTGRES = SqlSplitter.of(SqlDialect.POSTGRESQL);

    private static List<String> sql(List<SqlStatement> statements) {
        return statements.stream().map(SqlStatement::sql).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SqlSplitterTest.class.getResourceAsStream("/scripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void mysql_splitsOnSemicolons_andReportsTheLineEachStatementStartsOn() {
        List<SqlStatement> s = MYSQL.split("""
                UPDATE a SET x = 1;

                UPDATE b
                  SET y = 2;
                DELETE FROM c""");
        assertThat(sql(s)).containsExactly("UPDATE a SET x = 1", "UPDATE b\n  SET y = 2", "DELETE FROM c");
        assertThat(s).extracting(SqlStatement::line).containsExactly(1, 3, 5);
        assertThat(s).extracting(SqlStatement::index).containsExactly(1, 2, 3);
    }

    @Test
    void mysql_semicolonInsideStringsAndIdentifiers_doesNotEndTheStatement() {
        List<SqlStatement> s = MYSQL.split("""
                INSERT INTO t VALUES ('a;b', "c;d", 'it''s;', 'back\\';slash');
                SELECT `odd;name` FROM t;""");
        assertThat(sql(s)).containsExactly(
                "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;', 'back\\';slash')",
                "SELECT `odd;name` FROM t");
    }

    @Test
    void mysql_commentsOfAllThreeKinds_hideSemicolons_andLeadingCommentsAreDropped() {
        List<SqlStatement> s = MYSQL.split("""
                -- header; not a statement
                # another; header
                /* block; comment
                   over lines */
                UPDATE t SET a = 5--3; -- "--3" without a blank is arithmetic
                SELECT 1 /* inline; */ + 1;
                -- trailing comment only""");
        assertThat(sql(s)).containsExactly("UPDATE t SET a = 5--3", "SELECT 1 /* inline; */ + 1");
        assertThat(s.get(0).line()).isEqualTo(5);
    }

    @Test
    void mysql_executableCommentsAndHints_areKeptAsStatements() {
        List<SqlStatement> s = MYSQL.split("""
                /*!40101 SET NAMES utf8mb4 */;
                /*M!100100 SET sql_mode = '' */;
                SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1;""");
        assertThat(sql(s)).containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100100 SET sql_mode = '' */",
                "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1");
    }

    @Test
    void mysql_delimiterBlocks_keepProcedureAndTriggerBodiesWhole() throws IOException {
        List<SqlStatement> s = MYSQL.split(resource("mysql-procedures.sql"));
        assertThat(s).hasSize(4);
        assertThat(s.get(0).sql()).isEqualTo("DROP PROCEDURE IF EXISTS mask_all");
        assertThat(s.get(1).sql()).startsWith("CREATE PROCEDURE mask_all()").endsWith("END")
                .contains("'@example.invalid'); -- one\n  UPDATE customers SET phone");
        assertThat(s.get(1).line()).isEqualTo(5);
        assertThat(s.get(2).sql()).startsWith("CREATE TRIGGER customers_bi").contains("LOWER(NEW.email);");
        assertThat(s.get(2).line()).isEqualTo(11);
        assertThat(s.get(3).sql()).isEqualTo("CALL mask_all()");
        assertThat(s.get(3).line()).isEqualTo(18);
    }

    @Test
    void mysql_delimiterIsCaseInsensitiveAndNotSentToTheServer() {
        List<SqlStatement> s = MYSQL.split("delimiter $$\nSELECT 1; SELECT 2$$\nDelimiter ;\nSELECT 3;");
        assertThat(sql(s)).containsExactly("SELECT 1; SELECT 2", "SELECT 3");
    }

    @Test
    void mysql_unterminatedString_failsWithTheLineItOpenedOn() {
        assertThatThrownBy(() -> MYSQL.split("SELECT 1;\nSELECT 'oops;\nSELECT 2;"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageContaining("line 2")
                .extracting(e -> ((ScriptSyntaxException) e).line()).isEqualTo(2);
    }

    @Test
    void mysql_hashAndBackticksAreNotSpecialInPostgres() {
        List<SqlStatement> s = POSTGRES.split("SELECT '{1}'::jsonb #> '{}';\nSELECT 2;");
        assertThat(sql(s)).containsExactly("SELECT '{1}'::jsonb #> '{}'", "SELECT 2");
    }

    @Test
    void postgres_dollarQuotedBodiesNestedCommentsAndDoBlocks_stayWhole() throws IOException {
        List<SqlStatement> s = POSTGRES.split(resource("postgresql-functions.sql"));
        assertThat(s).hasSize(4);
        assertThat(s.get(0).sql()).startsWith("CREATE OR REPLACE FUNCTION pseudonym").endsWith("IMMUTABLE")
                .contains("END;\n$$");
        assertThat(s.get(0).line()).isEqualTo(4);
        assertThat(s.get(1).sql()).isEqualTo("CREATE FUNCTION note() RETURNS text LANGUAGE sql AS $body$ SELECT 'a;b' $body$");
        assertThat(s.get(2).sql()).startsWith("DO $do$").endsWith("$do$");
        assertThat(s.get(2).line()).isEqualTo(12);
        assertThat(s.get(3).sql()).isEqualTo("SELECT pseudonym('x')");
        assertThat(s.get(3).line()).isEqualTo(17);
    }

    @Test
    void postgres_standardStringsDoubleTheQuote_andBackslashIsLiteral() {
        List<SqlStatement> s = POSTGRES.split("SELECT 'a\\';\nSELECT 'it''s; fine';");
        assertThat(sql(s)).containsExactly("SELECT 'a\\'", "SELECT 'it''s; fine'");
    }

    @Test
    void postgres_escapeStrings_honourBackslash() {
        List<SqlStatement> s = POSTGRES.split("SELECT E'it\\'s; fine', e'x\\\\';\nSELECT 2;");
        assertThat(sql(s)).containsExactly("SELECT E'it\\'s; fine', e'x\\\\'", "SELECT 2");
    }

    @Test
    void postgres_quotedIdentifiers_andDashDashWithoutBlank() {
        List<SqlStatement> s = POSTGRES.split("SELECT \"semi;colon\"\"x\" FROM t;--no blank; still a comment\nSELECT 2;");
        assertThat(sql(s)).containsExactly("SELECT \"semi;colon\"\"x\" FROM t", "SELECT 2");
        assertThat(s.get(1).line()).isEqualTo(2);
    }

    @Test
    void postgres_positionalParametersAndDollarsInNames_areNotDollarQuotes() {
        List<SqlStatement> s = POSTGRES.split("PREPARE p AS SELECT $1 + a$b$ FROM t;\nSELECT 2;");
        assertThat(sql(s)).containsExactly("PREPARE p AS SELECT $1 + a$b$ FROM t", "SELECT 2");
    }

    @Test
    void postgres_unterminatedDollarBody_failsWithItsLine() {
        assertThatThrownBy(() -> POSTGRES.split("SELECT 1;\n\nDO $$ BEGIN;"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 3").hasMessageContaining("$$");
    }

    @Test
    void postgres_psqlMetaCommandsAndCopyFromStdin_areRefusedWithTheirLine() {
        assertThatThrownBy(() -> POSTGRES.split("SELECT 1;\n\\connect other\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 2").hasMessageContaining("\\connect");
        assertThatThrownBy(() -> POSTGRES.split("SELECT 1;\nCOPY t (a) FROM stdin;\n1\n\\.\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 2").hasMessageContaining("COPY");
    }

    @Test
    void postgres_nestedCommentLeftOpen_fails() {
        assertThatThrownBy(() -> POSTGRES.split("/* outer /* inner */ still open;\nSELECT 1;"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 1");
    }

    @Test
    void emptyScriptsAndCommentOnlyScripts_haveNoStatements() {
        assertThat(MYSQL.split("")).isEmpty();
        assertThat(MYSQL.split("-- nothing\n;;\n")).isEmpty();
        assertThat(POSTGRES.split("/* nothing */\n")).isEmpty();
    }

    @Test
    void windowsLineEndingsAndByteOrderMark_areHandled() {
        List<SqlStatement> s = MYSQL.split("\uFEFFSELECT 1;\r\n\r\nSELECT 2;\r\n");
        assertThat(sql(s)).containsExactly("SELECT 1", "SELECT 2");
        assertThat(s.get(1).line()).isEqualTo(3);
    }

    @Test
    void engineNames_pickTheirDialect() {
        assertThat(SqlDialect.forEngine("aurora-mysql")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.forEngine("MariaDB")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.forEngine("aurora-postgresql")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.forEngine("postgres")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.forEngine("sqlserver-web")).isEqualTo(SqlDialect.SQLSERVER);
        assertThat(SqlDialect.forEngine("oracle-se2-cdb")).isEqualTo(SqlDialect.ORACLE);
        assertThatThrownBy(() -> SqlDialect.forEngine("db2-se")).isInstanceOf(UnsupportedEngineException.class);
    }
}
