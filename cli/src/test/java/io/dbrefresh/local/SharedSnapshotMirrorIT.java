package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;

/**
 * The local world's workaround for the emulator's gap with snapshots shared across accounts
 * holds only where AWS would restore: a snapshot another account shared with this one is
 * restored by its ARN and nothing of the mirror stays; one it did not share fails as on AWS.
 */
class SharedSnapshotMirrorIT {

    private static final String SOURCE = "222233334444";
    private static final String ARN = "arn:aws:rds:us-east-1:" + SOURCE + ":snapshot:shopprod-weekly";

    private RdsClient source;
    private RdsClient target;
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void productionSnapshotInItsOwnAccount() {
        Emulators.reset();
        source = AwsClients.forEndpoint(Emulators.endpoint(), Emulators.REGION, "testing", "testing",
                EmulatedSourceAccount.inAccount(SOURCE)).rds();
        source.createDBInstance(b -> b.dbInstanceIdentifier("shopprod").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("shopadmin").masterUserPassword("not-a-real-one-1").allocatedStorage(120).storageEncrypted(true));
        source.createDBSnapshot(b -> b.dbInstanceIdentifier("shopprod").dbSnapshotIdentifier("shopprod-weekly"));
        RdsClient plain = Emulators.clients().rds();
        SharedSnapshotMirror mirror = new SharedSnapshotMirror(LocalExecution.ACCOUNT, "testing", plain, account -> source, said::add);
        target = AwsClients.forEndpoint(Emulators.endpoint(), Emulators.REGION, "testing", "testing", mirror).rds();
    }

    @Test
    void aSnapshotSharedWithThisAccount_isRestoredByItsArn_fromAMirrorThatIsGoneAfterwards() {
        source.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("shopprod-weekly").attributeName("restore")
                .valuesToAdd(LocalExecution.ACCOUNT));

        target.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("shopstagetemp").dbSnapshotIdentifier(ARN));

        var copy = target.describeDBInstances(b -> b.dbInstanceIdentifier("shopstagetemp")).dbInstances().getFirst();
        assertThat(copy.engine()).isEqualTo("mysql");
        assertThat(copy.masterUsername()).as("the shared snapshot's master user").isEqualTo("shopadmin");
        assertThat(copy.allocatedStorage()).isEqualTo(120);
        assertThat(copy.storageEncrypted()).isTrue();
        assertThat(said).singleElement().asString().contains(ARN).contains("emulator gap");
        assertThat(target.describeDBSnapshots(b -> b.snapshotType("manual")).dbSnapshots()).as("no mirror left").isEmpty();
        assertThat(target.describeDBInstances().dbInstances()).extracting(i -> i.dbInstanceIdentifier())
                .as("no mirror instance left").containsExactly("shopstagetemp");
    }

    @Test
    void aSnapshotSharedWithThisAccount_isListedAsShared_asRdsListsIt() {
        source.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("shopprod-weekly").attributeName("restore")
                .valuesToAdd(LocalExecution.ACCOUNT));

        List<DBSnapshot> shared = target.describeDBSnapshots(b -> b.snapshotType("shared").includeShared(true)).dbSnapshots();

        assertThat(shared).extracting(DBSnapshot::dbSnapshotArn, DBSnapshot::snapshotType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ARN, "shared"));
    }

    @Test
    void aSnapshotNotSharedWithThisAccount_failsAsOnAws_andNoMirrorIsMade() {
        assertThatThrownBy(() -> target.restoreDBInstanceFromDBSnapshot(b -> b.dbInstanceIdentifier("shopstagetemp")
                .dbSnapshotIdentifier(ARN))).isInstanceOf(DbSnapshotNotFoundException.class);

        assertThat(said).isEmpty();
        assertThat(target.describeDBInstances().dbInstances()).isEmpty();
    }

    @Test
    void theSourceAccountsOwnCalls_passUntouched() {
        source.modifyDBSnapshotAttribute(b -> b.dbSnapshotIdentifier("shopprod-weekly").attributeName("restore")
                .valuesToAdd(LocalExecution.ACCOUNT));
        AwsClients assumed = AwsClients.forEndpoint(Emulators.endpoint(), Emulators.REGION, "testing", "testing",
                new SharedSnapshotMirror(LocalExecution.ACCOUNT, "testing", Emulators.clients().rds(), account -> source, said::add))
                .assumingRole("arn:aws:iam::" + SOURCE + ":role/dbrefresh-source-access", "test");

        assumed.rds().copyDBSnapshot(b -> b.sourceDBSnapshotIdentifier(ARN).targetDBSnapshotIdentifier("shopprod-weekly-copy"));

        assertThat(said).as("the source account copies its own snapshot: no mirror").isEmpty();
        assertThat(source.describeDBSnapshots(b -> b.dbSnapshotIdentifier("shopprod-weekly-copy")).dbSnapshots()).hasSize(1);
    }
}
