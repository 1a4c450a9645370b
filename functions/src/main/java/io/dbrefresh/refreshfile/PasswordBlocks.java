package io.dbrefresh.refreshfile;

/**
 * Reads changemasterpwd and rotatemasterpwd (either spelling). A restored copy has
 * production's admin password, so it is replaced: by default with a generated password that
 * only the named secret ever holds; or RDS manages it; or (legacy) the file spells it out.
 */
final class PasswordBlocks {

    static final int DEFAULT_LENGTH = 32;
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 128;
    /** RDS for MySQL and MariaDB, and Aurora MySQL, refuse longer master passwords. */
    static final int MAX_MYSQL_LENGTH = 41;
    /** RDS for Oracle refuses longer master passwords (Oracle's own limit). */
    static final int MAX_ORACLE_LENGTH = 30;

    private PasswordBlocks() {
    }

    static PasswordSpec read(Block change, boolean changeRuns, Block rotate, boolean rotateRuns, Reference ref, boolean mysqlFamily) {
        if (change == null && rotate == null) {
            return null;
        }
        PasswordMode mode = PasswordMode.GENERATE;
        String secretName = null;
        boolean sync = false;
        String tempPassword = null;
        Integer length = null;
        String kmsKeyId = null;
        if (change != null) {
            boolean managed = change.bool("managed", false);
            tempPassword = legacyPassword(change, "temppwd", mysqlFamily);
            if (managed && change.has("temppwd")) {
                change.error("temppwd", "conflicts with managed true: RDS chooses a managed password itself; remove one of them");
            }
            mode = managed ? PasswordMode.MANAGED : change.has("temppwd") ? PasswordMode.TEMPPWD : PasswordMode.GENERATE;
            secretName = change.text("secretname");
            kmsKeyId = change.text("kmskeyid");
            if (kmsKeyId != null && !managed) {
                change.error("kmskeyid", "applies only with managed true: it is the key RDS encrypts its managed secret with");
            }
            Boolean secret = change.bool("secret");
            Integer givenLength = change.number("pwdlength", MIN_LENGTH, MAX_LENGTH);
            switch (mode) {
                case GENERATE -> {
                    if (changeRuns) {
                        change.require("secretname", "a generated password is kept only in a Secrets Manager secret: name it"
                                + " (or set managed to true to let RDS keep it)");
                    }
                    if (Boolean.FALSE.equals(secret)) {
                        change.error("secret", "cannot be false: a generated password is kept only in secretname, so that secret is always written");
                    }
                    sync = true;
                    boolean oracle = EngineRules.isOracle(ref.engine());
                    // the default fits every engine: Oracle's limit is below it
                    length = givenLength != null ? givenLength : oracle ? MAX_ORACLE_LENGTH : DEFAULT_LENGTH;
                    if (mysqlFamily && length > MAX_MYSQL_LENGTH) {
                        change.error("pwdlength", "is " + length + " but MySQL and MariaDB master passwords have at most " + MAX_MYSQL_LENGTH + " characters");
                    }
                    if (oracle && length > MAX_ORACLE_LENGTH) {
                        change.error("pwdlength", "is " + length + " but Oracle master passwords have at most " + MAX_ORACLE_LENGTH + " characters");
                    }
                }
                case MANAGED -> {
                    change.reject("secretname", "conflicts with managed true: RDS creates and names the secret of a managed password itself");
                    change.reject("secret", "conflicts with managed true: RDS keeps the managed password's secret itself");
                    change.reject("pwdlength", "applies only to a generated password, not to managed true");
                }
                case TEMPPWD -> {
                    sync = Boolean.TRUE.equals(secret);
                    if (sync && changeRuns) {
                        change.require("secretname", "secret true writes the password into this secret");
                    }
                    change.reject("pwdlength", "applies only to a generated password, not to temppwd");
                }
            }
        }
        String rotateSecret = null;
        if (rotate != null) {
            if (rotateRuns) {
                rotate.require("secretname", "the secret to rotate (rotation must be configured on it)");
                if (mode == PasswordMode.MANAGED) {
                    rotate.error("torun", "RDS rotates a managed master password itself (changemasterpwd has managed true): set torun to false");
                }
            }
            rotateSecret = rotate.text("secretname");
            Block check = rotate.check();
            if (check != null) {
                String checkSecret = check.text("secretname");
                if (checkSecret != null && rotateSecret != null && !checkSecret.equals(rotateSecret)) {
                    check.error("secretname", "is \"" + checkSecret + "\" but " + rotate.pathOf("secretname") + " is \"" + rotateSecret + "\": they name the same secret");
                }
                String checkPassword = legacyPassword(check, "temppwd", mysqlFamily);
                if (checkPassword != null && tempPassword != null && !checkPassword.equals(tempPassword)) {
                    check.error("temppwd", "differs from " + change.pathOf("temppwd") + ": the rotation check compares against the password set there");
                }
            }
        }
        return ref.aurora()
                ? new PasswordSpec(mode, ref.instance(), ref.target(), secretName, sync, tempPassword, length, rotateSecret, kmsKeyId)
                : new PasswordSpec(mode, ref.target(), null, secretName, sync, tempPassword, length, rotateSecret, kmsKeyId);
    }

    /**
     * A password written in the file: accepted for compatibility, with a warning, and checked
     * against the rules RDS applies so that the step does not fail late.
     */
    static String legacyPassword(Block b, String key, boolean mysqlFamily) {
        if (!b.has(key)) {
            return null;
        }
        String password = b.text(key);
        if (password == null) {
            return null;
        }
        b.warning(key, "legacy: the password travels in the execution input and history, readable by anyone who can read them;"
                + " prefer a generated password kept in a secret (remove temppwd, set secretname) or managed true");
        int max = mysqlFamily ? MAX_MYSQL_LENGTH : MAX_LENGTH;
        if (password.length() < 8 || password.length() > max) {
            b.error(key, "must have 8 to " + max + " characters; it has " + password.length());
            return null;
        }
        for (char c : password.toCharArray()) {
            if (c < '!' || c > '~' || c == '/' || c == '"' || c == '@') {
                b.error(key, "may hold printable ASCII characters except space, /, \" and @ (RDS refuses them in a master password)");
                return null;
            }
        }
        return password;
    }
}
