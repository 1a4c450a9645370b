package io.dbrefresh.scripts;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the runner's connection: MariaDB Connector/J for the MySQL family, the PostgreSQL
 * driver for PostgreSQL, the Microsoft JDBC Driver for SQL Server, Oracle JDBC for Oracle. The password goes in the connection properties, never in the URL
 * (URLs end up in driver error messages).
 */
public class JdbcConnector {

    /** Connect within this many seconds or fail: a wrong security group should not eat the Lambda's time. */
    static final int CONNECT_TIMEOUT_SECONDS = 15;

    /** The JDBC URL for {@code t}, TLS settings included, credentials excluded. */
    public static String url(JdbcTarget t) {
        return switch (t.dialect()) {
            case MYSQL -> mysql(t);
            case POSTGRESQL -> postgresql(t);
            case SQLSERVER -> sqlServer(t);
            case ORACLE -> oracle(t, TlsPolicy.oracleTlsPort());
        };
    }

    private static String mysql(JdbcTarget t) {
        StringBuilder url = new StringBuilder();
        String db = t.database() == null ? "" : t.database();
        url.append("jdbc:mariadb://").append(t.host()).append(':').append(t.port()).append('/').append(db);
        url.append("?connectTimeout=").append(CONNECT_TIMEOUT_SECONDS * 1000);
        url.append('&').append(mysqlTls(t.tls(), t.caBundle()));
        return url.toString();
    }

    private static String postgresql(JdbcTarget t) {
        StringBuilder url = new StringBuilder();
        String db = t.database() == null ? "" : t.database();
        url.append("jdbc:postgresql://").append(t.host()).append(':').append(t.port()).append('/')
                .append(db.isEmpty() ? "postgres" : db);
        url.append("?connectTimeout=").append(CONNECT_TIMEOUT_SECONDS).append("&ApplicationName=dbrefresh");
        url.append('&').append(postgresqlTls(t.tls(), t.caBundle()));
        return url.toString();
    }

    /**
     * Microsoft JDBC Driver for SQL Server. verify-full checks the certificate
     * ({@code trustServerCertificate=false}) and its host name against the CA bundle, given as a
     * trust store in the connection properties ({@link #tlsProperties}); require encrypts without
     * checking the certificate, like the other engines' require. No database in the URL means the
     * login's default database (RDS for SQL Server has none of its own: scripts say {@code USE}).
     */
    private static String sqlServer(JdbcTarget t) {
        StringBuilder url = new StringBuilder("jdbc:sqlserver://").append(t.host()).append(':').append(t.port());
        if (t.database() != null && !t.database().isEmpty()) {
            url.append(";databaseName=").append(t.database());
        }
        url.append(";loginTimeout=").append(CONNECT_TIMEOUT_SECONDS).append(";applicationName=dbrefresh");
        url.append(sqlServerTls(t.tls(), t.host()));
        return url.toString();
    }

    /**
     * Oracle JDBC (thin). With TLS the connection is TCPS on {@code tlsPort}: RDS for Oracle
     * serves TLS on the port of its SSL option (2484 by default), not on the listener port the
     * endpoint reports. verify-full also matches the certificate's name to the host. The service
     * is the instance's DB name (ORCL when RDS reports none).
     */
    static String oracle(JdbcTarget t, int tlsPort) {
        boolean tls = t.tls() != TlsMode.DISABLE;
        String service = t.database() == null || t.database().isEmpty() ? "ORCL" : t.database();
        return "jdbc:oracle:thin:@(DESCRIPTION=(CONNECT_TIMEOUT=" + CONNECT_TIMEOUT_SECONDS + ")"
                + "(ADDRESS=(PROTOCOL=" + (tls ? "TCPS" : "TCP") + ")(HOST=" + t.host() + ")(PORT=" + (tls ? tlsPort : t.port()) + "))"
                + "(CONNECT_DATA=(SERVICE_NAME=" + service + "))"
                + (t.tls() == TlsMode.VERIFY_FULL ? "(SECURITY=(SSL_SERVER_DN_MATCH=TRUE))" : "") + ")";
    }

    /** The URL parameters of MariaDB Connector/J's TLS for {@code mode}: verify-full checks chain and host against {@code bundle}. */
    public static String mysqlTls(TlsMode mode, String bundle) {
        return switch (mode) {
            case VERIFY_FULL -> "sslMode=verify-full" + (bundle == null ? "" : "&serverSslCert=" + bundle);
            case REQUIRE -> "sslMode=trust";
            case DISABLE -> "sslMode=disable";
        };
    }

    /** The URL parameters of the PostgreSQL driver's TLS for {@code mode}: verify-full checks chain and host against {@code bundle}. */
    public static String postgresqlTls(TlsMode mode, String bundle) {
        return switch (mode) {
            case VERIFY_FULL -> "sslmode=verify-full" + (bundle == null ? "" : "&sslrootcert=" + bundle);
            case REQUIRE -> "sslmode=require";
            case DISABLE -> "sslmode=disable";
        };
    }

    /** The URL settings of the Microsoft driver's TLS for {@code mode}; the bundle goes in {@link #tlsProperties}. */
    public static String sqlServerTls(TlsMode mode, String host) {
        return switch (mode) {
            case VERIFY_FULL -> ";encrypt=true;trustServerCertificate=false;hostNameInCertificate=" + host;
            case REQUIRE -> ";encrypt=true;trustServerCertificate=true";
            case DISABLE -> ";encrypt=false";
        };
    }

    /**
     * The connection properties that carry the CA bundle for drivers that take a trust store
     * rather than a PEM file: SQL Server under verify-full, and Oracle whenever it uses TCPS
     * (Oracle JDBC has no mode that skips the check). The bundle is given to them as a PKCS12
     * trust store made from it ({@link RdsCaBundle#trustStoreFile}).
     */
    public static Properties tlsProperties(SqlDialect dialect, TlsMode mode, String bundle) {
        Properties props = new Properties();
        if (bundle == null) {
            return props;
        }
        boolean trustStore = dialect == SqlDialect.SQLSERVER && mode == TlsMode.VERIFY_FULL
                || dialect == SqlDialect.ORACLE && mode != TlsMode.DISABLE;
        if (trustStore) {
            String store = RdsCaBundle.trustStoreFile(Path.of(bundle)).toString();
            String prefix = dialect == SqlDialect.ORACLE ? "javax.net.ssl." : "";
            props.setProperty(prefix + "trustStore", store);
            props.setProperty(prefix + "trustStoreType", RdsCaBundle.TRUST_STORE_TYPE);
            props.setProperty(prefix + "trustStorePassword", RdsCaBundle.TRUST_STORE_PASSWORD);
        }
        return props;
    }

    public Connection open(JdbcTarget t) throws SQLException {
        Properties props = tlsProperties(t.dialect(), t.tls(), t.caBundle());
        props.setProperty("user", t.username());
        props.setProperty("password", t.password());
        return DriverManager.getConnection(url(t), props);
    }
}
