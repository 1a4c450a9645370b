package io.dbrefresh.scripts;

import java.util.Locale;

/** How the runner protects its database connection. */
public enum TlsMode {
    /** Encrypted, and the server's certificate and host name are checked against a CA bundle. */
    VERIFY_FULL,
    /** Encrypted, certificate not checked (no CA bundle configured). */
    REQUIRE,
    /** Plain text: only for local runs against embedded servers, which have no TLS. */
    DISABLE;

    public static TlsMode parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "verify-full", "verify" -> VERIFY_FULL;
            case "require", "required", "trust" -> REQUIRE;
            case "disable", "disabled", "off", "false" -> DISABLE;
            default -> throw new IllegalArgumentException("unknown TLS mode '" + value
                    + "': use verify-full, require or disable");
        };
    }
}
