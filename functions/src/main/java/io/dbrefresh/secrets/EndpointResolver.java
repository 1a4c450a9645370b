package io.dbrefresh.secrets;

/**
 * Maps the endpoint RDS describes for a database to the place this process connects to. On
 * AWS that is the same endpoint, with TLS; a local run points an emulated instance's endpoint
 * at an embedded database server instead.
 */
@FunctionalInterface
public interface EndpointResolver {

    /**
     * @param dbIdentifier the instance or cluster identifier
     * @param described    the endpoint as RDS describes it (TLS required)
     */
    DatabaseEndpoint resolve(String dbIdentifier, DatabaseEndpoint described);

    /** Connect where RDS says the database is. */
    static EndpointResolver asDescribed() {
        return (id, described) -> described;
    }
}
