package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcConnectorTest {

    private static JdbcTarget target(SqlDialect d, TlsMode tls, String bundle) {
        return new JdbcTarget(d, "db.example.internal", 3306, "app", "admin", "Pa55-word", tls, bundle);
    }

    @Test
    void mysqlFamily_usesMariaDbConnector_verifyingTheServerAgainstTheBundle() {
        String url = JdbcConnector.url(target(SqlDialect.MYSQL, TlsMode.VERIFY_FULL, "/opt/rds/global-bundle.pem"));
        assertThat(url).startsWith("jdbc:mariadb://db.example.internal:3306/app?")
                .contains("sslMode=verify-full").contains("serverSslCert=/opt/rds/global-bundle.pem");
    }

    @Test
    void mysqlFamily_withoutBundle_stillEncrypts() {
        assertThat(JdbcConnector.url(target(SqlDialect.MYSQL, TlsMode.REQUIRE, null))).contains("sslMode=trust")
                .doesNotContain("disable");
    }

    @Test
    void postgres_usesPgJdbc_withSslmodes() {
        assertThat(JdbcConnector.url(target(SqlDialect.POSTGRESQL, TlsMode.VERIFY_FULL, "/opt/rds/global-bundle.pem")))
                .startsWith("jdbc:postgresql://db.example.internal:3306/app?")
                .contains("sslmode=verify-full").contains("sslrootcert=/opt/rds/global-bundle.pem");
        assertThat(JdbcConnector.url(target(SqlDialect.POSTGRESQL, TlsMode.REQUIRE, null))).contains("sslmode=require");
        assertThat(JdbcConnector.url(target(SqlDialect.POSTGRESQL, TlsMode.DISABLE, null))).contains("sslmode=disable");
    }

    @Test
    void postgres_withoutDatabase_connectsToPostgres() {
        JdbcTarget t = new JdbcTarget(SqlDialect.POSTGRESQL, "h", 5432, null, "u", "p", TlsMode.REQUIRE, null);
        assertThat(JdbcConnector.url(t)).startsWith("jdbc:postgresql://h:5432/postgres?");
    }

    @Test
    void credentials_neverAppearInTheUrlOrInToString() {
        JdbcTarget t = target(SqlDialect.MYSQL, TlsMode.REQUIRE, null);
        assertThat(JdbcConnector.url(t)).doesNotContain("Pa55-word").doesNotContain("admin");
        assertThat(t.toString()).doesNotContain("Pa55-word");
        assertThat(new DatabaseCredentials("admin", "Pa55-word", null, null, null).toString()).doesNotContain("Pa55-word");
    }

    @Test
    void tlsPolicy_requiresTlsByDefault_verifiesWithABundle_andAnOverrideWins() {
        assertThat(new TlsPolicy(null, null).effective(null)).isEqualTo(TlsMode.REQUIRE);
        assertThat(new TlsPolicy(null, "/b.pem").effective(null)).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(new TlsPolicy(TlsMode.REQUIRE, "/b.pem").effective(null)).isEqualTo(TlsMode.REQUIRE);
        assertThat(new TlsPolicy(null, "/b.pem").effective(TlsMode.DISABLE)).isEqualTo(TlsMode.DISABLE);
        assertThat(TlsMode.parse("verify-full")).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(TlsMode.parse("disable")).isEqualTo(TlsMode.DISABLE);
    }
}
