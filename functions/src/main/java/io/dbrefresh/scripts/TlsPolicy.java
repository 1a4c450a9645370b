package io.dbrefresh.scripts;

/**
 * The TLS settings of the deployment: {@code DBREFRESH_DB_TLS} (verify-full, require, disable)
 * and {@code DBREFRESH_DB_CA_BUNDLE} (a PEM file of certificate authorities); system
 * properties {@code dbrefresh.db.tls} and {@code dbrefresh.db.caBundle} win over them (local
 * runs). Without a mode: verify-full, against the bundle set or else the RDS bundle shipped in
 * the jar ({@link RdsCaBundle}). Verification is relaxed, and TLS turned off, only when someone
 * says so.
 */
public record TlsPolicy(TlsMode mode, String caBundle) {

    public static final String MODE_ENV = "DBREFRESH_DB_TLS";
    public static final String CA_BUNDLE_ENV = "DBREFRESH_DB_CA_BUNDLE";

    /** RDS for Oracle serves TLS (TCPS) on the port of its option group's SSL option. */
    public static final String ORACLE_TLS_PORT_ENV = "DBREFRESH_ORACLE_TLS_PORT";
    public static final int DEFAULT_ORACLE_TLS_PORT = 2484;

    public static TlsPolicy fromEnvironment() {
        String mode = setting("dbrefresh.db.tls", MODE_ENV);
        String bundle = setting("dbrefresh.db.caBundle", CA_BUNDLE_ENV);
        return new TlsPolicy(mode == null ? null : TlsMode.parse(mode), bundle);
    }

    /** The mode in force when the refresh file (or a local endpoint) says {@code override}, or nothing. */
    public TlsMode effective(TlsMode override) {
        if (override != null) {
            return override;
        }
        if (mode != null) {
            return mode;
        }
        return TlsMode.VERIFY_FULL;
    }

    /**
     * The PEM file servers are verified against: {@code DBREFRESH_DB_CA_BUNDLE} when set, else
     * the RDS bundle shipped in the jar, written to a file on first use.
     */
    public String bundleFile() {
        return caBundle != null ? caBundle : RdsCaBundle.pemFile().toString();
    }

    /** {@code DBREFRESH_ORACLE_TLS_PORT} (system property {@code dbrefresh.oracle.tlsPort}), else 2484. */
    public static int oracleTlsPort() {
        String v = setting("dbrefresh.oracle.tlsPort", ORACLE_TLS_PORT_ENV);
        if (v == null) {
            return DEFAULT_ORACLE_TLS_PORT;
        }
        try {
            int port = Integer.parseInt(v);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the value
        }
        throw new IllegalArgumentException(ORACLE_TLS_PORT_ENV + " must be a port from 1 to 65535; found '" + v + "'");
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }
}
