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
    void tlsPolicy_verifiesByDefault_againstTheShippedRdsBundle_andAnOverrideWins() {
        assertThat(new TlsPolicy(null, null).effective(null)).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(new TlsPolicy(null, null).bundleFile()).isEqualTo(RdsCaBundle.pemFile().toString());
        assertThat(new TlsPolicy(null, "/b.pem").effective(null)).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(new TlsPolicy(null, "/b.pem").bundleFile()).isEqualTo("/b.pem");
        assertThat(new TlsPolicy(TlsMode.REQUIRE, null).effective(null)).isEqualTo(TlsMode.REQUIRE);
        assertThat(new TlsPolicy(null, null).effective(TlsMode.REQUIRE)).isEqualTo(TlsMode.REQUIRE);
        assertThat(new TlsPolicy(TlsMode.REQUIRE, "/b.pem").effective(null)).isEqualTo(TlsMode.REQUIRE);
        assertThat(new TlsPolicy(null, "/b.pem").effective(TlsMode.DISABLE)).isEqualTo(TlsMode.DISABLE);
        assertThat(TlsMode.parse("verify-full")).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(TlsMode.parse("disable")).isEqualTo(TlsMode.DISABLE);
    }

    @Test
    void sqlServer_usesTheMicrosoftDriver_verifyingCertificateAndHostWithVerifyFull() {
        String url = JdbcConnector.url(target(SqlDialect.SQLSERVER, TlsMode.VERIFY_FULL, "/opt/rds/global-bundle.pem"));
        assertThat(url).startsWith("jdbc:sqlserver://db.example.internal:3306;databaseName=app;")
                .contains(";encrypt=true;trustServerCertificate=false;hostNameInCertificate=db.example.internal")
                .doesNotContain("Pa55-word", "admin", "serverCertificate");
    }

    @Test
    void sqlServerUnderVerifyFull_andOracleOverTcps_getTheBundleAsATrustStoreOfItsCertificates() throws Exception {
        String bundle = RdsCaBundle.pemFile().toString();

        java.util.Properties sqlServer = JdbcConnector.tlsProperties(SqlDialect.SQLSERVER, TlsMode.VERIFY_FULL, bundle);
        java.util.Properties oracle = JdbcConnector.tlsProperties(SqlDialect.ORACLE, TlsMode.REQUIRE, bundle);

        assertThat(sqlServer.getProperty("trustStoreType")).isEqualTo("PKCS12");
        assertThat(oracle.getProperty("javax.net.ssl.trustStoreType")).isEqualTo("PKCS12");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(sqlServer.getProperty("trustStore")))) {
            store.load(in, sqlServer.getProperty("trustStorePassword").toCharArray());
        }
        assertThat(store.size()).isEqualTo(RdsCaBundle.certificates().size());
        assertThat(store.getCertificate("rds-ca-0")).isEqualTo(RdsCaBundle.certificates().get(0));
        assertThat(oracle.getProperty("javax.net.ssl.trustStore")).isEqualTo(sqlServer.getProperty("trustStore"));
        // require on SQL Server checks nothing, and the engines that read PEM files take the bundle in their URL
        assertThat(JdbcConnector.tlsProperties(SqlDialect.SQLSERVER, TlsMode.REQUIRE, bundle)).isEmpty();
        assertThat(JdbcConnector.tlsProperties(SqlDialect.MYSQL, TlsMode.VERIFY_FULL, bundle)).isEmpty();
        assertThat(JdbcConnector.tlsProperties(SqlDialect.ORACLE, TlsMode.DISABLE, bundle)).isEmpty();
    }

    @Test
    void sqlServer_requireStillEncrypts_andDisableIsExplicit() {
        assertThat(JdbcConnector.url(target(SqlDialect.SQLSERVER, TlsMode.REQUIRE, null)))
                .contains(";encrypt=true;trustServerCertificate=true").doesNotContain("encrypt=false");
        assertThat(JdbcConnector.url(target(SqlDialect.SQLSERVER, TlsMode.DISABLE, null))).contains(";encrypt=false");
    }

    @Test
    void sqlServer_withoutDatabase_leavesTheLoginsDefault() {
        JdbcTarget t = new JdbcTarget(SqlDialect.SQLSERVER, "h", 1433, null, "u", "p", TlsMode.REQUIRE, null);
        assertThat(JdbcConnector.url(t)).startsWith("jdbc:sqlserver://h:1433;loginTimeout=").doesNotContain("databaseName");
    }

    @Test
    void oracle_usesTcpsOnTheTlsPort_notTheListenerPort() {
        JdbcTarget t = new JdbcTarget(SqlDialect.ORACLE, "ora.example.internal", 1521, "ORCL", "admin", "Pa55-word",
                TlsMode.VERIFY_FULL, null);
        assertThat(JdbcConnector.oracle(t, 2484)).startsWith("jdbc:oracle:thin:@(DESCRIPTION=")
                .contains("(PROTOCOL=TCPS)(HOST=ora.example.internal)(PORT=2484)")
                .contains("(SERVICE_NAME=ORCL)").contains("(SSL_SERVER_DN_MATCH=TRUE)")
                .doesNotContain("1521", "Pa55-word");
        assertThat(JdbcConnector.oracle(t, 2999)).contains("(PORT=2999)");
    }

    @Test
    void oracle_disable_usesPlainTcpOnTheListenerPort_andDefaultsTheServiceToOrcl() {
        JdbcTarget t = new JdbcTarget(SqlDialect.ORACLE, "h", 1521, null, "u", "p", TlsMode.DISABLE, null);
        assertThat(JdbcConnector.oracle(t, 2484)).contains("(PROTOCOL=TCP)(HOST=h)(PORT=1521)").contains("SERVICE_NAME=ORCL")
                .doesNotContain("TCPS", "SSL_SERVER_DN_MATCH");
    }

    @Test
    void oracleTlsPort_comesFromTheEnvironmentSetting_andABadValueIsRefused() {
        assertThat(TlsPolicy.oracleTlsPort()).isEqualTo(TlsPolicy.DEFAULT_ORACLE_TLS_PORT);
        System.setProperty("dbrefresh.oracle.tlsPort", "2990");
        try {
            assertThat(TlsPolicy.oracleTlsPort()).isEqualTo(2990);
            System.setProperty("dbrefresh.oracle.tlsPort", "tls");
            org.assertj.core.api.Assertions.assertThatThrownBy(TlsPolicy::oracleTlsPort)
                    .hasMessageContaining("DBREFRESH_ORACLE_TLS_PORT");
        } finally {
            System.clearProperty("dbrefresh.oracle.tlsPort");
        }
    }
}
