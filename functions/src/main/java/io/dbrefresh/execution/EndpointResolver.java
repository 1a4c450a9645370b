package io.dbrefresh.execution;

import java.util.Optional;

/**
 * Finds where a database answers by its instance or cluster name. On AWS that is RDS; a local
 * run puts its embedded databases first ({@link StepEnvironment#databases()}).
 */
@FunctionalInterface
public interface EndpointResolver {

    /** The endpoint of {@code cluster} (its writer) when set, else of {@code instance}; empty when unknown. */
    Optional<DatabaseEndpoint> resolve(String instance, String cluster);

    /** This resolver, then {@code next} for what this one does not know. */
    default EndpointResolver orElse(EndpointResolver next) {
        return (instance, cluster) -> resolve(instance, cluster).or(() -> next.resolve(instance, cluster));
    }

    /** Knows no database: callers go where RDS says. */
    static EndpointResolver none() {
        return (instance, cluster) -> Optional.empty();
    }
}
