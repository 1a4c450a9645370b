package io.dbrefresh.scripts;

/**
 * Where the refreshed database answers.
 *
 * @param database       the database to connect to, or null for the engine's default
 * @param masterUsername the admin user (legacy {@code access: pwd} logs in as it)
 * @param tls            a TLS mode this endpoint imposes (an embedded server: DISABLE), or null
 */
public record DatabaseEndpoint(String host, int port, String database, String masterUsername, TlsMode tls) {

    public DatabaseEndpoint(String host, int port, String database, String masterUsername) {
        this(host, port, database, masterUsername, null);
    }
}
