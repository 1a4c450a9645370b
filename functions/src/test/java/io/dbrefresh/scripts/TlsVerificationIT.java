package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.secrets.LoginProbe;
import io.dbrefresh.testing.EmbeddedDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The runner's and the login probe's TLS against real servers whose certificate is NOT signed
 * by any RDS certificate authority: the embedded MariaDB (TLS on, with the local runs'
 * self-signed key for 127.0.0.1) and a PostgreSQL started here with that same key. Verified by
 * default, they are refused before any password is sent; the relaxed setting ({@code require})
 * accepts them, encrypted; and a bundle that does hold their certificate is accepted under
 * verify-full, so it is the certificate check, not anything else, that refuses them.
 */
class TlsVerificationIT {

    private static EmbeddedDatabases.Server mariaDb;
    private static Path cert;
    private static Path key;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void servers() throws Exception {
        mariaDb = EmbeddedDatabases.mariaDb();
        try (Connection c = mariaDb.connect(null)) {
            cert = Path.of(variable(c, "ssl_cert"));
            key = Path.of(variable(c, "ssl_key"));
        }
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", cert.toString())
                .setServerConfig("ssl_key_file", key.toString())
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String variable(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW VARIABLES LIKE '" + name + "'")) {
            assertThat(r.next()).as("the embedded MariaDB has %s", name).isTrue();
            return r.getString(2);
        }
    }

    private static JdbcTarget mariaDb(TlsPolicy policy, String host) {
        TlsMode mode = policy.effective(null);
        return new JdbcTarget(SqlDialect.MYSQL, host, mariaDb.port(), null, mariaDb.adminUser(), "any-password-9",
                mode, policy.bundleFile());
    }

    private static JdbcTarget postgres(TlsPolicy policy) {
        TlsMode mode = policy.effective(null);
        return new JdbcTarget(SqlDialect.POSTGRESQL, "127.0.0.1", postgres.getPort(), null, "postgres", "postgres",
                mode, policy.bundleFile());
    }

    private static String cipher(Connection c, SqlDialect dialect) throws SQLException {
        String query = dialect == SqlDialect.MYSQL ? "SHOW SESSION STATUS LIKE 'Ssl_cipher'"
                : "SELECT cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            assertThat(r.next()).isTrue();
            return r.getString(dialect == SqlDialect.MYSQL ? 2 : 1);
        }
    }

    @Test
    void runnerByDefault_refusesAMariaDbWhoseCertificateNoRdsAuthoritySigned() {
        JdbcTarget target = mariaDb(new TlsPolicy(null, null), "127.0.0.1");
        assertThat(target.tls()).isEqualTo(TlsMode.VERIFY_FULL);

        assertThatThrownBy(() -> new JdbcConnector().open(target).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("certificate")
                .hasMessageNotContaining("any-password-9");
    }

    @Test
    void runnerByDefault_refusesAPostgresWhoseCertificateNoRdsAuthoritySigned() {
        JdbcTarget target = postgres(new TlsPolicy(null, null));

        assertThatThrownBy(() -> new JdbcConnector().open(target).close())
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("PKIX path");
    }

    @Test
    void runnerRelaxedToRequire_acceptsBoth_encrypted() throws Exception {
        TlsPolicy relaxed = new TlsPolicy(TlsMode.REQUIRE, null);

        try (Connection c = new JdbcConnector().open(mariaDb(relaxed, "127.0.0.1"))) {
            assertThat(cipher(c, SqlDialect.MYSQL)).isNotBlank();
        }
        try (Connection c = new JdbcConnector().open(postgres(relaxed))) {
            assertThat(cipher(c, SqlDialect.POSTGRESQL)).isNotBlank();
        }
    }

    @Test
    void runnerVerifyingAgainstABundleHoldingTheServersCertificate_acceptsBoth() throws Exception {
        TlsPolicy own = new TlsPolicy(null, cert.toString());

        try (Connection c = new JdbcConnector().open(mariaDb(own, "127.0.0.1"))) {
            assertThat(cipher(c, SqlDialect.MYSQL)).isNotBlank();
        }
        try (Connection c = new JdbcConnector().open(postgres(own))) {
            assertThat(cipher(c, SqlDialect.POSTGRESQL)).isNotBlank();
        }
    }

    @Test
    void loginProbeByDefault_sendsNoPasswordToAServerItCannotVerify_andTheRelaxedSettingProvesTheLogin() {
        DatabaseEndpoint rds = new DatabaseEndpoint("127.0.0.1", mariaDb.port(), null, null, true);

        LoginProbe.Attempt verified = new LoginProbe(new TlsPolicy(null, null)).attempt("mariadb", rds, mariaDb.adminUser(), "pw-1");
        LoginProbe.Attempt relaxed = new LoginProbe(new TlsPolicy(TlsMode.REQUIRE, null)).attempt("mariadb", rds, mariaDb.adminUser(), "pw-1");

        assertThat(verified.outcome()).isEqualTo(LoginProbe.Outcome.NOT_ATTEMPTED);
        assertThat(verified.detail()).contains("could not connect").contains("certificate");
        assertThat(relaxed.outcome()).isEqualTo(LoginProbe.Outcome.PROVED);
    }

    @Test
    void loginProbeByDefault_refusesThePostgresToo() {
        DatabaseEndpoint rds = new DatabaseEndpoint("127.0.0.1", postgres.getPort(), null, null, true);

        LoginProbe.Attempt verified = new LoginProbe(new TlsPolicy(null, null)).attempt("postgres", rds, "postgres", "pw-1");
        LoginProbe.Attempt own = new LoginProbe(new TlsPolicy(null, cert.toString())).attempt("postgres", rds, "postgres", "pw-1");

        assertThat(verified.outcome()).isEqualTo(LoginProbe.Outcome.NOT_ATTEMPTED);
        assertThat(own.outcome()).isEqualTo(LoginProbe.Outcome.PROVED);
    }
}
