package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RdsIdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "mysqlinstd", "MySQLInstD", "app1-db-2", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validIdentifiers_passTheRdsRules(String name) {
        assertThat(RdsIdentifier.problem(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1db", "-db", "my_db", "my db", "my--db", "mydb-", "é-db",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidIdentifiers_areExplained(String name) {
        assertThat(RdsIdentifier.problem(name)).contains("an RDS identifier has 1 to 63 letters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysqlinstp-weekly", "rds:mysqlinstp-2026-11-20-03-05"})
    void snapshotNames_mayBeAutomatedSnapshots(String name) {
        assertThat(RdsIdentifier.snapshotProblem(name)).isNull();
    }
}
