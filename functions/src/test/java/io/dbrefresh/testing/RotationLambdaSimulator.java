package io.dbrefresh.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.secrets.SecretStore;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretRequest;

/**
 * Stands in for a rotation Lambda, which moto cannot run here (it has no way to run a Lambda
 * without Docker, and refuses a RotationLambdaARN it cannot find). Two parts:
 * <ul>
 * <li>as an interceptor on the clients under test: DescribeSecret shows the configured
 * secrets with rotation enabled and a Lambda attached; after RotateSecret, moto has already
 * made the new, empty version AWSCURRENT (its behaviour without a Lambda), so the simulator
 * puts the secret in the state AWS leaves it in while the Lambda runs: AWSCURRENT still on
 * the old version, AWSPENDING on the new one;</li>
 * <li>as the Lambda itself, driven by the test between checks, through its own client (not
 * intercepted): {@link #createSecret} writes the new password to the AWSPENDING version,
 * {@link #finishSecret} moves AWSCURRENT to it. A failing Lambda is simulated by stopping
 * before one of them, which leaves AWSPENDING stuck as on AWS.</li>
 * </ul>
 */
public final class RotationLambdaSimulator implements ExecutionInterceptor {

    public static final String LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:SecretsManagerRDSMySQLRotationSingleUser";

    private final Set<String> configured = ConcurrentHashMap.newKeySet();
    private final Map<String, String[]> rotations = new ConcurrentHashMap<>();
    private SecretsManagerClient direct;
    private volatile String autoCompletePassword;

    /**
     * Makes every rotation finish at once with this new password, as a quick rotation Lambda
     * would between two checks (for end-to-end runs, where no test drives the steps).
     */
    public void completeRotationsWith(String newPassword) {
        this.autoCompletePassword = newPassword;
    }

    /** The Lambda's own client: not intercepted, as a real rotation function's calls are not ours. */
    public void attach(SecretsManagerClient lambdaClient) {
        this.direct = lambdaClient;
    }

    /** Rotation is configured on this secret (as RotateSecret with a RotationLambdaARN would on AWS). */
    public void configure(String secretName) {
        configured.add(secretName);
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof DescribeSecretResponse d && configured.contains(d.name())) {
            return d.toBuilder().rotationEnabled(true).rotationLambdaARN(LAMBDA_ARN).build();
        }
        return context.response();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof RotateSecretRequest r) || !configured.contains(r.secretId())) {
            return;
        }
        String token = r.clientRequestToken();
        DescribeSecretResponse d = direct.describeSecret(b -> b.secretId(r.secretId()));
        String old = SecretStore.versionWith(d, "AWSPREVIOUS").orElseThrow();
        direct.updateSecretVersionStage(b -> b.secretId(r.secretId()).versionStage("AWSCURRENT").removeFromVersionId(token).moveToVersionId(old));
        direct.updateSecretVersionStage(b -> b.secretId(r.secretId()).versionStage("AWSPREVIOUS").removeFromVersionId(token));
        direct.updateSecretVersionStage(b -> b.secretId(r.secretId()).versionStage("AWSPENDING").moveToVersionId(token));
        rotations.put(r.secretId(), new String[] {token, old});
        if (autoCompletePassword != null) {
            createSecret(r.secretId(), autoCompletePassword);
            finishSecret(r.secretId());
        }
    }

    /** The Lambda's createSecret step: the current value with a new password, as the AWSPENDING version. */
    public void createSecret(String secretName, String newPassword) {
        String token = rotations.get(secretName)[0];
        // moto names a version's value by id; AWSCURRENT is read by its old version id, which holds it
        String current = direct.getSecretValue(b -> b.secretId(secretName).versionId(rotations.get(secretName)[1])).secretString();
        ObjectNode next;
        try {
            next = (ObjectNode) Json.MAPPER.readTree(current);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        next.put("password", newPassword);
        direct.putSecretValue(b -> b.secretId(secretName).clientRequestToken(token).secretString(next.toString()).versionStages("AWSPENDING"));
    }

    /** The Lambda's finishSecret step: AWSCURRENT moves to the new version, AWSPENDING goes. */
    public void finishSecret(String secretName) {
        String[] r = rotations.get(secretName);
        direct.updateSecretVersionStage(b -> b.secretId(secretName).versionStage("AWSCURRENT").moveToVersionId(r[0]).removeFromVersionId(r[1]));
        direct.updateSecretVersionStage(b -> b.secretId(secretName).versionStage("AWSPENDING").removeFromVersionId(r[0]));
    }
}
