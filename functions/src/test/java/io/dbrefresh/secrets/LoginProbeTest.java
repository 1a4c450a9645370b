package io.dbrefresh.secrets;

import io.dbrefresh.execution.DatabaseEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.dbrefresh.scripts.TlsMode;

class LoginProbeTest {

    private final LoginProbe probe = new LoginProbe();

    @Test
    void unresolvableEndpoint_isNotAttempted() {
        LoginProbe.Attempt a = probe.attempt("mysql", new DatabaseEndpoint("mysqlinstd.nowhere.invalid", 3306, null, null, true), "admin", "pw123456");

        assertThat(a.outcome()).isEqualTo(LoginProbe.Outcome.NOT_ATTEMPTED);
        assertThat(a.detail()).isEqualTo("endpoint mysqlinstd.nowhere.invalid does not resolve from here");
    }

    @Test
    void engineWithoutDriver_isNotAttempted() {
        LoginProbe.Attempt a = probe.attempt("db2-se", new DatabaseEndpoint("127.0.0.1", 50000, null, null, true), "admin", "pw123456");

        assertThat(a.outcome()).isEqualTo(LoginProbe.Outcome.NOT_ATTEMPTED);
        assertThat(a.detail()).contains("no JDBC driver here for engine db2-se");
    }

    @Test
    void sqlStateClass28_isARefusedLogin_otherStatesAreNot() {
        assertThat(LoginProbe.refused(new SQLException("Access denied", "28000", 1045))).isTrue();
        assertThat(LoginProbe.refused(new SQLException("password authentication failed", "28P01"))).isTrue();
        assertThat(LoginProbe.refused(new SQLException("Connection refused", "08001"))).isFalse();
        assertThat(LoginProbe.refused(new SQLException("wrapped", "08000", new SQLException("denied", "28000")))).isTrue();
        assertThat(LoginProbe.refused(new SQLException("Login failed for user 'admin'.", "S0001", 18456))).isTrue();
        assertThat(LoginProbe.refused(new SQLException("ORA-01017: invalid credential or not authorized; logon denied", "72000", 1017)))
                .isTrue();
        assertThat(LoginProbe.refused(new SQLException("ORA-12541: Cannot connect. No listener", "08006", 12541))).isFalse();
    }

    @Test
    void urls_verifyTheServerOnRdsByDefault_andNeverCarryCredentials() {
        DatabaseEndpoint rds = new DatabaseEndpoint("db.example", 5432, "shop", null, true);
        String bundle = "/b/rds.pem";

        assertThat(LoginProbe.Family.of("aurora-postgresql").url(rds, TlsMode.VERIFY_FULL, bundle))
                .startsWith("jdbc:postgresql://db.example:5432/shop?").contains("sslmode=verify-full&sslrootcert=/b/rds.pem")
                .doesNotContain("password", "user");
        assertThat(LoginProbe.Family.of("mariadb").url(new DatabaseEndpoint("db.example", 3306, null, null, true), TlsMode.VERIFY_FULL, bundle))
                .startsWith("jdbc:mariadb://db.example:3306/?").contains("sslMode=verify-full&serverSslCert=/b/rds.pem")
                .doesNotContain("password", "user");
        assertThat(LoginProbe.Family.of("mysql").url(new DatabaseEndpoint("db.example", 3306, null, null, true), TlsMode.REQUIRE, bundle))
                .contains("sslMode=trust").doesNotContain("serverSslCert");
        assertThat(LoginProbe.Family.of("mysql").url(new DatabaseEndpoint("127.0.0.1", 3306, null, null, false), TlsMode.DISABLE, null))
                .contains("sslMode=disable");
        assertThat(LoginProbe.Family.of("postgres").url(new DatabaseEndpoint("h", 5432, null, null, true), TlsMode.VERIFY_FULL, bundle))
                .contains(":5432/postgres?");
        assertThat(LoginProbe.Family.of("sqlserver-web").url(new DatabaseEndpoint("db.example", 1433, null, null, true), TlsMode.VERIFY_FULL, bundle))
                .startsWith("jdbc:sqlserver://db.example:1433;")
                .contains("encrypt=true;trustServerCertificate=false;hostNameInCertificate=db.example")
                .doesNotContain("password", "user=");
        assertThat(LoginProbe.Family.of("oracle-se2").url(new DatabaseEndpoint("db.example", 1521, "ORCL", null, true), TlsMode.VERIFY_FULL, bundle))
                .contains("(PROTOCOL=TCPS)").contains("(PORT=2484)").contains("SERVICE_NAME=ORCL")
                .contains("(SSL_SERVER_DN_MATCH=TRUE)").doesNotContain("password");
    }
}
