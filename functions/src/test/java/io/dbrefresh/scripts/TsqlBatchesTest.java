package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** T-SQL: batches between GO lines, as sqlcmd sends them. */
class TsqlBatchesTest {

    private static final SqlSplitter TSQL = SqlSplitter.of(SqlDialect.SQLSERVER);

    private static List<String> sql(List<SqlStatement> statements) {
        return statements.stream().map(SqlStatement::sql).toList();
    }

    @Test
    void go_endsABatch_andTheBatchKeepsItsSemicolons() {
        List<SqlStatement> s = TSQL.split("""
                USE app;
                UPDATE dbo.customers SET email = 'x@example.invalid';
                GO
                DELETE FROM dbo.audit_log;
                go
                """);
        assertThat(sql(s)).containsExactly("USE app;\nUPDATE dbo.customers SET email = 'x@example.invalid';",
                "DELETE FROM dbo.audit_log;");
        assertThat(s).extracting(SqlStatement::line).containsExactly(1, 4);
    }

    @Test
    void procedureBody_isOneBatch_whateverItsSemicolons() {
        List<SqlStatement> s = TSQL.split("""
                CREATE PROCEDURE dbo.mask AS
                BEGIN
                  SET NOCOUNT ON;
                  UPDATE dbo.customers SET phone = NULL;
                END
                GO
                EXEC dbo.mask;
                """);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).sql()).startsWith("CREATE PROCEDURE").endsWith("END");
        assertThat(s.get(1).sql()).isEqualTo("EXEC dbo.mask;");
    }

    @Test
    void goWithACount_sendsTheBatchThatManyTimes() {
        List<SqlStatement> s = TSQL.split("INSERT INTO t DEFAULT VALUES;\nGO 3\nSELECT COUNT(*) FROM t;\n");
        assertThat(sql(s)).containsExactly("INSERT INTO t DEFAULT VALUES;", "INSERT INTO t DEFAULT VALUES;",
                "INSERT INTO t DEFAULT VALUES;", "SELECT COUNT(*) FROM t;");
        assertThat(s).extracting(SqlStatement::index).containsExactly(1, 2, 3, 4);
    }

    @Test
    void goWithATrailingComment_stillSeparates() {
        assertThat(TSQL.split("SELECT 1\n  GO -- end of part one\nSELECT 2")).hasSize(2);
    }

    @Test
    void goInsideAStringAnIdentifierOrAComment_isText() {
        List<SqlStatement> s = TSQL.split("""
                UPDATE t SET note = 'first line
                GO
                last line';
                SELECT [col
                GO] FROM t;
                /* a comment
                GO
                   /* nested */
                GO
                */
                SELECT 3;
                -- GO
                SELECT "GO";
                """);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).sql()).contains("last line'").contains("SELECT 3;").endsWith("SELECT \"GO\";");
    }

    @Test
    void wordsThatStartWithGo_areNotSeparators() {
        assertThat(TSQL.split("SELECT 1\nGOTO label\nGO\n")).singleElement()
                .extracting(SqlStatement::sql).isEqualTo("SELECT 1\nGOTO label");
    }

    @Test
    void doubledQuotesAndBrackets_doNotEndTheirQuote() {
        assertThat(TSQL.split("SELECT 'it''s', [a]]b]\nGO\nSELECT 2")).hasSize(2);
    }

    @Test
    void commentsBeforeABatch_areDropped_andACommentOnlyBatchIsNotSent() {
        List<SqlStatement> s = TSQL.split("-- header\n/* more\n   header */\nSELECT 1\nGO\n-- nothing here\nGO\n");
        assertThat(sql(s)).containsExactly("SELECT 1");
        assertThat(s.get(0).line()).isEqualTo(4);
    }

    @Test
    void windowsLineEndings_andAByteOrderMark_areHandled() {
        assertThat(sql(TSQL.split("\uFEFFSELECT 1\r\nGO\r\nSELECT 2\r\n"))).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void sqlcmdCommands_areRefusedWithTheirLine() {
        assertThatThrownBy(() -> TSQL.split("SELECT 1\nGO\n:setvar db app\nUSE $(db)"))
                .isInstanceOf(ScriptSyntaxException.class)
                .hasMessageContaining("line 3").hasMessageContaining(":setvar");
        assertThatThrownBy(() -> TSQL.split(":r other.sql")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> TSQL.split("!! dir")).hasMessageContaining("!!");
    }

    @Test
    void unterminatedStringOrComment_isRefusedAtTheLineItOpens() {
        assertThatThrownBy(() -> TSQL.split("SELECT 1\nGO\nSELECT 'abc\nGO\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 3").hasMessageContaining("string");
        assertThatThrownBy(() -> TSQL.split("SELECT 1 /* open\n"))
                .isInstanceOf(ScriptSyntaxException.class).hasMessageContaining("line 1").hasMessageContaining("comment");
    }

    @Test
    void goCount_outOfRange_isRefused() {
        assertThatThrownBy(() -> TSQL.split("SELECT 1\nGO 0\n")).hasMessageContaining("repeat count");
        assertThatThrownBy(() -> TSQL.split("SELECT 1\nGO 99999999999\n")).hasMessageContaining("repeat count");
    }
}
