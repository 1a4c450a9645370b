package io.dbrefresh.secrets;

import io.dbrefresh.execution.DatabaseEndpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.dbrefresh.scripts.JdbcConnector;
import io.dbrefresh.scripts.SqlDialect;
import io.dbrefresh.scripts.TlsMode;
import io.dbrefresh.scripts.TlsPolicy;

/**
 * Proves that a login works by opening a JDBC connection: MariaDB Connector/J for the MySQL
 * family, the PostgreSQL driver for the PostgreSQL family, the Microsoft driver for SQL
 * Server, Oracle JDBC for Oracle. Tells a refused login (the
 * password is wrong) from one that could not be attempted (no driver for the engine, the
 * endpoint does not resolve or does not answer from where this runs). On RDS the connection
 * is TLS under the deployment's {@link TlsPolicy}, the same as the script runner's: by default
 * the server's certificate and host name are verified against the RDS CA bundle, so the
 * password is never sent to a server that cannot prove it is the database.
 */
public class LoginProbe {

    private final TlsPolicy tls;

    public LoginProbe() {
        this(TlsPolicy.fromEnvironment());
    }

    public LoginProbe(TlsPolicy tls) {
        this.tls = tls;
    }

    static final int CONNECT_TIMEOUT_SECONDS = 5;
    static final int LOGIN_TIMEOUT_SECONDS = 10;

    /** How an attempt ended. */
    public enum Outcome {
        /** The server accepted the login. */
        PROVED,
        /** The server answered and refused the credentials. */
        REFUSED,
        /** No login could be tried from here; {@code detail} says why. */
        NOT_ATTEMPTED
    }

    /** An attempt's outcome and a sentence for people; never holds the password. */
    public record Attempt(Outcome outcome, String detail) {
    }

    public Attempt attempt(String engine, DatabaseEndpoint endpoint, String username, String password) {
        Family family = Family.of(engine);
        if (family == null) {
            return new Attempt(Outcome.NOT_ATTEMPTED, "no JDBC driver here for engine " + engine);
        }
        if (endpoint == null || endpoint.host() == null || endpoint.port() <= 0) {
            return new Attempt(Outcome.NOT_ATTEMPTED, "the database has no endpoint yet");
        }
        try {
            InetAddress.getByName(endpoint.host());
        } catch (UnknownHostException e) {
            return new Attempt(Outcome.NOT_ATTEMPTED, "endpoint " + endpoint.host() + " does not resolve from here");
        }
        TlsMode mode = endpoint.tls() ? tls.effective(null) : TlsMode.DISABLE;
        String bundle = mode == TlsMode.DISABLE ? null : tls.bundleFile();
        Properties props = JdbcConnector.tlsProperties(family.dialect, mode, bundle);
        props.setProperty("user", username);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(family.url(endpoint, mode, bundle), props)) {
            return new Attempt(Outcome.PROVED, "logged in as " + username + " at " + endpoint);
        } catch (SQLException e) {
            String why = Redaction.describe(e, password);
            if (refused(e)) {
                return new Attempt(Outcome.REFUSED, "login as " + username + " at " + endpoint + " was refused: " + why);
            }
            return new Attempt(Outcome.NOT_ATTEMPTED, "could not connect to " + endpoint + ": " + why);
        }
    }

    /** SQL Server's "Login failed for user" (18456, SQLSTATE S0001) and Oracle's ORA-01017 (invalid username/password). */
    private static final int SQLSERVER_LOGIN_FAILED = 18456;
    private static final int ORACLE_INVALID_LOGIN = 1017;

    /**
     * SQLSTATE class 28 is "invalid authorization" in MariaDB (28000) and PostgreSQL (28P01/28000);
     * SQL Server and Oracle say it by their error codes.
     */
    static boolean refused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getSQLState() != null && s.getSQLState().startsWith("28")
                    || s.getErrorCode() == SQLSERVER_LOGIN_FAILED && "S0001".equals(s.getSQLState())
                    || s.getErrorCode() == ORACLE_INVALID_LOGIN && s.getMessage() != null && s.getMessage().contains("ORA-01017"))) {
                return true;
            }
        }
        return false;
    }

    enum Family {
        MYSQL(SqlDialect.MYSQL), POSTGRESQL(SqlDialect.POSTGRESQL), SQLSERVER(SqlDialect.SQLSERVER), ORACLE(SqlDialect.ORACLE);

        final SqlDialect dialect;

        Family(SqlDialect dialect) {
            this.dialect = dialect;
        }

        static Family of(String engine) {
            return SqlDialect.ofEngine(engine).map(d -> valueOf(d.name())).orElse(null);
        }

        /** The URL carries no credentials: they go in the connection properties. */
        String url(DatabaseEndpoint ep, TlsMode mode, String bundle) {
            boolean tls = mode != TlsMode.DISABLE;
            if (this == MYSQL) {
                return "jdbc:mariadb://" + ep.host() + ":" + ep.port() + "/"
                        + "?" + JdbcConnector.mysqlTls(mode, bundle)
                        + "&connectTimeout=" + CONNECT_TIMEOUT_SECONDS * 1000
                        + "&socketTimeout=" + LOGIN_TIMEOUT_SECONDS * 1000
                        + (tls ? "" : "&allowPublicKeyRetrieval=true");
            }
            if (this == SQLSERVER) {
                return "jdbc:sqlserver://" + ep.host() + ":" + ep.port()
                        + JdbcConnector.sqlServerTls(mode, ep.host())
                        + ";loginTimeout=" + LOGIN_TIMEOUT_SECONDS + ";applicationName=dbrefresh";
            }
            if (this == ORACLE) {
                // TLS is TCPS on the SSL option's port, not the listener port RDS reports
                String service = ep.database() == null || ep.database().isBlank() ? "ORCL" : ep.database();
                return "jdbc:oracle:thin:@(DESCRIPTION=(CONNECT_TIMEOUT=" + CONNECT_TIMEOUT_SECONDS + ")"
                        + "(ADDRESS=(PROTOCOL=" + (tls ? "TCPS" : "TCP") + ")(HOST=" + ep.host() + ")(PORT="
                        + (tls ? TlsPolicy.oracleTlsPort() : ep.port()) + "))"
                        + "(CONNECT_DATA=(SERVICE_NAME=" + service + "))"
                        + (mode == TlsMode.VERIFY_FULL ? "(SECURITY=(SSL_SERVER_DN_MATCH=TRUE))" : "") + ")";
            }
            String db = ep.database() == null || ep.database().isBlank() ? "postgres" : ep.database();
            return "jdbc:postgresql://" + ep.host() + ":" + ep.port() + "/" + db
                    + "?" + JdbcConnector.postgresqlTls(mode, bundle)
                    + "&connectTimeout=" + CONNECT_TIMEOUT_SECONDS
                    + "&loginTimeout=" + LOGIN_TIMEOUT_SECONDS
                    + "&socketTimeout=" + LOGIN_TIMEOUT_SECONDS;
        }
    }
}
