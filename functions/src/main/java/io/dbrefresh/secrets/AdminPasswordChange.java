package io.dbrefresh.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.PasswordMode;
import io.dbrefresh.refreshfile.PasswordSpec;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * change-admin-pwd, the start: gives the restored copy an admin password production does not
 * have, in one of three modes. GENERATE (the default) makes a random password and keeps it
 * only in the named secret; MANAGED hands the password to RDS, which keeps it in a secret of
 * its own; TEMPPWD (legacy) sets the password written in the refresh file. The result never
 * holds a password.
 */
public class AdminPasswordChange {

    private static final StepId STEP = StepId.CHANGE_ADMIN_PWD;

    private final StepEnvironment env;
    private final MasterPassword master;
    private final SecretStore store;
    private final Function<String, PasswordGenerator> generators;

    public AdminPasswordChange(StepEnvironment env) {
        this(env, new MasterPassword(env.aws().rds()), new SecretStore(env.aws().secretsManager()), PasswordGenerator::forEngine);
    }

    AdminPasswordChange(StepEnvironment env, MasterPassword master, SecretStore store, Function<String, PasswordGenerator> generators) {
        this.env = env;
        this.master = master;
        this.store = store;
        this.generators = generators;
    }

    public StepResult start(StepInput in) {
        PasswordSpec spec = spec(in);
        // the copy, still under its temporary name: it gets its password before it replaces the old target
        DatabaseTarget copy = master.describe(TargetRef.copy(in.plan()));
        // what the secret says is where the copy will be: under the target's name once it is swapped in
        DatabaseTarget named = copy.renamedTo(TargetRef.finalName(in.plan()));
        String message = switch (mode(spec)) {
            case GENERATE -> generate(in, spec, copy, named);
            case TEMPPWD -> legacy(in, spec, copy, named);
            case MANAGED -> managed(spec, copy, named);
        };
        return StepResults.started(STEP, in, env, message, copy.ref().id());
    }

    static PasswordSpec spec(StepInput in) {
        PasswordSpec spec = in.plan().password();
        if (spec == null) {
            throw new InvalidRefreshFileException(STEP.displayName() + ": the plan has no password block");
        }
        // a legacy temppwd is not in $.plan: it is read again from the execution input
        return spec.mode() == PasswordMode.TEMPPWD && spec.tempPassword() == null
                ? spec.withTempPassword(in.legacyPassword("changemasterpwd", "changeadminpwd"))
                : spec;
    }

    static PasswordMode mode(PasswordSpec spec) {
        return spec.mode() == null ? PasswordMode.GENERATE : spec.mode();
    }

    private String generate(StepInput in, PasswordSpec spec, DatabaseTarget target, DatabaseTarget named) {
        String secret = spec.secretName();
        if (secret == null || secret.isBlank()) {
            throw new InvalidRefreshFileException(STEP.displayName() + ": mode generate keeps the new password only in a secret: set secretname");
        }
        String version = VersionToken.of(in.execution(), STEP, secret);
        Optional<DescribeSecretResponse> existing = store.describe(secret);
        existing.ifPresent(d -> requireOurs(secret, d));
        // the secret is written before the database changes, so the password never exists only
        // in the database; a retried start finds the version it wrote and sets that password again
        Optional<String> earlier = existing.filter(d -> d.versionIdsToStages().containsKey(version))
                .flatMap(d -> store.password(secret, version));
        String password;
        String stored;
        if (earlier.isPresent()) {
            password = earlier.get();
            stored = "already stored by this run in secret " + secret;
        } else {
            password = generators.apply(target.engine()).generate(length(spec, target));
            boolean created = store.write(secret, DatabaseSecret.of(named, password), version, description(named), tags(in, named)).created();
            stored = "kept only in secret " + secret + (created ? " (created)" : "");
        }
        master.set(target, password);
        return "set a new generated admin password (" + password.length() + " characters) on " + target.ref() + "; "
                + stored + ", version " + version + endpointNote(named) + unmanagedNote(target);
    }

