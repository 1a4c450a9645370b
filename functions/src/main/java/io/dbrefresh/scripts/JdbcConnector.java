package io.dbrefresh.scripts;

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
        switch (t.tls()) {
            case VERIFY_FULL -> url.append("&sslMode=verify-full").append(t.caBundle() == null ? ""
                    : "&serverSslCert=" + t.caBundle());
            case REQUIRE -> url.append("&sslMode=trust");
            case DISABLE -> url.append("&sslMode=disable");
        }
        return url.toString();
    }

    private static String postgresql(JdbcTarget t) {
        StringBuilder url = new StringBuilder();
        String db = t.database() == null ? "" : t.database();
        url.append("jdbc:postgresql://").append(t.host()).append(':').append(t.port()).append('/')
                .append(db.isEmpty() ? "postgres" : db);
        url.append("?connectTimeout=").append(CONNECT_TIMEOUT_SECONDS).append("&ApplicationName=dbrefresh");
        switch (t.tls()) {
            case VERIFY_FULL -> url.append("&sslmode=verify-full").append(t.caBundle() == null ? ""
                    : "&sslrootcert=" + t.caBundle());
            case REQUIRE -> url.append("&sslmode=require");
            case DISABLE -> url.append("&sslmode=disable");
        }
        return url.toString();
    }

    /**
     * Microsoft JDBC Driver for SQL Server. verify-full checks the certificate
     * ({@code trustServerCertificate=false}) and its host name, against the CA bundle when one is
     * set ({@code serverCertificate}, a PEM file) or the JVM's trust store; require encrypts without
     * checking the certificate, like the other engines' require. No database in the URL means the
     * login's default database (RDS for SQL Server has none of its own: scripts say {@code USE}).
     */
    private static String sqlServer(JdbcTarget t) {
        StringBuilder url = new StringBuilder("jdbc:sqlserver://").append(t.host()).append(':').append(t.port());
        if (t.database() != null && !t.database().isEmpty()) {
            url.append(";databaseName=").append(t.database());
        }
        url.append(";loginTimeout=").append(CONNECT_TIMEOUT_SECONDS).append(";applicationName=dbrefresh");
        switch (t.tls()) {
            case VERIFY_FULL -> url.append(";encrypt=true;trustServerCertificate=false;hostNameInCertificate=").append(t.host())
                    .append(t.caBundle() == null ? "" : ";serverCertificate=" + t.caBundle());
            case REQUIRE -> url.append(";encrypt=true;trustServerCertificate=true");
            case DISABLE -> url.append(";encrypt=false");
        }
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

    public Connection open(JdbcTarget t) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", t.username());
        props.setProperty("password", t.password());
        if (t.dialect() == SqlDialect.ORACLE && t.tls() != TlsMode.DISABLE && t.caBundle() != null) {
            // the RDS CA bundle is a PEM file: Oracle JDBC reads it as a trust store of type PEM
            props.setProperty("javax.net.ssl.trustStore", t.caBundle());
            props.setProperty("javax.net.ssl.trustStoreType", "PEM");
        }
        return DriverManager.getConnection(url(t), props);
    }
}
