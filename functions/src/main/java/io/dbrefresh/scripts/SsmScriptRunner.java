package io.dbrefresh.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.InvalidRefreshFileException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationRequest;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.PingStatus;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;
import software.amazon.awssdk.services.ssm.model.SendCommandResponse;

/**
 * {@code method: ec2}: Run Command (AWS-RunShellScript) on the instance the refresh file
 * names, by id or by tag "Key=Value" (the first online managed instance with that tag, as
 * Systems Manager sees it: only those can run the command). The command downloads the scripts from S3 and runs
 * them with {@code mysql}, {@code psql}, {@code sqlcmd} or {@code sqlplus}; it reads the password from Secrets Manager on the
 * instance, so the command text carries the secret's name and never its value. The
 * instance's role needs s3:GetObject on the scripts, s3:PutObject on the reports and
 * secretsmanager:GetSecretValue on the secret.
 */
public final class SsmScriptRunner {

    public static final String DOCUMENT = "AWS-RunShellScript";
    /** How long the scripts may run on the instance. */
    public static final int EXECUTION_TIMEOUT_SECONDS = 3600;

    private static final String BODY = resource("ssm-run-scripts.sh");

    private final SsmClient ssm;
    private final EndpointResolver endpoints;
    private final TlsPolicy tls;
    private final String region;

    public SsmScriptRunner(SsmClient ssm, EndpointResolver endpoints, TlsPolicy tls, String region) {
        this.ssm = ssm;
        this.endpoints = endpoints;
        this.tls = tls;
        this.region = region;
    }

    /** Sends the command; the returned report names it, for the check. */
    public RunReport send(ScriptRunRequest req, RunReport pending) {
        if (!CredentialsSource.usesSecret(req.spec())) {
            throw new InvalidRefreshFileException("runscripts method ec2 needs access: secret: a password from the "
                    + "refresh file would have to travel in the command text");
        }
        if (req.spec().secretName() == null || req.spec().secretName().isBlank()) {
            throw new InvalidRefreshFileException("runscripts method ec2 needs secretname");
        }
        String instanceId = instanceId(req);
        DatabaseEndpoint endpoint = endpoints.resolve(req.instance(), req.cluster())
                .orElseThrow(() -> new DatabaseNotFoundException("runscripts: " + req.target() + " not found"));
        SendCommandResponse r = ssm.sendCommand(SendCommandRequest.builder().documentName(DOCUMENT).instanceIds(instanceId)
                .comment(abbreviate("dbrefresh runscripts " + req.execution() + " on " + req.target()))
                .timeoutSeconds(600)
                .parameters(Map.of("commands", commands(req, endpoint),
                        "executionTimeout", List.of(Integer.toString(EXECUTION_TIMEOUT_SECONDS))))
                .build());
        return pending.withCommand(r.command().commandId(), instanceId);
    }

    /** The lines of the shell script sent: variable assignments, then the fixed body. */
    public List<String> commands(ScriptRunRequest req, DatabaseEndpoint endpoint) {
        TlsMode fromFile = req.spec().tls() == null ? null : TlsMode.parse(req.spec().tls());
        TlsMode mode = tls.effective(fromFile);
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        export(lines, "REGION", region);
        export(lines, "BUCKET", req.bucket());
        export(lines, "PREFIX", req.prefix());
        export(lines, "REPORT_KEY", ReportStore.key(req.prefix(), req.execution()));
        export(lines, "SECRET_ID", req.spec().secretName());
        export(lines, "FAMILY", req.dialect().family());
        export(lines, "ENGINE", req.engine());
        export(lines, "DB_HOST", endpoint.host());
        export(lines, "DB_PORT", Integer.toString(endpoint.port()));
        export(lines, "DB_NAME", endpoint.database() == null ? "" : endpoint.database());
        export(lines, "TLS_MODE", mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        export(lines, "CA_BUNDLE", tls.caBundle() == null ? "" : tls.caBundle());
        if (tls.caBundle() == null && mode != TlsMode.DISABLE) {
            // without a bundle of its own on the instance, the clients verify against the region's RDS authorities, sent along
            export(lines, "RDS_CA", RdsCaBundle.pemForRegion(region, Instant.now()));
        }
        if (req.dialect() == SqlDialect.ORACLE) {
            export(lines, "ORACLE_TLS_PORT", Integer.toString(TlsPolicy.oracleTlsPort()));
        }
        export(lines, "CONTINUE_ON_ERROR", Boolean.toString(req.spec().continueOnError()));
        export(lines, "SINGLE_TRANSACTION", Boolean.toString(req.spec().singleTransaction()));
        export(lines, "EXECUTION", req.execution());
        export(lines, "TARGET", req.target());
        StringBuilder keys = new StringBuilder("KEYS=(");
        req.keys().forEach(k -> keys.append(' ').append(quote(k)));
        lines.add(keys.append(" )").toString());
        lines.addAll(BODY.lines().toList());
        return lines;
    }

    String instanceId(ScriptRunRequest req) {
        String id = req.spec().ec2InstanceId();
        if (id != null && !id.isBlank()) {
            return id;
        }
        String tag = req.spec().ec2InstanceTag();
        int eq = tag == null ? -1 : tag.indexOf('=');
        if (eq <= 0) {
            throw new InvalidRefreshFileException("runscripts method ec2 needs ec2instanceid, or ec2instancetag as Key=Value");
        }
        String key = tag.substring(0, eq);
        String value = tag.substring(eq + 1);
        // a tag filter cannot be combined with a PingStatus filter: online is checked here
        List<InstanceInformation> online = ssm.describeInstanceInformationPaginator(DescribeInstanceInformationRequest.builder()
                        .filters(InstanceInformationStringFilter.builder().key("tag:" + key).values(value).build()).build())
                .instanceInformationList().stream()
                .filter(i -> i.pingStatus() == PingStatus.ONLINE)
                .sorted(Comparator.comparing(InstanceInformation::instanceId)).toList();
        if (online.isEmpty()) {
            throw new Ec2InstanceNotFoundException("no online managed instance is tagged " + key + "=" + value);
        }
        return online.get(0).instanceId();
    }

    private static void export(List<String> lines, String name, String value) {
        lines.add("export " + name + "=" + quote(value == null ? "" : value));
    }

    /** Single-quoted for bash: nothing inside is expanded. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100);
    }

    private static String resource(String name) {
        try (InputStream in = SsmScriptRunner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
