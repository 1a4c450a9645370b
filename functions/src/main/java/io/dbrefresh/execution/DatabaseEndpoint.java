package io.dbrefresh.execution;

/**
 * Where a database answers, for the password check's login and the script runner alike.
 *
 * @param database       the database to name in the connection, or null for the engine's default
 * @param masterUsername the admin user as RDS describes it (legacy {@code access: pwd} logs in as it), or null
 * @param tls            whether the server speaks TLS: RDS does; an embedded server of a local run does not
 */
public record DatabaseEndpoint(String host, int port, String database, String masterUsername, boolean tls) {

    /** An endpoint as RDS describes it: connections to RDS use TLS. */
    public DatabaseEndpoint(String host, int port, String database, String masterUsername) {
        this(host, port, database, masterUsername, true);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