    private String legacy(StepInput in, PasswordSpec spec, DatabaseTarget target, DatabaseTarget named) {
        String password = spec.tempPassword();
        if (password == null || password.isEmpty()) {
            throw new InvalidRefreshFileException(STEP.displayName() + ": mode temppwd needs temppwd");
        }
        int max = PasswordGenerator.maxLength(target.engine(), target.ref().cluster());
        if (password.length() < PasswordGenerator.MIN_LENGTH || password.length() > max) {
            throw new InvalidRefreshFileException(STEP.displayName() + ": temppwd must have " + PasswordGenerator.MIN_LENGTH
                    + " to " + max + " characters for " + target.engine() + " (it has " + password.length() + ")");
        }
        String stored = "";
        if (spec.syncSecret() && spec.secretName() != null && !spec.secretName().isBlank()) {
            String secret = spec.secretName();
            String version = VersionToken.of(in.execution(), STEP, secret);
            Optional<DescribeSecretResponse> existing = store.describe(secret);
            existing.ifPresent(d -> requireOurs(secret, d));
            if (existing.map(d -> !d.versionIdsToStages().containsKey(version)).orElse(true)) {
                store.write(secret, DatabaseSecret.of(named, password), version, description(named), tags(in, named));
            }
            stored = "; stored in secret " + secret + ", version " + version + endpointNote(named);
        }
        master.set(target, password);
        return "set the refresh file's temppwd (" + Redaction.MASK + ") on " + target.ref() + stored + unmanagedNote(target)
                + ". temppwd is legacy: the password stands in the refresh file and the execution input; prefer mode generate";
    }

    private String managed(PasswordSpec spec, DatabaseTarget target, DatabaseTarget named) {
        boolean turnedOn = master.manage(target, spec.kmsKeyId());
        StringBuilder m = new StringBuilder(turnedOn
                ? "RDS now generates the admin password of " + target.ref() + " and keeps it in a secret it owns"
                : "asked RDS to rotate the admin password it already manages for " + target.ref());
        if (!turnedOn && spec.kmsKeyId() != null && !spec.kmsKeyId().equals(target.managedSecretKmsKeyId())) {
            m.append("; RDS cannot change the KMS key of an existing managed secret: it stays ").append(target.managedSecretKmsKeyId());
        }
        String secret = spec.secretName();
        if (secret != null && !secret.isBlank() && target.hasEndpoint()) {
            // RDS's own secret holds only username and password; the application's secret
            // (if it has one) still needs to point at the refreshed database
            Optional<DescribeSecretResponse> app = store.describe(secret).filter(d -> d.owningService() == null);
            if (app.isPresent()) {
                boolean changed = store.syncEndpoint(secret, named.host(), named.port());
                m.append(changed ? "; pointed secret " + secret + " at " : "; secret " + secret + " already points at ")
                        .append(named.host()).append(':').append(named.port());
            } else {
                m.append("; secret ").append(secret).append(" not updated: it does not exist or RDS owns it");
            }
        }
        return m.toString();
    }

    private int length(PasswordSpec spec, DatabaseTarget target) {
        int max = PasswordGenerator.maxLength(target.engine(), target.ref().cluster());
        if (spec.passwordLength() == null) {
            return Math.min(PasswordGenerator.DEFAULT_LENGTH, max);
        }
        int length = spec.passwordLength();
        if (length < PasswordGenerator.MIN_LENGTH || length > max) {
            throw new InvalidRefreshFileException(STEP.displayName() + ": passwordlength " + length + " is outside what RDS accepts for "
                    + target.engine() + (target.ref().cluster() ? " clusters" : "") + " (" + PasswordGenerator.MIN_LENGTH + " to " + max + ")");
        }
        return length;
    }

    /** A secret another service owns (RDS's own, for one) is not ours to write. */
    private static void requireOurs(String secret, DescribeSecretResponse d) {
        if (d.owningService() != null && !d.owningService().isBlank()) {
            throw new InvalidRefreshFileException(STEP.displayName() + ": secret " + secret + " is owned by " + d.owningService()
                    + " and cannot be written; name another secret, or use mode managed");
        }
    }

    private static String endpointNote(DatabaseTarget target) {
        return target.hasEndpoint() ? ", pointing at " + target.host() + ":" + target.port() : "";
    }

    private static String unmanagedNote(DatabaseTarget target) {
        return target.managed() ? "; RDS no longer manages this password (it deletes its own secret)" : "";
    }

    private static String description(DatabaseTarget target) {
        return "Admin login of " + target.ref() + ", written by dbrefresh change-admin-pwd";
    }

    private static Map<String, String> tags(StepInput in, DatabaseTarget target) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("dbrefresh:target", target.ref().id());
        if (in.execution() != null && in.execution().id() != null) {
            tags.put("dbrefresh:execution", in.execution().id());
        }
        return tags;
    }
}
