package io.dbrefresh.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;

class EmulatorsIT {

    @BeforeEach
    void defaultSettings() {
        // the default is what is under test: skip when this JVM was told to use something else
        assumeTrue(System.getProperty(Emulator.PROPERTY) == null && System.getenv(Emulator.ENV) == null);
        Emulators.reset();
    }

    @Test
    void byDefault_motoServesEveryService() {
        AwsClients aws = Emulators.clients();

        assertThat(Emulators.selected()).isEqualTo(Emulator.MOTO);
        for (String service : new String[] {"rds", "ec2", "dynamodb", "sns", "sqs", "s3", "secretsmanager", "ssm"}) {
            assertThat(Emulators.endpoint(service)).as(service).isEqualTo(Emulators.endpoint());
            assertThat(aws.endpoint(service)).as(service).contains(Emulators.endpoint());
        }
        assertThat(aws.dynamoDb().listTables().tableNames()).isEmpty();
        assertThat(aws.rds().describeDBInstances().dbInstances()).isEmpty();
    }

    @Test
    void reset_forgetsWhatATestCreated() {
        AwsClients aws = Emulators.clients();
        aws.sns().createTopic(b -> b.name("left-behind"));

        Emulators.reset();

        assertThat(aws.sns().listTopics().topics()).isEmpty();
    }
}
