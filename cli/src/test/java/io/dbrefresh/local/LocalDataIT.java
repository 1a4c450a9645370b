package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.scripts.SqlDialect;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The data side of a local run on the real embedded servers: dumps as the engines' dump
 * tools write them are loaded, and the databases follow the emulated account (moto) through
 * a restore, a rename, a read replica, an Aurora cluster and a deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDataIT {

    private LocalDatabases mariaDb;
    private LocalDatabases postgres;

    @BeforeAll
    void start() {
        mariaDb = LocalDatabases.start(SqlDialect.MYSQL);
        postgres = LocalDatabases.start(SqlDialect.POSTGRESQL);
    }

    @AfterAll
    void stop() {
        mariaDb.close();
        postgres.close();
    }

    private final LocalEndpoints endpoints = new LocalEndpoints();

    /** The shape of mysqldump's output: executable comments, locks, a trigger in a DELIMITER block. */
    private static final String MYSQLDUMP = """
            -- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!40101 SET NAMES utf8mb4 */;
            /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
            DROP TABLE IF EXISTS `people`;
            /*!40101 SET @saved_cs_client     = @@character_set_client */;
            CREATE TABLE `people` (
              `id` int(11) NOT NULL,
              `email` varchar(255) NOT NULL,
              `note` text DEFAULT NULL,
              PRIMARY KEY (`id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            /*!40101 SET character_set_client = @saved_cs_client */;
            LOCK TABLES `people` WRITE;
            /*!40000 ALTER TABLE `people` DISABLE KEYS */;
            INSERT INTO `people` VALUES (1,'ann.lee@mail.example.com','likes; semicolons'),(2,'bo@corp.example.org','it\\'s quoted'),(3,'cy@x.example.net',NULL);
            /*!40000 ALTER TABLE `people` ENABLE KEYS */;
            UNLOCK TABLES;
            /*!50003 SET @saved_sql_mode = @@sql_mode */ ;
            DELIMITER ;;
            /*!50003 CREATE*/ /*!50003 TRIGGER people_lower BEFORE INSERT ON people FOR EACH ROW BEGIN
              SET NEW.email = LOWER(NEW.email);
            END */;;
            DELIMITER ;
            /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
            -- Dump completed on 2026-11-20 10:00:00
            """;

    /** The shape of pg_dump's plain output: settings, psql meta-commands, COPY blocks with NULLs. */
    private static final String PG_DUMP = """
            --
            -- PostgreSQL database dump
            --
            \\restrict 6b0d1f2e3c4a5b69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c

            SET statement_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);

            CREATE TABLE public.people (
                id integer NOT NULL,
                email character varying(255) NOT NULL,
                note text
            );

            CREATE FUNCTION public.shout(t text) RETURNS text
                LANGUAGE sql
                AS $$ SELECT upper(t) || ';' $$;

            COPY public.people (id, email, note) FROM stdin;
            1\tann.lee@mail.example.com\tlikes; semicolons
            2\tbo@corp.example.org\tit's quoted
            3\tcy@x.example.net\t\\N
            \\.

            ALTER TABLE ONLY public.people
                ADD CONSTRAINT people_pkey PRIMARY KEY (id);

            \\unrestrict 6b0d1f2e3c4a5b69788796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c
            """;

    @Test
    void aMysqldumpFile_loadsWithItsExecutableCommentsLocksAndTrigger() throws Exception {
        mariaDb.create("dump_my");
        try (Connection c = mariaDb.connect("dump_my")) {
            DumpLoader.Loaded loaded = DumpLoader.load(c, SqlDialect.MYSQL, MYSQLDUMP, "prod.sql");
            assertThat(loaded.statements()).isGreaterThan(10);
            assertThat(column(c, "SELECT note FROM people ORDER BY id")).containsExactly("likes; semicolons", "it's quoted", null);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO people VALUES (4, 'UPPER@EXAMPLE.COM', NULL)");
            }
            // the trigger in the DELIMITER block was created
            assertThat(column(c, "SELECT email FROM people WHERE id = 4")).containsExactly("upper@example.com");
        }
    }

    @Test
    void aPgDumpFile_loadsItsCopyBlocksAndSkipsPsqlMetaCommands() throws Exception {
        postgres.create("dump_pg");
        try (Connection c = postgres.connect("dump_pg")) {
            DumpLoader.Loaded loaded = DumpLoader.load(c, SqlDialect.POSTGRESQL, PG_DUMP, "prod.sql");
            assertThat(loaded.copiedRows()).isEqualTo(3);
            assertThat(loaded.skippedMetaCommands()).isEqualTo(2);
        }
        try (Connection c = postgres.connect("dump_pg")) {
            assertThat(column(c, "SELECT note FROM public.people ORDER BY id")).containsExactly("likes; semicolons", "it's quoted", null);
            assertThat(column(c, "SELECT public.shout('a')")).containsExactly("A;");
            assertThat(column(c, "SELECT conname FROM pg_constraint WHERE conname = 'people_pkey'")).containsExactly("people_pkey");
        }
    }

    @Test
    void aStatementTheServerRefuses_isReportedWithTheDumpsLine() throws Exception {
        postgres.create("dump_bad");
        String dump = PG_DUMP.replace("ADD CONSTRAINT people_pkey PRIMARY KEY (id);", "ADD CONSTRAINT people_pkey PRIMARY KEY (no_such_column);");
        int line = lineOf(dump, "ALTER TABLE ONLY public.people");
        try (Connection c = postgres.connect("dump_bad")) {
            assertThatThrownBy(() -> DumpLoader.load(c, SqlDialect.POSTGRESQL, dump, "prod.sql"))
                    .isInstanceOf(DumpLoader.DumpException.class)
                    .hasMessageContaining("prod.sql line " + line + ":")
                    .hasMessageContaining("no_such_column");
        }
        mariaDb.create("dump_bad");
        String my = MYSQLDUMP.replace("UNLOCK TABLES;", "UNLOCK TABLES;\nINSERT INTO nowhere VALUES (1);");
        try (Connection c = mariaDb.connect("dump_bad")) {
            assertThatThrownBy(() -> DumpLoader.load(c, SqlDialect.MYSQL, my, "prod.sql"))
                    .hasMessageContaining("prod.sql line " + lineOf(my, "INSERT INTO nowhere") + ":")
                    .hasMessageContaining("INSERT INTO nowhere");
        }
    }

    @Test
    void instanceDatabases_followRestoreRenameReplicaAndDeletion() throws Exception {
        Emulators.reset();
        RdsClient rds = Emulators.clients().rds();
        rds.createDBInstance(b -> b.dbInstanceIdentifier("prod").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("not-used-here-1").allocatedStorage(20));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("qa").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword("not-used-here-2").allocatedStorage(20));
        EmulatedData data = new EmulatedData(mariaDb, rds, "prod", endpoints).finalName("qatemp", "qa");
        data.seed((server, db) -> {
            try (Connection c = server.connect(db)) {
                DumpLoader.load(c, SqlDialect.MYSQL, MYSQLDUMP, "prod.sql");
            }
            return "the test dump";
        });
        String prodDb = data.backing("prod").orElseThrow().database();
        assertThat(count(mariaDb, data.backing("qa").orElseThrow().database(), "information_schema.tables WHERE table_schema = DATABASE()"))
                .as("the current target starts empty").isZero();

        rds.restoreDBInstanceToPointInTime(b -> b.sourceDBInstanceIdentifier("prod").targetDBInstanceIdentifier("qatemp")
                .useLatestRestorableTime(true));
        data.sync();
        String copy = data.backing("qatemp").orElseThrow().database();
        assertThat(copy).isNotEqualTo(prodDb).as("named after the target the copy becomes").endsWith("_qa")
                .isNotEqualTo(data.backing("qa").orElseThrow().database());
        assertThat(count(mariaDb, copy, "people")).isEqualTo(3);
        // the copy is a copy: masking it leaves production alone
        try (Connection c = mariaDb.connect(copy); Statement s = c.createStatement()) {
            s.execute("UPDATE people SET email = CONCAT('user_', id, '@example.invalid')");
        }
        assertThat(count(mariaDb, prodDb, "people WHERE email LIKE '%@example.invalid'")).isZero();

        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("qa").skipFinalSnapshot(true));
        rds.modifyDBInstance(b -> b.dbInstanceIdentifier("qatemp").newDBInstanceIdentifier("qa").applyImmediately(true));
        data.sync();
        assertThat(data.backing("qa").orElseThrow().database()).as("the database follows the rename").isEqualTo(copy);
        assertThat(data.backing("qatemp")).isEmpty();
        DatabaseEndpoint endpoint = endpoints.resolve("qa", null).orElseThrow();
        assertThat(endpoint.database()).isEqualTo(copy);
        assertThat(endpoint.port()).isEqualTo(mariaDb.port());
        assertThat(endpoints.resolve("qatemp", null)).isEmpty();

        rds.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier("qa-ro").sourceDBInstanceIdentifier("qa"));
        data.sync();
        String replica = data.backing("qa-ro").orElseThrow().database();
        assertThat(count(mariaDb, replica, "people WHERE email LIKE '%@example.invalid'")).as("a replica of the masked copy").isEqualTo(3);

        rds.deleteDBInstance(b -> b.dbInstanceIdentifier("qa-ro").skipFinalSnapshot(true));
        data.sync();
        assertThat(databases(mariaDb)).doesNotContain(replica).contains(copy, prodDb);
    }

    @Test
    void aClusterAndItsInstances_shareOneDatabase_andAFastCloneCopiesTheSource() throws Exception {
        Emulators.reset();
        RdsClient rds = Emulators.clients().rds();
        rds.createDBCluster(b -> b.dbClusterIdentifier("prodclu").engine("aurora-postgresql").masterUsername("appadmin")
                .masterUserPassword("not-used-here-3"));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("prodclu-w").dbClusterIdentifier("prodclu").engine("aurora-postgresql")
                .dbInstanceClass("db.r6g.large"));
        EmulatedData data = new EmulatedData(postgres, rds, "prodclu", endpoints);
        data.seed((server, db) -> {
            try (Connection c = server.connect(db)) {
                DumpLoader.load(c, SqlDialect.POSTGRESQL, PG_DUMP, "prod.sql");
            }
            return "the test dump";
        });
        assertThat(data.backing("prodclu-w")).isEqualTo(data.backing("prodclu"));

        rds.restoreDBClusterToPointInTime(b -> b.sourceDBClusterIdentifier("prodclu").dbClusterIdentifier("devclu")
                .restoreType("copy-on-write").useLatestRestorableTime(true));
        rds.createDBInstance(b -> b.dbInstanceIdentifier("devclu-w").dbClusterIdentifier("devclu").engine("aurora-postgresql")
                .dbInstanceClass("db.r6g.large"));
        data.sync();
        String clone = data.backing("devclu").orElseThrow().database();
        assertThat(data.backing("devclu-w").orElseThrow().database()).isEqualTo(clone);
        assertThat(count(postgres, clone, "public.people")).isEqualTo(3);
        assertThat(endpoints.resolve("devclu-w", "devclu").orElseThrow().database()).isEqualTo(clone);
        // the master user the refresh logs in as exists on the server
        try (Connection c = postgres.connect(null)) {
            assertThat(column(c, "SELECT rolname FROM pg_roles WHERE rolname = 'appadmin'")).containsExactly("appadmin");
        }
    }

    private static long count(LocalDatabases server, String db, String from) throws SQLException {
        try (Connection c = server.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> databases(LocalDatabases server) throws SQLException {
        try (Connection c = server.connect(null)) {
            return column(c, "SHOW DATABASES");
        }
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }
}
