package io.dbrefresh.local;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.StepEnvironment;

/**
 * What a local run puts where AWS would be: the emulated instance or cluster named here is
 * really a database on an embedded server, and the script runner, which on AWS is a function
 * of its own, runs on a background thread of this process (the state machine's poll loop must
 * still see IN_PROGRESS first). The handlers get both through their {@link StepEnvironment}:
 * nothing of this is in the Lambda jar.
 */
public final class LocalEndpoints implements EndpointResolver {

    private static final ExecutorService SCRIPT_RUNNERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dbrefresh-script-runner");
        t.setDaemon(true);
        return t;
    });

    private final Map<String, DatabaseEndpoint> byName = new ConcurrentHashMap<>();

    /**
     * {@code env} with these databases answering before RDS, scripts run in this process, and the
     * emulated account's security groups under the ids the refresh file names ({@link SecurityGroupStandIns}).
     */
    public StepEnvironment environment(StepEnvironment env) {
        return new StepEnvironment(SecurityGroupStandIns.over(env.aws()), env.clock(), env.maxWaitSeconds(), env.historyTable(),
                env.topicArn()).runningLocally(this, SCRIPT_RUNNERS);
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
