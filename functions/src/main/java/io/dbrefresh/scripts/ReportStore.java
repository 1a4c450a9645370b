package io.dbrefresh.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectWriter;

import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Run reports in S3, one per execution: {@code <prefix>/reports/<execution>.json}. */
public final class ReportStore {

    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private final S3Client s3;

    public ReportStore(S3Client s3) {
        this.s3 = s3;
    }

    public static String key(String prefix, String execution) {
        return ScriptSource.objectKey(prefix, "reports/" + execution + ".json");
    }

    public static String uri(String bucket, String prefix, String execution) {
        return "s3://" + bucket + "/" + key(prefix, execution);
    }

    public void write(RunReport report) {
        byte[] json;
        try {
            json = WRITER.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(PutObjectRequest.builder().bucket(report.bucket()).key(key(report.prefix(), report.execution()))
                .contentType("application/json").build(), RequestBody.fromBytes(json));
    }

    /** Forgets a run that could not be launched, so that a retried start launches it afresh. */
    public void delete(String bucket, String prefix, String execution) {
        s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key(prefix, execution)).build());
    }

    public Optional<RunReport> read(String bucket, String prefix, String execution) {
        try {
            byte[] json = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key(prefix, execution)).build()).asByteArray();
            return Optional.of(Json.MAPPER.readValue(json, RunReport.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("run report " + uri(bucket, prefix, execution) + " is not valid JSON", e);
        }
    }
}
