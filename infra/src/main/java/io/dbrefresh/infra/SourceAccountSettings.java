package io.dbrefresh.infra;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The source-account stack's context values (docs/deploy.md, "Cross-account refresh").
 *
 * @param targetAccountIds  the non-production accounts whose dbrefresh may assume the role ({@code targetAccountIds})
 * @param sourceDatabases   the production instances and clusters the role may read, snapshot, copy and share ({@code sourceDatabases})
 * @param sourceKmsKeyArns  customer managed keys of those sources' snapshots, to copy them ({@code sourceKmsKeyArns})
 * @param targetStackName   the dbrefresh stack's name in the target accounts: its function roles' name prefix ({@code targetStackName})
 */
public record SourceAccountSettings(List<String> targetAccountIds, List<String> sourceDatabases, List<String> sourceKmsKeyArns,
                                    String targetStackName) {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}");

    public SourceAccountSettings {
        targetAccountIds = List.copyOf(targetAccountIds);
        sourceDatabases = List.copyOf(sourceDatabases);
        sourceKmsKeyArns = List.copyOf(sourceKmsKeyArns);
    }

    /** The settings when the context asks for the source-account stack ({@code sourceDatabases} given), else empty. */
    static Optional<SourceAccountSettings> fromContext(Function<String, Object> context) {
        List<String> sources = list(context.apply("sourceDatabases"));
        List<String> targets = list(context.apply("targetAccountIds"));
        if (sources.isEmpty() && targets.isEmpty()) {
            return Optional.empty();
        }
        if (sources.isEmpty() || targets.isEmpty()) {
            throw new InvalidDeploymentSettingsException("the source-account stack needs both sourceDatabases (the production"
                    + " instances and clusters to copy from) and targetAccountIds (the accounts that refresh from them)");
        }
        for (String t : targets) {
            if (!ACCOUNT.matcher(t).matches()) {
                throw new InvalidDeploymentSettingsException("targetAccountIds: \"" + t + "\" is not a 12-digit account id");
            }
        }
        for (String s : sources) {
            if (!IDENTIFIER.matcher(s).matches()) {
                throw new InvalidDeploymentSettingsException("sourceDatabases: \"" + s + "\" is not a DB instance or cluster"
                        + " identifier (a letter, then letters, digits and hyphens; no wildcard)");
            }
        }
        Object stack = context.apply("targetStackName");
        return Optional.of(new SourceAccountSettings(targets, sources, list(context.apply("sourceKmsKeyArns")),
                stack == null ? DbRefreshApp.DEFAULT_STACK_NAME : stack.toString()));
    }

    /** A list as cdk.json gives it (an array) or as {@code -c key=a,b} does (one string). */
    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return java.util.Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
