package io.dbrefresh.secrets;

/**
 * Where to open a database connection: host, port, the database to name in the URL (null:
 * the engine's default), and whether TLS is required (RDS: yes; an embedded test server has
 * none).
 */
public record DatabaseEndpoint(String host, int port, String database, boolean tls) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
