package io.dbrefresh.scripts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the runner's connection: MariaDB Connector/J for the MySQL family, the PostgreSQL
 * driver for PostgreSQL. The password goes in the connection properties, never in the URL
 * (URLs end up in driver error messages).
 */
public class JdbcConnector {

    /** Connect within this many seconds or fail: a wrong security group should not eat the Lambda's time. */
    static final int CONNECT_TIMEOUT_SECONDS = 15;

    /** The JDBC URL for {@code t}, TLS settings included, credentials excluded. */
    public static String url(JdbcTarget t) {
        StringBuilder url = new StringBuilder();
        String db = t.database() == null ? "" : t.database();
        if (t.dialect() == SqlDialect.MYSQL) {
            url.append("jdbc:mariadb://").append(t.host()).append(':').append(t.port()).append('/').append(db);
            url.append("?connectTimeout=").append(CONNECT_TIMEOUT_SECONDS * 1000);
            switch (t.tls()) {
                case VERIFY_FULL -> url.append("&sslMode=verify-full").append(t.caBundle() == null ? ""
                        : "&serverSslCert=" + t.caBundle());
                case REQUIRE -> url.append("&sslMode=trust");
                case DISABLE -> url.append("&sslMode=disable");
            }
        } else {
            url.append("jdbc:postgresql://").append(t.host()).append(':').append(t.port()).append('/')
                    .append(db.isEmpty() ? "postgres" : db);
            url.append("?connectTimeout=").append(CONNECT_TIMEOUT_SECONDS).append("&ApplicationName=dbrefresh");
            switch (t.tls()) {
                case VERIFY_FULL -> url.append("&sslmode=verify-full").append(t.caBundle() == null ? ""
                        : "&sslrootcert=" + t.caBundle());
                case REQUIRE -> url.append("&sslmode=require");
                case DISABLE -> url.append("&sslmode=disable");
            }
        }
        return url.toString();
    }

    public Connection open(JdbcTarget t) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", t.username());
        props.setProperty("password", t.password());
        return DriverManager.getConnection(url(t), props);
    }
}
