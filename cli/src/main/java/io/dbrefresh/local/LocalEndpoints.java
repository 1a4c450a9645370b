package io.dbrefresh.scripts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoints registered by a local run: the emulated instance or cluster named here is
 * really this database on an embedded server. The handlers of a local run are built by
 * reflection from a {@code StepEnvironment}, so this process-wide table is how the local
 * engine reaches them; on Lambda it is empty and RDS answers.
 */
public final class EndpointOverrides implements EndpointResolver {

    private static final EndpointOverrides INSTANCE = new EndpointOverrides();

    private final Map<String, DatabaseEndpoint> byName = new ConcurrentHashMap<>();

    private EndpointOverrides() {
    }

    public static EndpointOverrides shared() {
        return INSTANCE;
    }

    /** From now on, the instance or cluster {@code name} resolves to {@code endpoint}. */
    public void register(String name, DatabaseEndpoint endpoint) {
        byName.put(name, endpoint);
    }

    public void remove(String name) {
        byName.remove(name);
    }

    public void clear() {
        byName.clear();
    }

    @Override
    public Optional<DatabaseEndpoint> resolve(String instance, String cluster) {
        if (cluster != null && byName.containsKey(cluster)) {
            return Optional.of(byName.get(cluster));
        }
        return Optional.ofNullable(instance == null ? null : byName.get(instance));
    }
}
