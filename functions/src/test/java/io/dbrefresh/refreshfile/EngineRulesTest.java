package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What RDS for SQL Server and RDS for Oracle cannot do is refused before anything runs, naming the field. */
class EngineRulesTest {

    private static Fixture rds(String engine) {
        return Fixture.of("rds.json").with("/restore/engine", engine);
    }

    private static void refusedAt(Fixture file, String path, String words) {
        RefreshFileResult result = file.read();
        assertThat(result.errors()).as("errors of the file").anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(words);
        });
        assertThat(result.plan()).isNull();
    }

    @Test
    void rdsFile_mayNameItsEngine_andThePlanCarriesIt() {
        RefreshPlan plan = rds("sqlserver-se").plan();
        assertThat(plan.restore().engine()).isEqualTo("sqlserver-se");
    }

    @Test
    void optionGroupAndLicenseModel_reachThePlan() {
        RefreshPlan plan = rds("oracle-se2")
                .with("/restore/optgrp", "app1-oracle-se2-19")
                .with("/restore/licensemodel", "bring-your-own-license")
                .plan();
        assertThat(plan.restore().optionGroup()).isEqualTo("app1-oracle-se2-19");
        assertThat(plan.restore().licenseModel()).isEqualTo("bring-your-own-license");
    }

    @Test
    void optionGroup_withABadName_isRefused() {
        refusedAt(rds("sqlserver-se").with("/restore/optgrp", "1bad--name"), "/restore/optgrp", "option group name");
    }

    @Test
    void optionGroup_onAurora_isRefused() {
        refusedAt(Fixture.of("aurora.json").with("/restore/optgrp", "grp"), "/restore/optgrp", "applies to rds only");
    }

    @Test
    void sqlServerOrOracle_onAurora_isRefused_sayingThereIsNoAuroraEdition() {
        refusedAt(Fixture.of("aurora.json").with("/restore/engine", "sqlserver-ee"), "/restore/engine", "no Aurora edition");
        refusedAt(Fixture.of("aurora.json").with("/restore/engine", "oracle-ee"), "/restore/engine", "no Aurora edition");
    }

    @Test
    void auroraEngine_onRds_isRefused() {
        refusedAt(rds("aurora-mysql"), "/restore/engine", "dbservice is rds");
    }

    @Test
    void sqlServer_isLicenseIncludedOnly() {
        refusedAt(rds("sqlserver-ee").with("/restore/licensemodel", "bring-your-own-license"),
                "/restore/licensemodel", "license included only");
    }

    @Test
    void oracleEnterprise_isBringYourOwnLicenseOnly_andStandardTwoTakesEither() {
        refusedAt(rds("oracle-ee-cdb").with("/restore/licensemodel", "license-included"),
                "/restore/licensemodel", "bring-your-own-license");
        assertThat(rds("oracle-se2-cdb").with("/restore/licensemodel", "license-included").read().errors()).isEmpty();
    }

    @Test
    void licenseModel_onMysql_orWithoutAnEngine_isRefused() {
        refusedAt(rds("mysql").with("/restore/licensemodel", "license-included"), "/restore/licensemodel", "SQL Server and Oracle only");
        refusedAt(Fixture.of("rds.json").with("/restore/licensemodel", "license-included"), "/restore/licensemodel",
                "needs /restore/engine");
    }

    @Test
    void multiAz_onExpressOrWeb_isRefused_andOnStandardAccepted() {
        refusedAt(rds("sqlserver-ex").with("/restore/multiaz", true), "/restore/multiaz", "Standard or Enterprise");
        refusedAt(rds("sqlserver-web").with("/restore/multiaz", true), "/restore/multiaz", "Standard or Enterprise");
        assertThat(rds("sqlserver-se").with("/restore/multiaz", true).read().errors()).isEmpty();
    }

    @Test
    void iamAuthentication_isRefusedForBoth() {
        refusedAt(rds("sqlserver-se").with("/restore/iamdbauth", true), "/restore/iamdbauth", "MySQL, MariaDB and PostgreSQL only");
        refusedAt(rds("oracle-ee").with("/restore/iamdbauth", "true"), "/restore/iamdbauth", "IAM database authentication");
    }

    @Test
    void logTypes_areTheEngines() {
        refusedAt(rds("sqlserver-se").with("/restore/cwalogs", "error,slowquery"), "/restore/cwalogs", "agent, error");
        refusedAt(rds("oracle-ee").with("/restore/cwalogs", "alert,error"), "/restore/cwalogs", "alert, audit, listener");
        assertThat(rds("oracle-ee").with("/restore/cwalogs", "alert,audit,listener,trace").read().errors()).isEmpty();
    }

    @Test
    void gravitonClasses_areRefused_forTheReplicasToo() {
        refusedAt(rds("sqlserver-se").with("/restore/dbclass", "db.r6g.large"), "/restore/dbclass", "Graviton");
        refusedAt(rds("oracle-ee").with("/restore/dbclass", "db.m7g.xlarge"), "/restore/dbclass", "Graviton");
        refusedAt(rds("oracle-ee").with("/createreplicas/torun", true)
                        .with("/createreplicas/replicas", "orainstd-r1_db.t4g.large"),
                "/createreplicas/replicas", "replica orainstd-r1 is db.t4g.large");
        assertThat(rds("oracle-ee").with("/restore/dbclass", "db.r6i.large").read().errors()).isEmpty();
    }

    @Test
    void instanceClassSizes_followTheEdition() {
        refusedAt(rds("sqlserver-ee").with("/restore/dbclass", "db.t3.small"), "/restore/dbclass", "too small");
        refusedAt(rds("sqlserver-ex").with("/restore/dbclass", "db.m5.2xlarge"), "/restore/dbclass", "too large");
        assertThat(rds("sqlserver-ex").with("/restore/dbclass", "db.t3.small").read().errors()).isEmpty();
    }

    @Test
    void dbName_isRefusedForSqlServer_andMustBeASidForOracle() {
        refusedAt(rds("sqlserver-se").with("/restore/dbname", "app"), "/restore/dbname", "no database name");
        refusedAt(rds("oracle-ee").with("/restore/dbname", "APPDATABASE1"), "/restore/dbname", "at most 7");
        assertThat(rds("oracle-ee").with("/restore/dbname", "ORCL").plan().restore().dbName()).isEqualTo("ORCL");
    }

    @Test
    void sqlServer_refusesItsReservedPorts() {
        refusedAt(rds("sqlserver-web").with("/restore/port", 3389), "/restore/port", "refuses 1234");
        refusedAt(rds("sqlserver-web").with("/restore/port", 49154), "/restore/port", "49152 to 49156");
        assertThat(rds("sqlserver-web").with("/restore/port", 1433).read().errors()).isEmpty();
    }

    @Test
    void readReplicas_onlyForEnterpriseEditions() {
        refusedAt(rds("sqlserver-se").with("/createreplicas/torun", true).with("/createreplicas/replicas", "mssqlinstd-r1_db.m5.xlarge"),
                "/createreplicas/replicas", "no read replicas");
        refusedAt(rds("oracle-se2").with("/createreplicas/torun", true).with("/deletereplicas/torun", true),
                "/createreplicas/torun", "no read replicas");
        assertThat(rds("oracle-ee").with("/createreplicas/torun", true)
                .with("/createreplicas/replicas", "orainstd-r1_db.r6i.large").read().errors()).isEmpty();
    }

    @Test
    void sqlServerReplicas_needAMultiAzPrimary() {
        Fixture file = rds("sqlserver-ee").with("/createreplicas/torun", true)
                .with("/createreplicas/replicas", "mssqlinstd-r1_db.m5.xlarge");
        refusedAt(file, "/restore/multiaz", "Always On");
        assertThat(file.with("/restore/multiaz", true).read().errors()).isEmpty();
    }

    @Test
    void atMostFiveReplicas() {
        refusedAt(rds("oracle-ee").with("/createreplicas/torun", true).with("/createreplicas/replicas",
                        "r1_db.r5.large,r2_db.r5.large,r3_db.r5.large,r4_db.r5.large,r5_db.r5.large,r6_db.r5.large"),
                "/createreplicas/replicas", "at most 5");
    }

    @Test
    void oraclePasswords_areAtMostThirty_andTheDefaultFits() {
        Fixture file = rds("oracle-se2").with("/changemasterpwd/torun", true).with("/changemasterpwd/secretname", "/dev/ora/master");
        assertThat(file.plan().password().passwordLength()).isEqualTo(30);
        refusedAt(file.with("/changemasterpwd/pwdlength", 40), "/changemasterpwd/pwdlength", "at most 30");
    }

    @Test
    void runScripts_speaksSqlServerAndOracle_onTheFilesEngine() {
        Fixture file = rds("sqlserver-se").with("/runscripts/torun", true).with("/runscripts/engine", "sqlserver-se")
                .with("/runscripts/secretname", "/dev/mssql/master").with("/runscripts/bucketname", "app1-scripts")
                .with("/runscripts/prefix", "mssql").with("/runscripts/keys", "01-mask.sql");
        assertThat(file.plan().scripts().engine()).isEqualTo("sqlserver-se");
        refusedAt(file.with("/runscripts/engine", "oracle-ee"), "/runscripts/engine", "the scripts run on the target's engine");
    }

    @Test
    void theRulesFollowTheScriptsEngine_whenTheRestoreBlockNamesNone() {
        Fixture file = Fixture.of("rds.json").with("/restore/multiaz", true).with("/runscripts/torun", true)
                .with("/runscripts/engine", "sqlserver-ex").with("/runscripts/secretname", "/dev/mssql/master")
                .with("/runscripts/bucketname", "app1-scripts").with("/runscripts/prefix", "mssql")
                .with("/runscripts/keys", "01-mask.sql");
        refusedAt(file, "/restore/multiaz", "Standard or Enterprise");
    }

    @Test
    void replicaMode_isForOracleEnterpriseReplicas_andReachesThePlan() {
        Fixture oracle = rds("oracle-ee").with("/createreplicas/torun", true)
                .with("/createreplicas/replicas", "orainstd-r1_db.r6i.large").with("/createreplicas/replicamode", "mounted");
        assertThat(oracle.plan().replicas().replicaMode()).isEqualTo("mounted");
        refusedAt(rds("sqlserver-ee").with("/restore/multiaz", true).with("/createreplicas/torun", true)
                        .with("/createreplicas/replicas", "mssqlinstd-r1_db.m5.xlarge").with("/createreplicas/replicamode", "mounted"),
                "/createreplicas/replicamode", "Oracle Enterprise Edition replicas only");
        refusedAt(rds("oracle-ee").with("/createreplicas/torun", true).with("/createreplicas/replicamode", "standby"),
                "/createreplicas/replicamode", "open-read-only, mounted");
    }
}
