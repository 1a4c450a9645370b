package io.dbrefresh.scripts;

/**
 * Everything needed to open a connection to the refreshed database. {@link #toString()}
 * never shows the password.
 */
public record JdbcTarget(SqlDialect dialect, String host, int port, String database, String username, String password,
                         TlsMode tls, String caBundle) {

    @Override
    public String toString() {
        return "JdbcTarget[" + dialect + " " + username + "@" + host + ":" + port + "/" + database + ", tls=" + tls + "]";
    }
}
