package io.dbrefresh.scripts;

/**
 * A login for the refreshed database, with what a standard RDS secret may add (host, port,
 * dbname). {@link #toString()} never shows the password.
 */
public record DatabaseCredentials(String username, String password, String host, Integer port, String database) {

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + ", password=****, host=" + host + ", port=" + port
                + ", database=" + database + "]";
    }
}
